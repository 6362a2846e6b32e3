// Evaluating a compiled query against one record, whatever holds it: an
// index row (record_index) or a parsed record (evtxdump). Subjects answer
// field reads lazily so that the record is parsed only when a test needs it.
#pragma once

#include "compiled_query.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace evtx {

using DataPairs = std::vector<std::pair<std::string, std::string>>;

class QuerySubject {
  public:
    virtual ~QuerySubject() = default;
    // Numeric System fields (TimeCreated as FILETIME ticks).
    virtual uint64_t number(QueryField field) = 0;
    // Provider, Channel, Computer, UserID.
    virtual std::string_view text(QueryField field) = 0;
    // The answer of the System text test numbered `slot` when the subject
    // knows it already (index rows: one answer per distinct string), else -1.
    virtual int precomputed(int /*slot*/, QueryField /*field*/) { return -1; }
    // EventData / UserData (name, value) pairs; null when unreadable.
    virtual const DataPairs* data() = 0;
    // The record as compact JSON; null when unreadable.
    virtual const std::string_view* json() = 0;
};

bool evaluateQuery(const EvalNode& node, QuerySubject& subject);

// The test of a System text leaf on one value (fills per-string tables).
bool testTextLeaf(const EvalNode& node, std::string_view value);

} // namespace evtx
