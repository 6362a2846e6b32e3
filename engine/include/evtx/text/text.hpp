// UTF-16LE / ANSI → UTF-8 transcoding fused with XML or JSON escaping.
#pragma once

#include "evtx/text/out_buffer.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace evtx {

// Xml escapes & < > (text); XmlAttr also " and ' (attribute values).
enum class Escape : uint8_t { None, Xml, XmlAttr, Json };

// Writes `units` UTF-16LE code units from `p` (stopping at the first NUL unit
// when `stopAtNul`), escaped for `mode`. Unpaired surrogates become U+FFFD.
void writeUtf16(OutBuffer& out, const uint8_t* p, size_t units, Escape mode, bool stopAtNul = true);

// Writes UTF-8 text escaped for `mode`.
void writeEscaped(OutBuffer& out, std::string_view utf8, Escape mode);

// Decodes UTF-16LE (up to the first NUL unless told otherwise) into a
// std::string (for names and static text).
std::string utf16ToUtf8(const uint8_t* p, size_t units, bool stopAtNul = true);

// Single-byte code pages for ANSI strings (value type 0x02).
class AnsiCodec {
  public:
    // Known names: windows-1252 (default), iso-8859-1/latin1, ascii, utf-8.
    static const AnsiCodec* byName(std::string_view name);
    static const AnsiCodec& windows1252();

    void write(OutBuffer& out, const uint8_t* p, size_t n, Escape mode) const;
    std::string_view name() const { return name_; }

  private:
    AnsiCodec(std::string_view name, const char16_t* high, bool utf8)
        : name_(name), high_(high), utf8_(utf8) {}
    std::string_view name_;
    const char16_t* high_; // maps 0x80..0xFF to code points; null = identity
    bool utf8_;
};

} // namespace evtx
