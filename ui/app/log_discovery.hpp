// Open Folder's two halves outside the window: the engine's discoverLogs on
// Qt paths (run by a background job: a triage folder can hold thousands of
// files) and the line the status bar says once the logs are open.
#pragma once

#include "evtx/case/discovery.hpp"

#include <QString>
#include <QStringList>

namespace evtxui {

// The EVTX logs below `folders` (recursive, found by header) and the files
// skipped with their reasons. Reads files; call it off the GUI thread.
evtx::LogDiscovery discoverFolders(const QStringList& folders);

// A path the engine found, back to a QString (file names in local 8-bit).
QString discoveredPath(const std::string& path);

// "40 logs opened from C:\Triage (2 skipped)".
QString folderOpenSummary(qsizetype opened, const QStringList& folders, qsizetype skipped);

} // namespace evtxui
