#include "export/export_job.hpp"

#include "common/counted.hpp"
#include "document/log_document.hpp"
#include "document/time_window.hpp"
#include "jobs/background_pool.hpp"

#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace evtxui {

ExportJob::ExportJob(LogDocument* document, std::vector<uint32_t> rows, evtx::ExportFormat format,
                     const QString& path, QObject* parent)
    : QObject(parent), document_(document), rows_(std::move(rows)), format_(format), path_(path) {
    connect(&watcher_, &QFutureWatcherBase::finished, this, [this] {
        const QString error = watcher_.result();
        if (cancelled_)
            emit finished(false, tr("Export cancelled"));
        else if (!error.isEmpty())
            emit finished(false, error);
        else
            emit finished(
                true, path_.isEmpty()
                          ? tr("Copied %1").arg(counted(qint64(rows_.size()), "record", "records"))
                          : tr("Exported %1 to %2")
                                .arg(counted(qint64(rows_.size()), "record", "records"),
                                     QFileInfo(path_).fileName()));
    });
}

ExportJob::~ExportJob() {
    cancel();
    watcher_.waitForFinished();
}

evtx::ExportFormat ExportJob::formatForPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("xml")) return evtx::ExportFormat::Xml;
    if (suffix == QLatin1String("csv")) return evtx::ExportFormat::Csv;
    return evtx::ExportFormat::Jsonl;
}

void ExportJob::start() {
    watcher_.setFuture(runInBackground([this] { return run(); }));
}

QString ExportJob::run() {
    evtx::ExportRequest req;
    req.file = document_->bytes();
    req.cache = &document_->templates();
    req.index = &document_->index();
    req.rows = rows_;
    req.format = format_;
    req.chunkLoaded = document_->chunkLoadHook();
    // CSV: the zone the table shows, named as its header names it.
    req.csvLocalTimes = timeMode_ == TimeZoneMode::Local;
    req.csvZoneName = indexTimeZoneLabel(document_->index().columns(), timeMode_).toStdString();

    // Progress at most about a hundred times, whatever the size.
    uint64_t lastReported = 0;
    auto progressFn = [&](uint64_t done, uint64_t total) {
        if (done != total && (done - lastReported) * 100 < total) return;
        lastReported = done;
        QMetaObject::invokeMethod(
            this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
    };

    if (path_.isEmpty()) {
        evtx::exportRecords(
            req, [&](std::string_view s) { memory_.append(s.data(), qsizetype(s.size())); },
            progressFn, &cancelled_);
        return {};
    }
    // Written next to the target and renamed at the end, so that a cancelled
    // or failed export never leaves a half file under the chosen name.
    const QString partial = path_ + QStringLiteral(".part");
    std::FILE* f = std::fopen(QFile::encodeName(partial).constData(), "wb");
    if (!f) return tr("Cannot write %1").arg(partial);
    bool writeOk = true;
    evtx::exportRecords(
        req,
        [&](std::string_view s) {
            if (std::fwrite(s.data(), 1, s.size(), f) != s.size()) writeOk = false;
        },
        progressFn, &cancelled_);
    writeOk = std::fclose(f) == 0 && writeOk;
    if (cancelled_ || !writeOk) {
        QFile::remove(partial);
        return writeOk ? QString() : tr("Write error on %1").arg(partial);
    }
    QFile::remove(path_);
    if (!QFile::rename(partial, path_)) return tr("Cannot rename %1 to %2").arg(partial, path_);
    return {};
}

} // namespace evtxui
