// Escaping and UTF-8 encoding primitives shared by the text writers. They
// write through a raw pointer into space the caller reserved (at most 6
// bytes per character), so hot loops never touch the buffer's bookkeeping.
#pragma once

#include "evtx/text/text.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace evtx::detail {

constexpr std::array<uint8_t, 128> makeEscapeTable(Escape mode) {
    std::array<uint8_t, 128> t{};
    if (mode == Escape::Xml || mode == Escape::XmlAttr) {
        t['&'] = t['<'] = t['>'] = 1;
        if (mode == Escape::XmlAttr) t['"'] = t['\''] = 1;
    } else if (mode == Escape::Json) {
        for (int c = 0; c < 0x20; ++c)
            t[c] = 1;
        t['"'] = t['\\'] = 1;
    }
    return t;
}
inline constexpr auto kXmlEscape = makeEscapeTable(Escape::Xml);
inline constexpr auto kXmlAttrEscape = makeEscapeTable(Escape::XmlAttr);
inline constexpr auto kJsonEscape = makeEscapeTable(Escape::Json);

inline bool needsEscape(uint32_t c, Escape mode) {
    if (c >= 128) return false;
    switch (mode) {
    case Escape::Xml:
        return kXmlEscape[c];
    case Escape::XmlAttr:
        return kXmlAttrEscape[c];
    case Escape::Json:
        return kJsonEscape[c];
    default:
        return false;
    }
}

inline char* copyLiteral(char* d, const char* s, size_t n) {
    for (size_t i = 0; i < n; ++i)
        d[i] = s[i];
    return d + n;
}

// Writes the escaped form of an ASCII character that needsEscape().
inline char* writeEscapedAscii(char* d, char c, Escape mode) {
    if (mode == Escape::Xml || mode == Escape::XmlAttr) {
        switch (c) {
        case '&':
            return copyLiteral(d, "&amp;", 5);
        case '<':
            return copyLiteral(d, "&lt;", 4);
        case '>':
            return copyLiteral(d, "&gt;", 4);
        case '"':
            return copyLiteral(d, "&quot;", 6);
        case '\'':
            return copyLiteral(d, "&apos;", 6);
        }
        *d = c;
        return d + 1;
    }
    switch (c) {
    case '"':
        return copyLiteral(d, "\\\"", 2);
    case '\\':
        return copyLiteral(d, "\\\\", 2);
    case '\n':
        return copyLiteral(d, "\\n", 2);
    case '\r':
        return copyLiteral(d, "\\r", 2);
    case '\t':
        return copyLiteral(d, "\\t", 2);
    case '\b':
        return copyLiteral(d, "\\b", 2);
    case '\f':
        return copyLiteral(d, "\\f", 2);
    }
    static constexpr char kHex[] = "0123456789abcdef";
    const char u[6] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xF], kHex[c & 0xF]};
    return copyLiteral(d, u, 6);
}

inline char* encodeUtf8(uint32_t cp, char* d) {
    if (cp < 0x80) {
        d[0] = char(cp);
        return d + 1;
    }
    if (cp < 0x800) {
        d[0] = char(0xC0 | (cp >> 6));
        d[1] = char(0x80 | (cp & 0x3F));
        return d + 2;
    }
    if (cp < 0x10000) {
        d[0] = char(0xE0 | (cp >> 12));
        d[1] = char(0x80 | ((cp >> 6) & 0x3F));
        d[2] = char(0x80 | (cp & 0x3F));
        return d + 3;
    }
    d[0] = char(0xF0 | (cp >> 18));
    d[1] = char(0x80 | ((cp >> 12) & 0x3F));
    d[2] = char(0x80 | ((cp >> 6) & 0x3F));
    d[3] = char(0x80 | (cp & 0x3F));
    return d + 4;
}

} // namespace evtx::detail
