#include "evtx/render/value_format.hpp"
#include "evtx/format/civil_time.hpp"
#include "evtx/render/int_format.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <string>

namespace evtx {

bool isJsonBare(uint8_t t) {
    switch (t) {
    case vt::Int8:
    case vt::UInt8:
    case vt::Int16:
    case vt::UInt16:
    case vt::Int32:
    case vt::UInt32:
    case vt::Int64:
    case vt::UInt64:
    case vt::Bool:
        return true;
    default:
        return false;
    }
}

void formatUnsigned(OutBuffer& out, uint64_t v) {
    detail::appendDecimal(out, v);
}

void formatSigned(OutBuffer& out, int64_t v) {
    char* d = out.reserve(24);
    char* p = d;
    if (v < 0) *p++ = '-';
    // The magnitude of INT64_MIN does not fit in int64_t: negate unsigned.
    const uint64_t magnitude = v < 0 ? 0 - uint64_t(v) : uint64_t(v);
    out.commit(size_t(detail::writeDecimal(p, magnitude) - d));
}

void formatHex(OutBuffer& out, uint64_t v) {
    detail::appendHex(out, v);
}

void formatReal(OutBuffer& out, double v, bool isFloat32) {
    // Shortest round-trip digits, written in plain notation with zero padding
    // (the reference prints f32::MAX as 340282350000000000000000000000000000000).
    if (std::isnan(v)) return out.append("NaN");
    if (std::isinf(v)) return out.append(v < 0 ? "-inf" : "inf");
    char sci[64];
    auto r = isFloat32
                 ? std::to_chars(sci, sci + sizeof sci, float(v), std::chars_format::scientific)
                 : std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific);
    const std::string_view s(sci, size_t(r.ptr - sci));
    const size_t e = s.find('e');
    int exponent = 0;
    std::from_chars(s.data() + e + 1 + (s[e + 1] == '+'), s.data() + s.size(), exponent);
    const bool negative = s[0] == '-';
    std::string digits;
    for (char c : s.substr(0, e))
        if (c >= '0' && c <= '9') digits.push_back(c);
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    if (negative) out.push('-');
    const int intDigits = exponent + 1; // digits before the decimal point
    if (intDigits <= 0) {
        out.append("0.");
        for (int i = 0; i < -intDigits; ++i)
            out.push('0');
        out.append(digits);
    } else if (size_t(intDigits) >= digits.size()) {
        out.append(digits);
        for (size_t i = digits.size(); i < size_t(intDigits); ++i)
            out.push('0');
    } else {
        out.append(std::string_view(digits).substr(0, size_t(intDigits)));
        out.push('.');
        out.append(std::string_view(digits).substr(size_t(intDigits)));
    }
}

namespace {

using detail::writeTwoDigits;

// "YYYY-MM-DDTHH:MM:SS.ffffffZ" at fixed offsets, two digits per table
// lookup instead of a division per digit (PERF.md, H27). Month, day, hour,
// minute, second and the microseconds' three pairs are each below 100.
void writeTimestamp(OutBuffer& out, int64_t year, unsigned mon, unsigned day, unsigned h,
                    unsigned mi, unsigned s, unsigned micros) {
    char* d = out.reserve(48); // a 20-character year, '+' and 23 more
    size_t n = 4;
    if (year >= 0 && year <= 9999) {
        writeTwoDigits(d, unsigned(year) / 100);
        writeTwoDigits(d + 2, unsigned(year) % 100);
    } else {
        d[0] = '+';
        n = 1 + size_t(std::to_chars(d + 1, d + 20, year).ptr - (d + 1));
    }
    char* t = d + n;
    t[0] = '-';
    writeTwoDigits(t + 1, mon);
    t[3] = '-';
    writeTwoDigits(t + 4, day);
    t[6] = 'T';
    writeTwoDigits(t + 7, h);
    t[9] = ':';
    writeTwoDigits(t + 10, mi);
    t[12] = ':';
    writeTwoDigits(t + 13, s);
    t[15] = '.';
    writeTwoDigits(t + 16, micros / 10000);
    writeTwoDigits(t + 18, micros / 100 % 100);
    writeTwoDigits(t + 20, micros % 100);
    t[22] = 'Z';
    out.commit(n + 23);
}

} // namespace

void formatFileTime(OutBuffer& out, uint64_t ticks) {
    const uint64_t secs = ticks / kTicksPerSecond;
    const unsigned micros = unsigned(ticks % 10000000 / 10);
    const int64_t unixSecs = int64_t(secs) - kFileTimeUnixEpochSeconds;
    int64_t days = unixSecs / 86400, rem = unixSecs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    int64_t y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    writeTimestamp(out, y, m, d, unsigned(rem / 3600), unsigned(rem / 60 % 60), unsigned(rem % 60),
                   micros);
}

