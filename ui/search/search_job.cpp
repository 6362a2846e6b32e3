#include "search/search_job.hpp"

#include "document/log_document.hpp"
#include "jobs/background_pool.hpp"

namespace evtxui {

namespace {
// How often queued hits and the progress reach the GUI thread: often enough
// that the first hits show at once, rarely enough to cost nothing.
constexpr int kDeliverIntervalMs = 40;
} // namespace

SearchJob::SearchJob(LogDocument* document, QObject* parent)
    : QObject(parent), document_(document) {
    poll_.setInterval(kDeliverIntervalMs);
    connect(&poll_, &QTimer::timeout, this, &SearchJob::deliver);
    connect(&watcher_, &QFutureWatcherBase::finished, this, &SearchJob::runFinished);
}

SearchJob::~SearchJob() {
    cancel();
    watcher_.waitForFinished();
}

void SearchJob::start(const evtx::TextSearchPattern& pattern) {
    if (running_) {
        // One run at a time on the pool: the newest search starts when the
        // cancelled one has returned (within a block of records).
        next_ = pattern;
        discard_ = true;
        run_->cancel = true;
        return;
    }
    running_ = true;
    discard_ = false;
    unreadable_ = 0;
    run_ = std::make_shared<Run>();
    const evtx::IndexFilterRequest request = document_->filterRequest();
    auto run = run_;
    watcher_.setFuture(runInBackground([pattern, request, run] {
        const evtx::SearchHitsSink sink = [run](std::vector<uint32_t>&& rows) {
            const std::lock_guard<std::mutex> lock(run->mutex);
            if (run->pending.empty())
                run->pending = std::move(rows);
            else
                run->pending.insert(run->pending.end(), rows.begin(), rows.end());
        };
        const evtx::FilterProgress report = [run](uint64_t done, uint64_t total) {
            run->done = done;
            run->total = total;
        };
        return evtx::searchIndex(pattern, request, sink, report, &run->cancel);
    }));
    poll_.start();
}

void SearchJob::cancel() {
    next_.reset();
    if (!running_) return;
    discard_ = true;
    run_->cancel = true;
}

void SearchJob::deliver() {
    if (!run_ || discard_) return;
    std::vector<uint32_t> rows;
    {
        const std::lock_guard<std::mutex> lock(run_->mutex);
        rows.swap(run_->pending);
    }
    if (!rows.empty()) emit hitsFound(rows);
    emit progress(run_->done.load(), run_->total.load());
}

void SearchJob::runFinished() {
    poll_.stop();
    const evtx::TextSearchResult result = watcher_.result();
    const bool superseded = next_.has_value();
    const bool cancelled = result.cancelled || discard_;
    if (!cancelled) deliver(); // the last blocks' hits
    running_ = false;
    if (superseded) {
        const evtx::TextSearchPattern pattern = *next_;
        next_.reset();
        start(pattern);
        return;
    }
    unreadable_ = result.unreadable;
    discard_ = false;
    emit finished(cancelled);
}

} // namespace evtxui
