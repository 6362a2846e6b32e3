#include "table/record_locator.hpp"

#include "document/log_document.hpp"

#include <algorithm>

namespace evtxui {

RecordLocator::RecordLocator(LogDocument* document, QObject* parent)
    : QObject(parent), document_(document), job_([this](Table&& table) {
          table_ = std::move(table);
          ready_ = true;
          answer();
      }) {
    connect(document_, &LogDocument::indexingFinished, this, [this] {
        if (pending_) build();
    });
}

RecordLocator::~RecordLocator() = default; // job_ cancels and waits

void RecordLocator::find(uint64_t recordId) {
    pending_ = recordId;
    if (ready_) {
        answer();
        return;
    }
    if (document_->indexFinished()) build();
}

void RecordLocator::build() {
    if (job_.isRunning() || ready_) return;
    const evtx::RecordIndex* index = &document_->index(); // finished: no longer changes
    job_.start([index](JobToken&) {
        const evtx::IndexColumns& c = index->columns();
        Table t(c.size());
        for (size_t i = 0; i < t.size(); ++i)
            t[i] = {c.recordId(i), uint32_t(i)};
        std::sort(t.begin(), t.end());
        return t;
    });
}

void RecordLocator::answer() {
    if (!pending_) return;
    const uint64_t id = *pending_;
    pending_.reset();
    auto it = std::lower_bound(table_.begin(), table_.end(), std::pair(id, uint32_t(0)));
    if (it != table_.end() && it->first == id)
        emit found(id, it->second);
    else
        emit notFound(id);
}

} // namespace evtxui
