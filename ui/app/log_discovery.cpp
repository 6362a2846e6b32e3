#include "app/log_discovery.hpp"

#include "common/counted.hpp"

#include <QDir>
#include <QFile>

namespace evtxui {

evtx::LogDiscovery discoverFolders(const QStringList& folders) {
    std::vector<std::string> paths;
    paths.reserve(size_t(folders.size()));
    for (const QString& f : folders)
        paths.push_back(QFile::encodeName(f).toStdString());
    return evtx::discoverLogs(paths);
}

QString discoveredPath(const std::string& path) {
    return QFile::decodeName(QByteArray::fromStdString(path));
}

QString folderOpenSummary(qsizetype opened, const QStringList& folders, qsizetype skipped) {
    QStringList shown;
    for (const QString& f : folders)
        shown << QDir::toNativeSeparators(QDir::cleanPath(f));
    return QStringLiteral("%1 opened from %2 (%L3 skipped)")
        .arg(counted(opened, "log", "logs"), shown.join(QStringLiteral(", ")))
        .arg(skipped);
}

} // namespace evtxui
