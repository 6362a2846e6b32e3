#include "evtx/knowledge/csv_timeline.hpp"

#include <cstring>

namespace evtx::knowledge {
namespace {

// Index just past the JSON string whose opening quote is at `i`: memchr to
// each quote, escaped ones skipped (an odd run of backslashes before it).
size_t skipString(std::string_view s, size_t i) {
    const char* base = s.data();
    size_t from = i + 1;
    while (from < s.size()) {
        const void* q = std::memchr(base + from, '"', s.size() - from);
        if (!q) return s.size();
        const size_t at = size_t(static_cast<const char*>(q) - base);
        size_t slashes = 0;
        while (at - slashes > i + 1 && base[at - slashes - 1] == '\\')
            ++slashes;
        if (slashes % 2 == 0) return at + 1;
        from = at + 1;
    }
    return s.size();
}

} // namespace

// The member of Event called EventData or UserData in a record's JSON
// (`{"Event":{..., "EventData":{...}}}`), from its key to the end of its
// value. A quote inside a JSON string is escaped, so the first unescaped
// `"EventData":` / `"UserData":` is a key, and the first one is Event's
// own (a nested one sits inside it); only the member itself is scanned.
std::string_view eventPayloadMember(std::string_view json) {
    // One memmem for the keys' common end `Data":` (string_view::find
    // stops at every quote of the text), then a look at what precedes it.
    size_t start = std::string_view::npos;
    for (size_t from = 0; from < json.size();) {
        const void* at = ::memmem(json.data() + from, json.size() - from, "Data\":", 6);
        if (!at) break;
        const size_t end = size_t(static_cast<const char*>(at) - json.data());
        const std::string_view before = json.substr(0, end);
        if (before.ends_with("\"Event")) {
            start = end - 6;
            break;
        }
        if (before.ends_with("\"User")) {
            start = end - 5;
            break;
        }
        from = end + 6;
    }
    if (start == std::string_view::npos) return {};
    int depth = 2;
    for (size_t i = start; i < json.size(); ++i) {
        switch (json[i]) {
        case '"':
            i = skipString(json, i) - 1;
            break;
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
        case ',':
            if (depth == 2) return json.substr(start, i - start);
            if (json[i] != ',') --depth;
            break;
        default:
            break;
        }
    }
    return {};
}

} // namespace evtx::knowledge
