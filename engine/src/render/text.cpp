#include "evtx/text.hpp"

#include "evtx/bytes.hpp"

#include <array>

namespace evtx {
namespace {

// Bytes that need escaping, per mode; built once at compile time.
constexpr std::array<uint8_t, 128> makeEscapeTable(Escape mode) {
    std::array<uint8_t, 128> t{};
    if (mode == Escape::Xml || mode == Escape::XmlAttr) {
        t['&'] = t['<'] = t['>'] = 1;
        if (mode == Escape::XmlAttr) t['"'] = t['\''] = 1;
    } else if (mode == Escape::Json) {
        for (int c = 0; c < 0x20; ++c) t[c] = 1;
        t['"'] = t['\\'] = 1;
    }
    return t;
}
constexpr auto kXmlEscape = makeEscapeTable(Escape::Xml);
constexpr auto kXmlAttrEscape = makeEscapeTable(Escape::XmlAttr);
constexpr auto kJsonEscape = makeEscapeTable(Escape::Json);

inline bool needsEscape(uint32_t c, Escape mode) {
    if (c >= 128) return false;
    switch (mode) {
    case Escape::Xml: return kXmlEscape[c];
    case Escape::XmlAttr: return kXmlAttrEscape[c];
    case Escape::Json: return kJsonEscape[c];
    default: return false;
    }
}

void writeEscapedAscii(OutBuffer& out, char c, Escape mode) {
    if (mode == Escape::Xml || mode == Escape::XmlAttr) {
        switch (c) {
        case '&': out.append("&amp;"); return;
        case '<': out.append("&lt;"); return;
        case '>': out.append("&gt;"); return;
        case '"': out.append("&quot;"); return;
        case '\'': out.append("&apos;"); return;
        }
    } else {
        switch (c) {
        case '"': out.append("\\\""); return;
        case '\\': out.append("\\\\"); return;
        case '\n': out.append("\\n"); return;
        case '\r': out.append("\\r"); return;
        case '\t': out.append("\\t"); return;
        case '\b': out.append("\\b"); return;
        case '\f': out.append("\\f"); return;
        }
        static constexpr char kHex[] = "0123456789abcdef";
        char buf[6] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xF], kHex[c & 0xF]};
        out.append(buf, 6);
        return;
    }
    out.push(c);
}

inline size_t encodeUtf8(uint32_t cp, char* d) {
    if (cp < 0x80) {
        d[0] = char(cp);
        return 1;
    }
    if (cp < 0x800) {
        d[0] = char(0xC0 | (cp >> 6));
        d[1] = char(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = char(0xE0 | (cp >> 12));
        d[1] = char(0x80 | ((cp >> 6) & 0x3F));
        d[2] = char(0x80 | (cp & 0x3F));
        return 3;
    }
    d[0] = char(0xF0 | (cp >> 18));
    d[1] = char(0x80 | ((cp >> 12) & 0x3F));
    d[2] = char(0x80 | ((cp >> 6) & 0x3F));
    d[3] = char(0x80 | (cp & 0x3F));
    return 4;
}

} // namespace

void writeUtf16(OutBuffer& out, const uint8_t* p, size_t units, Escape mode, bool stopAtNul) {
    size_t i = 0;
    while (i < units) {
        // Fast run of ASCII that needs no escaping.
        char* d = out.reserve((units - i) * 3 + 8);
        size_t w = 0;
        for (; i < units; ++i) {
            uint16_t u = loadLE<uint16_t>(p + 2 * i);
            if (u >= 0x80 || u == 0 || needsEscape(u, mode)) break;
            d[w++] = char(u);
        }
        out.commit(w);
        if (i >= units) break;
        uint32_t u = loadLE<uint16_t>(p + 2 * i);
        if (u == 0 && stopAtNul) break;
        ++i;
        if (u < 0x80) {
            if (needsEscape(u, mode)) writeEscapedAscii(out, char(u), mode);
            else out.push(char(u));
            continue;
        }
        uint32_t cp = u;
        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t lo = i < units ? loadLE<uint16_t>(p + 2 * i) : 0;
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                ++i;
            } else {
                cp = 0xFFFD;
            }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            cp = 0xFFFD;
        }
        char buf[4];
        out.append(buf, encodeUtf8(cp, buf));
    }
}

void writeEscaped(OutBuffer& out, std::string_view s, Escape mode) {
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = s[i];
        if (needsEscape(c, mode)) {
            out.append(s.data() + start, i - start);
            writeEscapedAscii(out, char(c), mode);
            start = i + 1;
        }
    }
    out.append(s.data() + start, s.size() - start);
}

std::string utf16ToUtf8(const uint8_t* p, size_t units, bool stopAtNul) {
    // Straight into the string: names are short and fit its inline buffer.
    std::string s;
    s.reserve(units);
    for (size_t i = 0; i < units; ++i) {
        uint32_t u = loadLE<uint16_t>(p + 2 * i);
        if (u == 0 && stopAtNul) break;
        if (u < 0x80) {
            s.push_back(char(u));
            continue;
        }
        uint32_t cp = u;
        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t lo = i + 1 < units ? loadLE<uint16_t>(p + 2 * (i + 1)) : 0;
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                ++i;
            } else {
                cp = 0xFFFD;
            }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            cp = 0xFFFD;
        }
        char buf[4];
        s.append(buf, encodeUtf8(cp, buf));
    }
    return s;
}

namespace {
// Windows-1252 0x80..0x9F; 0xA0..0xFF equal Latin-1. Undefined bytes map to
// the C1 control of the same value, as Windows' best-fit table does.
constexpr char16_t kCp1252[128] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    // 0xA0..0xFF
    0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE,
    0xAF, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD,
    0xBE, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC,
    0xCD, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB,
    0xDC, 0xDD, 0xDE, 0xDF, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA,
    0xEB, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9,
    0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF};
} // namespace

const AnsiCodec& AnsiCodec::windows1252() {
    static const AnsiCodec codec("windows-1252", kCp1252, false);
    return codec;
}

const AnsiCodec* AnsiCodec::byName(std::string_view name) {
    static const AnsiCodec latin1("iso-8859-1", nullptr, false);
    static const AnsiCodec utf8("utf-8", nullptr, true);
    std::string n;
    for (char c : name) n.push_back(char(c >= 'A' && c <= 'Z' ? c + 32 : c));
    if (n == "windows-1252" || n == "cp1252" || n == "ascii" || n == "us-ascii")
        return &windows1252();
    if (n == "iso-8859-1" || n == "latin1" || n == "latin-1") return &latin1;
    if (n == "utf-8" || n == "utf8") return &utf8;
    return nullptr;
}

void AnsiCodec::write(OutBuffer& out, const uint8_t* p, size_t n, Escape mode) const {
    for (size_t i = 0; i < n; ++i) {
        uint8_t b = p[i];
        if (b == 0) break;
        if (b < 0x80 || utf8_) {
            if (b < 0x80 && needsEscape(b, mode)) writeEscapedAscii(out, char(b), mode);
            else out.push(char(b));
            continue;
        }
        uint32_t cp = high_ ? high_[b - 0x80] : b;
        char buf[4];
        out.append(buf, encodeUtf8(cp, buf));
    }
}

} // namespace evtx
