// "%%NNNN" Security message parameters: one code's text, a field holding a
// list of them, and any text with some inside.
#include "evtx/knowledge/decoders.hpp"

#include "decoder_support.hpp"
#include "insert_string_table.hpp"

#include <algorithm>

namespace evtx::knowledge {

namespace {

// Where a "%%NNNN" starting at `at` ends (past its digits), or `at` when
// none starts there. Seven digits at most: no message id is longer.
size_t insertStringEnd(std::string_view text, size_t at) {
    if (text.compare(at, 2, "%%") != 0) return at;
    size_t end = at + 2;
    while (end < text.size() && end - at < 9 && text[end] >= '0' && text[end] <= '9')
        ++end;
    return end > at + 2 ? end : at;
}

unsigned codeOf(std::string_view digits) {
    unsigned code = 0;
    for (char c : digits)
        code = code * 10 + unsigned(c - '0');
    return code;
}

} // namespace

std::string_view insertStringText(unsigned code) {
    if (const std::string_view change = detail::accountControlChangeText(code); !change.empty())
        return change;
    const auto table = detail::insertStringTable();
    const auto found =
        std::lower_bound(table.begin(), table.end(), code,
                         [](const detail::CodeText& entry, unsigned c) { return entry.code < c; });
    return found != table.end() && found->code == code ? found->text : std::string_view();
}

std::string expandInsertStrings(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t at = 0;
    while (at < text.size()) {
        const size_t end = insertStringEnd(text, at);
        if (end == at) {
            out += text[at++];
            continue;
        }
        const std::string_view known = insertStringText(codeOf(text.substr(at + 2, end - at - 2)));
        out += known.empty() ? text.substr(at, end - at) : known;
        at = end;
    }
    return out;
}

namespace detail {

// A field of one or more codes ("%%2080\n\t\t%%2082"): their texts,
// ", "-joined; unknown codes stay as written so the list stays complete.
std::string decodeInsertString(std::string_view raw) {
    std::vector<std::string> parts;
    bool anyKnown = false;
    for (unsigned code : insertStringCodes(raw)) {
        const std::string_view known = insertStringText(code);
        anyKnown = anyKnown || !known.empty();
        parts.push_back(known.empty() ? "%%" + std::to_string(code) : std::string(known));
    }
    return anyKnown ? joined(parts, ", ") : std::string();
}

} // namespace detail

} // namespace evtx::knowledge