bool formatSystemTime(OutBuffer& out, const uint8_t* p) {
    if (!isValidSystemTime(p)) return false;
    writeTimestamp(out, loadLE<uint16_t>(p), loadLE<uint16_t>(p + 2), loadLE<uint16_t>(p + 6),
                   loadLE<uint16_t>(p + 8), loadLE<uint16_t>(p + 10), loadLE<uint16_t>(p + 12),
                   unsigned(loadLE<uint16_t>(p + 14)) * 1000);
    return true;
}

void formatGuid(OutBuffer& out, const uint8_t* p) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    char* d = out.reserve(36);
    size_t n = 0;
    auto byte = [&](uint8_t b) {
        d[n++] = kHex[b >> 4];
        d[n++] = kHex[b & 0xF];
    };
    for (int i = 3; i >= 0; --i)
        byte(p[i]);
    d[n++] = '-';
    byte(p[5]);
    byte(p[4]);
    d[n++] = '-';
    byte(p[7]);
    byte(p[6]);
    d[n++] = '-';
    byte(p[8]);
    byte(p[9]);
    d[n++] = '-';
    for (int i = 10; i < 16; ++i)
        byte(p[i]);
    out.commit(n);
}

void formatSid(OutBuffer& out, const uint8_t* p, size_t n) {
    // revision, sub-authority count, 48-bit big-endian authority, u32 subs.
    out.append("S-");
    formatUnsigned(out, p[0]);
    uint64_t auth = 0;
    for (int i = 2; i < 8; ++i)
        auth = (auth << 8) | p[i];
    out.push('-');
    formatUnsigned(out, auth);
    const size_t count = p[1];
    for (size_t i = 0; i < count && 8 + 4 * i + 4 <= n; ++i) {
        out.push('-');
        formatUnsigned(out, loadLE<uint32_t>(p + 8 + 4 * i));
    }
}

void writeValueText(OutBuffer& out, const Value& v, Escape mode, const AnsiCodec& ansi) {
    // Empty: nothing to read (fixed-size types would read past the value).
    if (v.size == 0) return;
    const uint8_t* p = v.data;
    switch (v.baseType()) {
    case vt::Null:
        return;
    case vt::String:
        return writeUtf16(out, p, v.size / 2, mode);
    case vt::AnsiString:
        return ansi.write(out, p, v.size, mode);
    case vt::Int8:
        return formatSigned(out, int8_t(p[0]));
    case vt::UInt8:
        return formatUnsigned(out, p[0]);
    case vt::Int16:
        return formatSigned(out, loadLE<int16_t>(p));
    case vt::UInt16:
        return formatUnsigned(out, loadLE<uint16_t>(p));
    case vt::Int32:
        return formatSigned(out, loadLE<int32_t>(p));
    case vt::UInt32:
        return formatUnsigned(out, loadLE<uint32_t>(p));
    case vt::Int64:
        return formatSigned(out, loadLE<int64_t>(p));
    case vt::UInt64:
        return formatUnsigned(out, loadLE<uint64_t>(p));
    case vt::Real32:
        return formatReal(out, loadLE<float>(p), true);
    case vt::Real64:
        return formatReal(out, loadLE<double>(p), false);
    case vt::Bool:
        return out.append(loadLE<uint32_t>(p) ? "true" : "false");
    case vt::Binary: {
        static constexpr char kHex[] = "0123456789ABCDEF";
        char* d = out.reserve(size_t(v.size) * 2);
        for (uint32_t i = 0; i < v.size; ++i) {
            d[2 * i] = kHex[p[i] >> 4];
            d[2 * i + 1] = kHex[p[i] & 0xF];
        }
        return out.commit(size_t(v.size) * 2);
    }
    case vt::Guid:
        return formatGuid(out, p);
    case vt::SizeT:
        return formatHex(out, v.size == 4 ? loadLE<uint32_t>(p) : loadLE<uint64_t>(p));
    case vt::FileTime:
        return formatFileTime(out, loadLE<uint64_t>(p));
    case vt::SysTime:
        formatSystemTime(out, p);
        return;
    case vt::Sid:
        return formatSid(out, p, v.size);
    case vt::HexInt32:
        return formatHex(out, loadLE<uint32_t>(p));
    case vt::HexInt64:
        return formatHex(out, loadLE<uint64_t>(p));
    default:
        return;
    }
}

void writeValueJson(OutBuffer& out, const Value& v, const AnsiCodec& ansi) {
    if (v.isArray()) {
        out.push('[');
        bool first = true;
        forEachArrayItem(v, [&](const Value& item) {
            if (!first) out.push(',');
            first = false;
            writeValueJson(out, item, ansi);
        });
        out.push(']');
        return;
    }
    if (v.type == vt::Null) return out.append("null");
    if (isJsonBare(v.type)) return writeValueText(out, v, Escape::None, ansi);
    out.push('"');
    writeValueText(out, v, Escape::Json, ansi);
    out.push('"');
}

} // namespace evtx
