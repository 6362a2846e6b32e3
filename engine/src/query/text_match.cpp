#include "text_match.hpp"

#include <algorithm>
#include <cstring>

namespace evtx {

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = foldAscii(c);
    return out;
}

bool equalsFolded(std::string_view value, std::string_view lowerLiteral) {
    if (value.size() != lowerLiteral.size()) return false;
    for (size_t i = 0; i < value.size(); ++i)
        if (foldAscii(value[i]) != lowerLiteral[i]) return false;
    return true;
}

int compareFolded(std::string_view value, std::string_view lowerLiteral) {
    const size_t n = std::min(value.size(), lowerLiteral.size());
    for (size_t i = 0; i < n; ++i) {
        const unsigned char a = static_cast<unsigned char>(foldAscii(value[i]));
        const unsigned char b = static_cast<unsigned char>(lowerLiteral[i]);
        if (a != b) return a < b ? -1 : 1;
    }
    return value.size() == lowerLiteral.size() ? 0 : value.size() < lowerLiteral.size() ? -1 : 1;
}

bool containsFolded(std::string_view haystack, std::string_view lowerNeedle) {
    if (lowerNeedle.empty()) return true;
    if (haystack.size() < lowerNeedle.size()) return false;
    const char first = lowerNeedle[0];
    const char firstUpper = first >= 'a' && first <= 'z' ? char(first - 'a' + 'A') : first;
    const std::string_view rest = lowerNeedle.substr(1);
    const char* p = haystack.data();
    const char* const last = haystack.data() + (haystack.size() - lowerNeedle.size());
    // Next occurrence at or after p of the first byte in either case; each
    // is searched again only once p has passed it (memchr is fast).
    auto nextOf = [&](char c) {
        return static_cast<const char*>(std::memchr(p, c, size_t(last - p) + 1));
    };
    const char* lowerAt = nextOf(first);
    const char* upperAt = first == firstUpper ? nullptr : nextOf(firstUpper);
    while (p <= last) {
        if (lowerAt && lowerAt < p) lowerAt = nextOf(first);
        if (upperAt && upperAt < p) upperAt = nextOf(firstUpper);
        const char* hit = !lowerAt ? upperAt : !upperAt ? lowerAt : std::min(lowerAt, upperAt);
        if (!hit) return false;
        if (equalsFolded(std::string_view(hit + 1, rest.size()), rest)) return true;
        p = hit + 1;
    }
    return false;
}

} // namespace evtx
