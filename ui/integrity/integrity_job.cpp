#include "integrity/integrity_job.hpp"

#include "document/log_document.hpp"
#include "jobs/background_pool.hpp"

namespace evtxui {

namespace {
constexpr int kProgressIntervalMs = 100;
}

IntegrityJob::IntegrityJob(LogDocument* document, QObject* parent)
    : QObject(parent), document_(document) {
    poll_.setInterval(kProgressIntervalMs);
    connect(&poll_, &QTimer::timeout, this, [this] {
        if (run_) emit progress(run_->done.load(), run_->total.load());
    });
    connect(&watcher_, &QFutureWatcherBase::finished, this, &IntegrityJob::runFinished);
}

IntegrityJob::~IntegrityJob() {
    cancel();
    watcher_.waitForFinished();
}

void IntegrityJob::start() {
    if (running_) {
        restart_ = true; // starts again when the cancelled run has returned
        run_->cancel = true;
        return;
    }
    running_ = true;
    run_ = std::make_shared<Run>();
    auto run = run_;
    const evtx::Bytes file = document_->bytes(); // mapped read-only, lives with the document
    watcher_.setFuture(runInBackground([file, run] {
        return evtx::checkIntegrity(
            file,
            [run](uint64_t done, uint64_t total) {
                run->done = done;
                run->total = total;
            },
            &run->cancel);
    }));
    poll_.start();
}

void IntegrityJob::cancel() {
    restart_ = false;
    if (run_) run_->cancel = true;
}

void IntegrityJob::runFinished() {
    poll_.stop();
    running_ = false;
    evtx::IntegrityReport r = watcher_.result();
    if (restart_) {
        restart_ = false;
        start();
        return;
    }
    const bool cancelled = r.cancelled;
    if (!cancelled) {
        report_ = std::move(r);
        hasReport_ = true;
        emit progress(run_->total.load(), run_->total.load());
    }
    emit finished(cancelled);
}

} // namespace evtxui
