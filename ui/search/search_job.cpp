#include "search/search_job.hpp"

#include "document/log_document.hpp"

namespace evtxui {

namespace {
// How often queued hits and the progress reach the GUI thread: often enough
// that the first hits show at once, rarely enough to cost nothing.
constexpr int kDeliverIntervalMs = 40;
} // namespace

SearchJob::SearchJob(LogDocument* document, QObject* parent)
    : QObject(parent), document_(document), job_([this](Outcome&& out) {
          unreadable_ = out.result.unreadable;
          deliver(out.done, out.total); // the last blocks' hits
      }) {
    job_.setProgressInterval(kDeliverIntervalMs);
    connect(&job_, &JobRunner::progress, this, &SearchJob::deliver);
    connect(&job_, &JobRunner::finished, this, [this](quint64, bool cancelled) {
        pending_.reset();
        emit finished(cancelled);
    });
}

SearchJob::~SearchJob() = default; // job_ cancels and waits

void SearchJob::start(const evtx::TextSearchPattern& pattern) {
    unreadable_ = 0;
    // A superseded run keeps writing to its own Pending, which nobody reads.
    auto pending = std::make_shared<Pending>();
    pending_ = pending;
    const evtx::IndexFilterRequest request = document_->filterRequest();
    job_.start([pattern, request, pending](JobToken& token) {
        const evtx::SearchHitsSink sink = [pending](std::vector<uint32_t>&& rows) {
            const std::lock_guard<std::mutex> lock(pending->mutex);
            if (pending->rows.empty())
                pending->rows = std::move(rows);
            else
                pending->rows.insert(pending->rows.end(), rows.begin(), rows.end());
        };
        const evtx::FilterProgress report = [&token](uint64_t done, uint64_t total) {
            token.setProgress(done, total);
        };
        Outcome out;
        out.result = evtx::searchIndex(pattern, request, sink, report, token.cancelFlag());
        out.done = token.done();
        out.total = token.total();
        return out;
    });
}

void SearchJob::cancel() {
    pending_.reset(); // hits still queued are dropped
    job_.cancel();
}

void SearchJob::deliver(quint64 done, quint64 total) {
    if (!pending_) return;
    std::vector<uint32_t> rows;
    {
        const std::lock_guard<std::mutex> lock(pending_->mutex);
        rows.swap(pending_->rows);
    }
    if (!rows.empty()) emit hitsFound(rows);
    emit progress(done, total);
}

} // namespace evtxui
