#include "sigma/matcher.hpp"

#include <algorithm>

namespace evtx::sigma {
namespace {

unsigned char fold(unsigned char c, bool cased) {
    return (!cased && c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
}

// Bytes of the UTF-8 character starting at `c` (1 for a stray byte).
size_t charLength(unsigned char c) {
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

// `*literal*` (the contains modifier, keywords): a plain search, several
// times faster than the walk; keyword rules test every value of a record.
bool containsLiteral(std::string_view text, const std::vector<int>& code, bool cased) {
    const size_t n = code.size() - 2;
    if (n > text.size()) return false;
    const int first = code[1];
    for (size_t t = 0; t + n <= text.size(); ++t) {
        if (fold(static_cast<unsigned char>(text[t]), cased) != first) continue;
        size_t k = 1;
        while (k < n && fold(static_cast<unsigned char>(text[t + k]), cased) == code[k + 1])
            ++k;
        if (k == n) return true;
    }
    return false;
}

bool isContains(const std::vector<int>& code) {
    return code.size() >= 3 && code.front() == Glob::kStar && code.back() == Glob::kStar &&
           std::all_of(code.begin() + 1, code.end() - 1, [](int c) { return c >= 0; });
}

} // namespace

Glob literalGlob(std::string_view value, bool cased) {
    Glob g;
    g.cased = cased;
    for (unsigned char c : value)
        g.code.push_back(fold(c, cased));
    return g;
}

Glob parseGlob(std::string_view value, bool cased) {
    Glob g;
    g.cased = cased;
    for (size_t i = 0; i < value.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(value[i]);
        if (c == '\\' && i + 1 < value.size() &&
            (value[i + 1] == '*' || value[i + 1] == '?' || value[i + 1] == '\\')) {
            g.code.push_back(fold(static_cast<unsigned char>(value[++i]), cased));
        } else if (c == '*') {
            if (g.code.empty() || g.code.back() != Glob::kStar) g.code.push_back(Glob::kStar);
        } else if (c == '?') {
            g.code.push_back(Glob::kOne);
        } else {
            g.code.push_back(fold(c, cased));
        }
    }
    return g;
}

// The usual wildcard walk: on a mismatch, go back to the last `*` and let it
// take one more byte.
bool Glob::matches(std::string_view text) const {
    if (isContains(code)) return containsLiteral(text, code, cased);
    size_t p = 0, t = 0, starP = std::string::npos, starT = 0;
    while (t < text.size()) {
        const unsigned char c = fold(static_cast<unsigned char>(text[t]), cased);
        if (p < code.size() && code[p] == kStar) {
            starP = p++;
            starT = t;
        } else if (p < code.size() && code[p] == kOne) {
            ++p;
            t += charLength(c);
        } else if (p < code.size() && code[p] == c) {
            ++p;
            ++t;
        } else if (starP != std::string::npos) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < code.size() && code[p] == kStar)
        ++p;
    return p == code.size() && t == text.size();
}

} // namespace evtx::sigma
