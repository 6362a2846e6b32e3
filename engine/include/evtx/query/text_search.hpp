// Free-text search over whole records (the viewer's Ctrl+F): a text or an
// RE2 regex looked for in each record's compact JSON, the text evtxdump
// writes per JSONL line and the detail pane's JSON tab shows indented. Any
// value, name or attribute is found as shown; only a text spanning JSON
// tokens must be written without the tab's indentation ("EventID":4624).
// Records are rendered in parallel (TBB) and hits are handed out block by
// block as they are found, so that a caller can show the first ones while
// the rest of the log is searched.
#pragma once

#include "evtx/query/index_filter.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace evtx {

struct TextSearchSpec {
    std::string text;       // UTF-8
    bool regex = false;     // RE2 syntax
    bool matchCase = false; // default: case-insensitive (Unicode-aware)
};

// Which text a pattern is applied to. A plain text is looked for as typed
// and, where it differs, as that text would be escaped in this format, so
// that `C:\Windows` finds `C:\\Windows` in JSON and `a & b` finds
// `a &amp; b` in XML. Regexes are applied to the text as it is.
enum class SearchedText : uint8_t { Json, Xml, Plain };

// A compiled pattern; immutable, cheap to copy, usable from many threads.
class TextSearchPattern {
  public:
    // Empty text: no pattern. A bad regex: nullopt with RE2's message.
    static std::optional<TextSearchPattern> compile(const TextSearchSpec& spec, std::string& error);

    const TextSearchSpec& spec() const;
    // Is there a match in `text` (the record's JSON for searches)?
    bool found(std::string_view text, SearchedText as = SearchedText::Json) const;
    // Every non-empty match in `text` as byte ranges [begin, end), in order,
    // not overlapping (for highlighting one record).
    std::vector<std::pair<size_t, size_t>> findAll(std::string_view text, SearchedText as) const;

    struct Compiled;

  private:
    explicit TextSearchPattern(std::shared_ptr<const Compiled> c) : compiled_(std::move(c)) {}
    std::shared_ptr<const Compiled> compiled_;
};

struct TextSearchResult {
    uint64_t hits = 0;
    uint64_t unreadable = 0; // records that could not be parsed (never hits)
    bool cancelled = false;
};

// Called from worker threads, in no particular order, with the hits of one
// block of rows (ascending index rows); keep it short (queue them).
using SearchHitsSink = std::function<void(std::vector<uint32_t>&& rows)>;

// Renders every row of `request` (all rows, or request.rows) as JSON and
// tests `pattern` on it, in parallel. Blocks are taken roughly in row order
// by each thread, so the first hits arrive within milliseconds. On cancel
// returns early with cancelled set (the hits already handed out stand).
TextSearchResult searchIndex(const TextSearchPattern& pattern, const IndexFilterRequest& request,
                             const SearchHitsSink& sink, const FilterProgress& progress = {},
                             const std::atomic<bool>* cancel = nullptr);

} // namespace evtx
