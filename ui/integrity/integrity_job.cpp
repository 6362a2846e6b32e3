#include "integrity/integrity_job.hpp"

#include "document/log_document.hpp"

namespace evtxui {

IntegrityJob::IntegrityJob(LogDocument* document, QObject* parent)
    : QObject(parent), document_(document), job_([this](evtx::IntegrityReport&& report) {
          report_ = std::move(report);
          hasReport_ = true;
      }) {
    connect(&job_, &JobRunner::progress, this, &IntegrityJob::progress);
    connect(&job_, &JobRunner::finished, this, [this](quint64, bool cancelled) {
        if (!cancelled) {
            const quint64 total = report_.chunkBlocks;
            emit progress(total, total);
        }
        emit finished(cancelled);
    });
}

IntegrityJob::~IntegrityJob() = default; // job_ cancels and waits

void IntegrityJob::start() {
    const evtx::Bytes file = document_->bytes(); // mapped read-only, lives with the document
    job_.start([file](JobToken& token) {
        return evtx::checkIntegrity(
            file, [&token](uint64_t done, uint64_t total) { token.setProgress(done, total); },
            token.cancelFlag());
    });
}

} // namespace evtxui
