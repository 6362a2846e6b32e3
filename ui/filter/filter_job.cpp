#include "filter/filter_job.hpp"

#include "document/log_document.hpp"

#include "evtx/query/index_filter.hpp"

#include <algorithm>

namespace evtxui {

FilterJob::FilterJob(LogDocument* document, QObject* parent)
    : QObject(parent), document_(document), job_([this](Outcome&& out) {
          rows_ = std::move(out.rows);
          unreadable_ = out.unreadable;
      }) {
    connect(&job_, &JobRunner::progress, this, &FilterJob::progress);
    connect(&job_, &JobRunner::finished, this,
            [this](quint64, bool cancelled) { emit finished(cancelled); });
}

FilterJob::~FilterJob() = default; // job_ cancels and waits

void FilterJob::start(const evtx::Query& query) {
    const evtx::IndexFilterRequest request = document_->filterRequest();
    job_.start([query, request](JobToken& token) {
        const evtx::FilterProgress report = [&token](uint64_t done, uint64_t total) {
            token.setProgress(done, total);
        };
        evtx::IndexFilterResult r = evtx::filterIndex(query, request, report, token.cancelFlag());
        Outcome out;
        out.unreadable = r.unreadable;
        if (!r.cancelled) {
            out.rows = std::move(r.rows);
            std::sort(out.rows.begin(), out.rows.end());
        }
        return out;
    });
}

} // namespace evtxui
