// Sysmon's Hashes field ("SHA1=AB..,MD5=..,SHA256=..,IMPHASH=..") split
// into named hashes, so a long line reads part by part.
#include "decoder_support.hpp"

#include <algorithm>
#include <cctype>

namespace evtx::knowledge::detail {

namespace {

constexpr std::string_view hashNames[] = {"MD5", "SHA1", "SHA256", "SHA384", "SHA512", "IMPHASH"};

bool isKnownHashName(std::string_view name) {
    return std::any_of(std::begin(hashNames), std::end(hashNames),
                       [&](std::string_view known) { return equalsIgnoringCase(known, name); });
}

bool isHexDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c)) != 0;
    });
}

// "NAME=HEX" -> "NAME HEX", or "" when the part is not a named hash.
std::string namedHash(std::string_view part) {
    const size_t equals = part.find('=');
    if (equals == std::string_view::npos) return {};
    const std::string_view name = trimmed(part.substr(0, equals));
    const std::string_view digits = trimmed(part.substr(equals + 1));
    if (!isKnownHashName(name) || !isHexDigits(digits)) return {};
    return std::string(name) + " " + std::string(digits);
}

} // namespace

std::string decodeHashes(std::string_view raw) {
    std::vector<std::string> parts;
    std::string_view rest = trimmed(raw);
    while (!rest.empty()) {
        const size_t comma = rest.find(',');
        std::string part = namedHash(rest.substr(0, comma));
        if (part.empty()) return {};
        parts.push_back(std::move(part));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return joined(parts, ", ");
}

} // namespace evtx::knowledge::detail
