#include "filter/filter_job.hpp"

#include "document/log_document.hpp"
#include "jobs/background_pool.hpp"

#include "evtx/query/index_filter.hpp"

#include <algorithm>

namespace evtxui {

namespace {
constexpr int kProgressIntervalMs = 100;
}

FilterJob::FilterJob(LogDocument* document, QObject* parent)
    : QObject(parent), document_(document) {
    poll_.setInterval(kProgressIntervalMs);
    connect(&poll_, &QTimer::timeout, this, [this] {
        if (run_) emit progress(run_->done.load(), run_->total.load());
    });
    connect(&watcher_, &QFutureWatcherBase::finished, this, &FilterJob::runFinished);
}

FilterJob::~FilterJob() {
    cancel();
    watcher_.waitForFinished();
}

void FilterJob::start(const evtx::Query& query) {
    if (running_) {
        // One run at a time on the pool: the newest query starts when the
        // cancelled one has returned.
        next_ = query;
        restart_ = true;
        run_->cancel = true;
        return;
    }
    running_ = true;
    run_ = std::make_shared<Run>();
    const evtx::IndexFilterRequest request = document_->filterRequest();
    auto run = run_;
    watcher_.setFuture(runInBackground([query, request, run] {
        const evtx::FilterProgress report = [run](uint64_t done, uint64_t total) {
            run->done = done;
            run->total = total;
        };
        evtx::IndexFilterResult r = evtx::filterIndex(query, request, report, &run->cancel);
        Outcome out;
        out.cancelled = r.cancelled;
        out.unreadable = r.unreadable;
        if (!r.cancelled) {
            out.rows = std::move(r.rows);
            std::sort(out.rows.begin(), out.rows.end());
        }
        return out;
    }));
    poll_.start();
}

void FilterJob::cancel() {
    next_.reset();
    restart_ = false;
    discard_ = running_;
    if (run_) run_->cancel = true;
}

void FilterJob::runFinished() {
    poll_.stop();
    running_ = false;
    Outcome out = watcher_.result();
    const bool cancelled = out.cancelled || discard_;
    discard_ = false;
    if (restart_ && next_) {
        restart_ = false;
        evtx::Query q = *next_;
        next_.reset();
        start(q);
        return;
    }
    if (!cancelled) {
        rows_ = std::move(out.rows);
        unreadable_ = out.unreadable;
    }
    emit finished(cancelled);
}

} // namespace evtxui
