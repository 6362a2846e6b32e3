// The "Open Recent" list, kept in QSettings (most recent first).
#pragma once

#include <QStringList>

namespace evtxui {

QStringList recentFiles();
void addRecentFile(const QString& path);
void clearRecentFiles();

inline constexpr int kMaxRecentFiles = 10;

} // namespace evtxui
