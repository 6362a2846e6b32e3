#include "evtx/text/text.hpp"

#include "evtx/format/bytes.hpp"
#include "evtx/text/utf16_transcode.hpp"
#include "text/ascii_scan.hpp"
#include "text/text_escape.hpp"

#include <cstring>

#include <array>

namespace evtx {
using detail::encodeUtf8;

namespace {

template <Escape Mode> void writeEscapedAs(OutBuffer& out, std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const size_t n = s.size();
    char* start = out.reserve(n * 6);
    char* d = start;
    size_t i = 0;
    while (i < n) {
        const size_t run = detail::plainRun<Mode, true>(p + i, n - i);
        std::memcpy(d, p + i, run);
        d += run;
        i += run;
        if (i >= n) break;
        d = detail::writeEscapedAscii(d, char(p[i++]), Mode);
    }
    out.commit(size_t(d - start));
}

} // namespace

void writeEscaped(OutBuffer& out, std::string_view s, Escape mode) {
    switch (mode) {
    case Escape::None:
        return out.append(s);
    case Escape::Xml:
        return writeEscapedAs<Escape::Xml>(out, s);
    case Escape::XmlAttr:
        return writeEscapedAs<Escape::XmlAttr>(out, s);
    case Escape::Json:
        return writeEscapedAs<Escape::Json>(out, s);
    }
}

std::string utf16ToUtf8(const uint8_t* p, size_t units, bool stopAtNul) {
    // Short strings (names) go through a stack buffer so the result can use
    // the string's inline storage.
    char small[256];
    if (units * 3 <= sizeof small) {
        char* end = detail::transcodeUtf16(small, p, units, Escape::None, stopAtNul);
        return std::string(small, size_t(end - small));
    }
    std::string s(units * 3, '\0');
    char* end = detail::transcodeUtf16(s.data(), p, units, Escape::None, stopAtNul);
    s.resize(size_t(end - s.data()));
    return s;
}

namespace {
// Windows-1252 0x80..0x9F; 0xA0..0xFF equal Latin-1. Undefined bytes map to
// the C1 control of the same value, as Windows' best-fit table does.
constexpr char16_t kCp1252[128] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    // 0xA0..0xFF
    0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF,
    0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF,
    0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF,
    0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF,
    0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF};
} // namespace

const AnsiCodec& AnsiCodec::windows1252() {
    static const AnsiCodec codec("windows-1252", kCp1252, false);
    return codec;
}

const AnsiCodec* AnsiCodec::byName(std::string_view name) {
    static const AnsiCodec latin1("iso-8859-1", nullptr, false);
    static const AnsiCodec utf8("utf-8", nullptr, true);
    std::string n;
    for (char c : name)
        n.push_back(char(c >= 'A' && c <= 'Z' ? c + 32 : c));
    if (n == "windows-1252" || n == "cp1252" || n == "ascii" || n == "us-ascii")
        return &windows1252();
    if (n == "iso-8859-1" || n == "latin1" || n == "latin-1") return &latin1;
    if (n == "utf-8" || n == "utf8") return &utf8;
    return nullptr;
}

namespace {

template <Escape Mode>
char* writeAnsi(char* d, const uint8_t* p, size_t n, const char16_t* high, bool utf8) {
    size_t i = 0;
    while (i < n) {
        const size_t run = detail::plainRun<Mode, false>(p + i, n - i);
        std::memcpy(d, p + i, run);
        d += run;
        i += run;
        if (i >= n) break;
        const uint8_t b = p[i++];
        if (b == 0) break;
        if (b < 0x80) {
            d = detail::writeEscapedAscii(d, char(b), Mode);
        } else if (utf8) {
            *d++ = char(b);
        } else {
            d = encodeUtf8(high ? high[b - 0x80] : b, d);
        }
    }
    return d;
}

} // namespace

void AnsiCodec::write(OutBuffer& out, const uint8_t* p, size_t n, Escape mode) const {
    char* start = out.reserve(n * 6); // worst case: every byte escaped as \u00XX
    char* end = start;
    switch (mode) {
    case Escape::None:
        end = writeAnsi<Escape::None>(start, p, n, high_, utf8_);
        break;
    case Escape::Xml:
        end = writeAnsi<Escape::Xml>(start, p, n, high_, utf8_);
        break;
    case Escape::XmlAttr:
        end = writeAnsi<Escape::XmlAttr>(start, p, n, high_, utf8_);
        break;
    case Escape::Json:
        end = writeAnsi<Escape::Json>(start, p, n, high_, utf8_);
        break;
    }
    out.commit(size_t(end - start));
}

} // namespace evtx
