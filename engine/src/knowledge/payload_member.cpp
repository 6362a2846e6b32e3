#include "evtx/knowledge/csv_timeline.hpp"

namespace evtx::knowledge {
namespace {

// Index just past the JSON string starting at `i` (a quote).
size_t skipString(std::string_view s, size_t i) {
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return s.size();
}

} // namespace

// Scans the record's JSON (`{"Event":{..., "EventData":{...}}}`) for the
// member of Event called EventData or UserData; returns it from its key to
// the end of its value.
std::string_view eventPayloadMember(std::string_view json) {
    int depth = 0;
    size_t start = std::string_view::npos;
    for (size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
            const size_t end = skipString(json, i);
            const std::string_view key = json.substr(i, end - i);
            if (depth == 2 && start == std::string_view::npos &&
                (key == "\"EventData\"" || key == "\"UserData\"") && end < json.size() &&
                json[end] == ':')
                start = i;
            i = end - 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']' || c == ',') {
            if (depth == 2 && start != std::string_view::npos) return json.substr(start, i - start);
            if (c != ',') --depth;
        }
    }
    return {};
}

} // namespace evtx::knowledge
