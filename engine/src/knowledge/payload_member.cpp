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
        while (at - slashes > i + 1 && base[at - slashes - 1] == '\\') ++slashes;
        if (slashes % 2 == 0) return at + 1;
        from = at + 1;
    }
    return s.size();
}

bool isPayloadKey(std::string_view key) { return key == "\"EventData\"" || key == "\"UserData\""; }

} // namespace

// Scans the record's JSON (`{"Event":{..., "EventData":{...}}}`) for the
// member of Event called EventData or UserData; returns it from its key to
// the end of its value.
std::string_view eventPayloadMember(std::string_view json) {
    int depth = 0;
    size_t start = std::string_view::npos;
    for (size_t i = 0; i < json.size(); ++i) {
        switch (json[i]) {
        case '"': {
            const size_t end = skipString(json, i);
            if (depth == 2 && start == std::string_view::npos && end < json.size() &&
                json[end] == ':' && isPayloadKey(json.substr(i, end - i)))
                start = i;
            i = end - 1;
            break;
        }
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
        case ',':
            if (depth == 2 && start != std::string_view::npos)
                return json.substr(start, i - start);
            if (json[i] != ',') --depth;
            break;
        default:
            break;
        }
    }
    return {};
}

} // namespace evtx::knowledge
