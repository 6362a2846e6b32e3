#include "app/recent_files.hpp"

#include <QFileInfo>
#include <QSettings>

namespace evtxui {

namespace {
const QString kKey = QStringLiteral("recentFiles");
}

QStringList recentFiles() {
    return QSettings().value(kKey).toStringList();
}

void addRecentFile(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings().setValue(kKey, files);
}

void clearRecentFiles() {
    QSettings().remove(kKey);
}

} // namespace evtxui
