#include "export/export_job.hpp"

#include "common/counted.hpp"
#include "document/log_document.hpp"
#include "document/time_window.hpp"

#include "evtx/knowledge/csv_timeline.hpp"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

namespace evtxui {

ExportJob::ExportJob(LogDocument* document, std::vector<uint32_t> rows, evtx::ExportFormat format,
                     const QString& path, QObject* parent)
    : QObject(parent), document_(document), rows_(std::move(rows)), format_(format), path_(path),
      job_([this](QString&& error) { error_ = std::move(error); }) {
    connect(&job_, &JobRunner::progress, this, &ExportJob::progress);
    connect(&job_, &JobRunner::finished, this,
            [this](quint64, bool cancelled) { runFinished(cancelled); });
}

ExportJob::~ExportJob() = default; // job_ cancels and waits

void ExportJob::runFinished(bool cancelled) {
    if (cancelled) {
        emit finished(false, tr("Export cancelled"));
        return;
    }
    if (!error_.isEmpty()) {
        emit finished(false, error_);
        return;
    }
    emit progress(rows_.size(), rows_.size());
    const QString records = counted(qint64(rows_.size()), "record", "records");
    emit finished(true, path_.isEmpty()
                            ? tr("Copied %1").arg(records)
                            : tr("Exported %1 to %2").arg(records, QFileInfo(path_).fileName()));
}

evtx::ExportFormat ExportJob::formatForPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("xml")) return evtx::ExportFormat::Xml;
    if (suffix == QLatin1String("csv")) return evtx::ExportFormat::Csv;
    return evtx::ExportFormat::Jsonl;
}

void ExportJob::start() {
    job_.start([this](JobToken& token) { return run(token); });
}

void ExportJob::useTimeline(evtx::ExportRequest& req) const {
    // The writers (one per worker thread) read the options and the shared
    // shapes; the factory keeps them, and the knowledge, alive.
    auto options = std::make_shared<evtx::knowledge::TimelineOptions>();
    options->knowledge = kb_.get();
    options->sourceFile = QFile::encodeName(document_->path()).toStdString();
    options->render = req.render;
    for (const QString& name : dataColumns_)
        options->extraDataColumns.push_back(name.toStdString());
    if (timeMode_ == TimeZoneMode::Local) {
        options->times = evtx::knowledge::TimelineTimes::Local;
        options->zoneLabel = zoneLabel().toStdString();
    }
    evtx::OutBuffer header;
    evtx::knowledge::writeTimelineHeader(header, *options);
    req.header = std::string(header.view());
    auto shapes = std::make_shared<evtx::SharedShapes>();
    req.makeWriter = [options, shapes, kb = kb_]() -> std::unique_ptr<evtx::RecordWriter> {
        return std::make_unique<evtx::knowledge::TimelineWriter>(*options, shapes.get());
    };
}

QString ExportJob::zoneLabel() const {
    // The offsets over the exported rows' span, as the table's header says them.
    if (rows_.empty()) return timeZoneLabel(TimeZoneMode::Local, 0, 0);
    const evtx::IndexColumns& c = document_->index().columns();
    uint64_t first = UINT64_MAX, last = 0;
    for (uint32_t row : rows_) {
        first = std::min(first, c.timeCreated(row));
        last = std::max(last, c.timeCreated(row));
    }
    return timeZoneLabel(TimeZoneMode::Local, first, last);
}

QString ExportJob::run(JobToken& token) {
    evtx::ExportRequest req;
    req.file = document_->bytes();
    req.cache = &document_->templates();
    req.index = &document_->index();
    req.rows = rows_;
    req.format = format_;
    req.chunkLoaded = document_->chunkLoadHook();
    if (format_ == evtx::ExportFormat::Csv) useTimeline(req);

    auto progressFn = [&token](uint64_t done, uint64_t total) { token.setProgress(done, total); };

    if (path_.isEmpty()) {
        evtx::exportRecords(
            req, [&](std::string_view s) { memory_.append(s.data(), qsizetype(s.size())); },
            progressFn, token.cancelFlag());
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
        progressFn, token.cancelFlag());
    writeOk = std::fclose(f) == 0 && writeOk;
    if (token.isCancelled() || !writeOk) {
        QFile::remove(partial);
        return writeOk ? QString() : tr("Write error on %1").arg(partial);
    }
    QFile::remove(path_);
    if (!QFile::rename(partial, path_)) return tr("Cannot rename %1 to %2").arg(partial, path_);
    return {};
}

} // namespace evtxui
