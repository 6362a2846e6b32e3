// A query as evtxdump's record filter: evaluated on each parsed record
// (System fields read from the record itself), counting what it accepts.
#pragma once

#include "evtx/dump/dump.hpp"
#include "evtx/query/query.hpp"

#include <atomic>
#include <memory>

namespace evtx {

class QueryRecordFilter : public RecordFilter {
  public:
    // `countOnly`: accept nothing (so nothing is rendered) but count the
    // matches, for evtxdump --count.
    explicit QueryRecordFilter(Query query, bool countOnly = false);
    ~QueryRecordFilter() override;

    bool matches(const RecordTree& tree, uint64_t recordId, bool recovered) const override;
    uint64_t matched() const { return matched_.load(); }

  private:
    struct Scratch;
    Query query_;
    bool countOnly_;
    mutable std::atomic<uint64_t> matched_{0};
    std::unique_ptr<Scratch> scratch_; // per-thread evaluation state
};

} // namespace evtx
