// Tolerant parsing shared by the decoders: values arrive as the record
// renders them (decimal, 0x-hex of either case, padded with whitespace).
#include "decoder_support.hpp"

#include <cctype>

namespace evtx::knowledge::detail {

namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int hexDigitValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<uint64_t> parseDecimal(std::string_view digits) {
    if (digits.empty()) return std::nullopt;
    uint64_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = uint64_t(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

} // namespace

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::optional<uint64_t> parseHex(std::string_view digits) {
    if (digits.empty()) return std::nullopt;
    uint64_t value = 0;
    for (char c : digits) {
        const int digit = hexDigitValue(c);
        if (digit < 0 || value > (UINT64_MAX >> 4)) return std::nullopt;
        value = (value << 4) | uint64_t(digit);
    }
    return value;
}

std::optional<uint64_t> parseNumber(std::string_view raw) {
    const std::string_view text = trimmed(raw);
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        return parseHex(text.substr(2));
    return parseDecimal(text);
}

std::string hexText(uint64_t value) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string reversed;
    do {
        reversed += digits[value & 0xF];
        value >>= 4;
    } while (value != 0);
    return "0x" + std::string(reversed.rbegin(), reversed.rend());
}

std::string_view textOf(std::span<const CodeText> table, uint64_t code) {
    for (const CodeText& entry : table) {
        if (entry.code == code) return entry.text;
    }
    return {};
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const std::string& part : parts) {
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

std::string flagNames(std::span<const CodeText> flags, uint64_t mask) {
    std::vector<std::string> names;
    uint64_t named = 0;
    for (const CodeText& flag : flags) {
        if ((mask & flag.code) == flag.code && flag.code != 0) {
            names.emplace_back(flag.text);
            named |= flag.code;
        }
    }
    if (names.empty()) return {};
    if (const uint64_t rest = mask & ~named; rest != 0)
        names.push_back("other bits " + hexText(rest));
    return joined(names, ", ");
}

std::vector<unsigned> insertStringCodes(std::string_view text) {
    std::vector<unsigned> codes;
    for (size_t at = text.find("%%"); at != std::string_view::npos; at = text.find("%%", at)) {
        size_t end = at + 2;
        unsigned code = 0;
        // Six digits are more than any message id; longer runs are not codes.
        while (end < text.size() && end - at < 9 && text[end] >= '0' && text[end] <= '9')
            code = code * 10 + unsigned(text[end++] - '0');
        if (end > at + 2) codes.push_back(code);
        at = end;
    }
    return codes;
}

} // namespace evtx::knowledge::detail
