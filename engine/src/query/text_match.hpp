// ASCII case folding and case-insensitive search used by query tests
// (non-ASCII letters compare as they are).
#pragma once

#include <string>
#include <string_view>

namespace evtx {

inline char foldAscii(char c) {
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

std::string lowerAscii(std::string_view s);
bool equalsFolded(std::string_view value, std::string_view lowerLiteral);
// -1, 0, 1 comparing `value` folded with an already folded literal.
int compareFolded(std::string_view value, std::string_view lowerLiteral);
// Does `haystack` contain `lowerNeedle`, ignoring ASCII case?
bool containsFolded(std::string_view haystack, std::string_view lowerNeedle);

} // namespace evtx
