#include "sigma/value_transforms.hpp"

#include <cstdint>

namespace evtx::sigma {

std::string base64(std::string_view bytes) {
    static constexpr char kDigits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const uint32_t v = (uint32_t(uint8_t(bytes[i])) << 16) |
                           (uint32_t(uint8_t(bytes[i + 1])) << 8) | uint8_t(bytes[i + 2]);
        for (int s = 18; s >= 0; s -= 6)
            out += kDigits[(v >> s) & 63];
    }
    const size_t rest = bytes.size() - i;
    if (rest > 0) {
        uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
        if (rest == 2) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
        out += kDigits[(v >> 18) & 63];
        out += kDigits[(v >> 12) & 63];
        out += rest == 2 ? kDigits[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// The value shifted by 0, 1, 2 bytes: the characters that depend on the
// unknown bytes before it (start) or after it (end) are cut off.
std::vector<std::string> base64Offsets(std::string_view bytes) {
    static constexpr size_t kStart[] = {0, 2, 3};
    static constexpr size_t kEnd[] = {0, 3, 2};
    std::vector<std::string> out;
    for (size_t shift = 0; shift < 3; ++shift) {
        std::string padded(shift, ' ');
        padded += bytes;
        std::string enc = base64(padded);
        const size_t cut = kEnd[(bytes.size() + shift) % 3];
        const size_t end = enc.size() - cut;
        out.push_back(end > kStart[shift] ? enc.substr(kStart[shift], end - kStart[shift]) : "");
    }
    return out;
}

std::string utf16(std::string_view s, bool bigEndian, bool bom) {
    std::string out;
    auto unit = [&](uint32_t u) {
        const char lo = char(u & 0xFF), hi = char(u >> 8);
        out += bigEndian ? hi : lo;
        out += bigEndian ? lo : hi;
    };
    if (bom) unit(0xFEFF);
    for (size_t i = 0; i < s.size();) {
        const uint8_t c = uint8_t(s[i]);
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + len > s.size()) len = 1;
        uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
        for (size_t k = 1; k < len; ++k)
            cp = (cp << 6) | (uint8_t(s[i + k]) & 0x3F);
        i += len;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unit(0xD800 + (cp >> 10));
            unit(0xDC00 + (cp & 0x3FF));
        } else {
            unit(cp);
        }
    }
    return out;
}

std::vector<std::string> windashVariants(std::string_view value) {
    static const char* const kDashes[] = {"-", "/", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x95"};
    std::vector<std::string> out;
    for (const char* dash : kDashes) {
        std::string v;
        for (size_t i = 0; i < value.size(); ++i) {
            const bool optionStart =
                (i == 0 || value[i - 1] == ' ') && (value[i] == '-' || value[i] == '/');
            v += optionStart ? std::string(dash) : std::string(1, value[i]);
        }
        out.push_back(std::move(v));
    }
    return out;
}

} // namespace evtx::sigma
