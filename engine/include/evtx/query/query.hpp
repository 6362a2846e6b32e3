// A compiled record query. Three source forms compile to the same tree:
//   filter language   EventID in (4624..4634) and Data.TargetUserName == "SYSTEM"
//   Event Viewer XPath *[System[(EventID=4624) and TimeCreated[timediff(@SystemTime) <= 86400000]]]
//   QueryList XML     <QueryList><Query><Select>XPATH</Select><Suppress>XPATH</Suppress>...
// A Query is immutable and cheap to copy; one may be evaluated from many
// threads at once (index_filter.hpp, record_filter.hpp).
#pragma once

#include "evtx/query/query_ast.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evtx {

// Where a query text is wrong (0-based character offset) and what was
// expected there.
struct QueryError {
    size_t position = 0;
    std::string message;

    // "at 12: expected a value after '=='"
    std::string toString() const;
};

// How the filter language reads a time literal that names no zone
// ("2016-07-08 18:12:51"): as UTC, or in the local time zone of the C
// library (TZ) at that date, DST included, the way a viewer showing local
// times displays them. Literals with a zone ("…Z", "…+02:00") keep it;
// XPath and QueryList times are always UTC (as in Event Viewer).
enum class TimeLiteralZone : uint8_t { Utc, Local };

struct QueryOptions {
    // "now" for relative times, as FILETIME ticks; unset = the system clock
    // when the query is parsed.
    std::optional<uint64_t> now;
    TimeLiteralZone zonelessTimes = TimeLiteralZone::Utc;
};

struct CompiledQuery; // regexes and evaluation tables (query/compiled_query.hpp)

class Query {
  public:
    // A query that selects every record.
    Query();

    static std::optional<Query> parse(std::string_view filter, QueryError& error,
                                      const QueryOptions& options = {});
    static std::optional<Query> parseXPath(std::string_view xpath, QueryError& error,
                                           const QueryOptions& options = {});
    // Positions in errors are offsets in the XML text.
    static std::optional<Query> parseQueryList(std::string_view xml, QueryError& error,
                                               const QueryOptions& options = {});
    // Compiles a tree built by other means (checks regexes).
    static std::optional<Query> fromTree(QueryNode root, QueryError& error);

    const QueryNode& root() const;
    // True when some test reads Data.* or the whole record, which needs the
    // record parsed; false when the index row alone answers.
    bool needsRecord() const;
    // True when the query selects everything (an empty filter).
    bool matchesAll() const;
    std::string toString() const { return root().toString(); }

    const CompiledQuery& compiled() const { return *compiled_; }

  private:
    explicit Query(std::shared_ptr<const CompiledQuery> c) : compiled_(std::move(c)) {}
    std::shared_ptr<const CompiledQuery> compiled_;
};

} // namespace evtx
