// Running a query over a record index: System fields come from the index
// columns (no parsing); records are parsed only for Data.* and whole-record
// tests, and only when the indexed tests have not settled the answer.
#pragma once

#include "evtx/binxml/template_cache.hpp"
#include "evtx/index/record_index.hpp"
#include "evtx/query/query.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace evtx {

struct IndexFilterRequest {
    Bytes file;                                  // the log the index was built from
    TemplateCache* cache = nullptr;              // the file's; needed when records are parsed
    const RecordIndex* index = nullptr;          // must not change while filtering
    const std::vector<uint32_t>* rows = nullptr; // rows to test (e.g. narrowing a view); null = all
    unsigned threads = 0;                        // 0 = all cores
    std::function<void(Bytes chunk)> chunkLoaded; // see RecordReader::setChunkLoadHook
};

struct IndexFilterResult {
    std::vector<uint32_t> rows; // the matching rows, in the order tested
    uint64_t unreadable = 0;    // records that could not be parsed (Data / text tests fail)
    bool cancelled = false;
};

// Called from worker threads (keep it cheap: post to the UI), in no order.
using FilterProgress = std::function<void(uint64_t done, uint64_t total)>;

// Tests the rows in parallel (TBB). On cancel returns early with
// cancelled set and a partial `rows`.
IndexFilterResult filterIndex(const Query& query, const IndexFilterRequest& request,
                              const FilterProgress& progress = {},
                              const std::atomic<bool>* cancel = nullptr);

struct IndexQueryTables; // per-string answers of the query's System text tests

// Tests single rows on the calling thread (e.g. rows appended while a
// filter is shown). Not thread-safe: one per thread.
class IndexRowMatcher {
  public:
    IndexRowMatcher(const Query& query, const IndexFilterRequest& request);
    ~IndexRowMatcher();
    IndexRowMatcher(const IndexRowMatcher&) = delete;
    IndexRowMatcher& operator=(const IndexRowMatcher&) = delete;

    bool matches(uint32_t row);
    uint64_t unreadable() const;

  private:
    friend IndexFilterResult filterIndex(const Query&, const IndexFilterRequest&,
                                         const FilterProgress&, const std::atomic<bool>*);
    struct State;
    IndexRowMatcher(const Query& query, const IndexFilterRequest& request,
                    std::shared_ptr<const IndexQueryTables> tables);
    std::unique_ptr<State> state_;
};

// The EventData / UserData value names (the NAME of Data.NAME) found in a
// log, for completion, with how many records hold each; sorted by name.
// `maxRecords` > 0 looks at that many records spread over the rows.
struct DataFieldName {
    std::string name;
    uint64_t records = 0;
};
std::vector<DataFieldName> collectDataFieldNames(const IndexFilterRequest& request,
                                                 uint64_t maxRecords = 0,
                                                 const std::atomic<bool>* cancel = nullptr);

} // namespace evtx
