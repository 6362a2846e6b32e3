#include "knowledge/map_refine.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace evtx::knowledge {
namespace {

bool fail(std::string& error, std::string why) {
    error = std::move(why);
    return false;
}

// A top-level group of the pattern: [open, close] are its parentheses.
struct Group {
    size_t open = 0, close = 0;
};

// Length of the escape or character class starting at `i`, else 1.
size_t atomLength(std::string_view p, size_t i) {
    if (p[i] == '\\') return i + 1 < p.size() ? 2 : 1;
    if (p[i] != '[') return 1;
    size_t j = i + 1;
    if (j < p.size() && p[j] == '^') ++j;
    if (j < p.size() && p[j] == ']') ++j; // a leading ] is literal
    while (j < p.size() && p[j] != ']')
        j += p[j] == '\\' ? 2 : 1;
    return std::min(j + 1, p.size()) - i;
}

// The top-level groups, or false when the parentheses do not balance.
bool topLevelGroups(std::string_view p, std::vector<Group>& groups) {
    int depth = 0;
    for (size_t i = 0; i < p.size(); i += atomLength(p, i)) {
        if (p[i] == '(' && depth++ == 0) groups.push_back({i, 0});
        if (p[i] == ')') {
            if (--depth < 0) return false;
            if (depth == 0) groups.back().close = i;
        }
    }
    return depth == 0;
}

bool isLookaround(std::string_view p, size_t open) {
    const std::string_view s = p.substr(open);
    return s.starts_with("(?=") || s.starts_with("(?!") || s.starts_with("(?<=") ||
           s.starts_with("(?<!");
}

// Rewrites `part` for RE2: groups become non-capturing (so the body's group
// stays the first); refuses lookaround and backreferences inside it.
bool plainPart(std::string_view p, std::string& out, std::string& error) {
    for (size_t i = 0; i < p.size();) {
        const size_t n = atomLength(p, i);
        const char next = i + 1 < p.size() ? p[i + 1] : '\0';
        if (p[i] == '\\' && (std::isdigit(static_cast<unsigned char>(next)) || next == 'k') &&
            next != '0')
            return fail(error, "backreference " + std::string(p.substr(i, 2)));
        if (p[i] == '(' && isLookaround(p, i))
            return fail(error, "lookaround inside the pattern (RE2 has none)");
        if (p[i] == '(' && next != '?') {
            out += "(?:";
        } else if (p[i] == '(' && p.substr(i).starts_with("(?<")) { // .NET (?<name>
            const size_t end = p.find('>', i);
            if (end == std::string_view::npos) return fail(error, "unclosed (?<name>");
            out += "(?:";
            i = end + 1;
            continue;
        } else {
            out += p.substr(i, n);
        }
        i += n;
    }
    return true;
}

} // namespace

bool convertRefine(std::string_view dotnet, std::string& re2, std::string& error) {
    std::vector<Group> groups;
    if (!topLevelGroups(dotnet, groups)) return fail(error, "unbalanced parentheses");
    std::string_view caret, ahead, behind, body = dotnet;
    bool hasBehind = false, hasAhead = false;
    if (body.starts_with('^')) caret = body.substr(0, 1), body.remove_prefix(1);
    // A leading (?<=A) and a trailing (?=B) frame the text EvtxECmd keeps.
    for (const Group& g : groups) {
        if (g.open == caret.size() && dotnet.substr(g.open).starts_with("(?<=")) {
            behind = dotnet.substr(g.open + 4, g.close - g.open - 4);
            hasBehind = true;
            body.remove_prefix(g.close + 1 - caret.size());
        }
        if (g.close + 1 == dotnet.size() && dotnet.substr(g.open).starts_with("(?=") &&
            g.open >= dotnet.size() - body.size()) {
            ahead = dotnet.substr(g.open + 3, g.close - g.open - 3);
            hasAhead = true;
            body.remove_suffix(dotnet.size() - g.open);
        }
    }
    std::string a, b, middle;
    if (!plainPart(behind, a, error) || !plainPart(body, middle, error) ||
        !plainPart(ahead, b, error))
        return false;
    // Grouped, so that an alternation in A or B stays inside it.
    auto group = [](const std::string& part) { return part.empty() ? part : "(?:" + part + ")"; };
    const bool framed = hasBehind || hasAhead;
    re2 =
        "(?i)" + std::string(caret) + group(a) + (framed ? "(" + middle + ")" : middle) + group(b);
    RE2 check(re2, RE2::Quiet);
    if (!check.ok()) return fail(error, "RE2 cannot compile it: " + check.error());
    return true;
}

} // namespace evtx::knowledge
