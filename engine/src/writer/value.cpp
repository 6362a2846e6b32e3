#include "evtx/writer/value.hpp"

#include "evtx/format/civil_time.hpp"

#include <charconv>
#include <cstring>
#include <stdexcept>

namespace evtx::writer {
namespace {

template <typename T> std::vector<uint8_t> leBytes(T v) {
    std::vector<uint8_t> b(sizeof(T));
    std::memcpy(b.data(), &v, sizeof(T)); // little-endian hosts only, like the reader
    return b;
}

void appendUtf16(std::vector<uint8_t>& out, std::string_view utf8) {
    for (char16_t u : toUtf16(utf8)) {
        out.push_back(uint8_t(u));
        out.push_back(uint8_t(u >> 8));
    }
}

} // namespace

std::u16string toUtf16(std::string_view s) {
    std::u16string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const uint8_t c = uint8_t(s[i]);
        uint32_t cp = 0xFFFD;
        size_t len = 1;
        if (c < 0x80) {
            cp = c;
        } else {
            const size_t need = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
            bool ok = need > 0 && need <= 3 + (c >= 0xF0) && i + need <= s.size();
            uint32_t v = need == 2 ? c & 0x1F : need == 3 ? c & 0x0F : c & 0x07;
            for (size_t k = 1; ok && k < need; ++k) {
                const uint8_t t = uint8_t(s[i + k]);
                ok = (t & 0xC0) == 0x80;
                v = (v << 6) | (t & 0x3F);
            }
            // Overlong forms and surrogate code points are not characters.
            if (ok && !(need == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) &&
                !(need == 4 && (v < 0x10000 || v > 0x10FFFF))) {
                cp = v;
                len = need;
            }
        }
        i += len;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out.push_back(char16_t(0xD800 + (cp >> 10)));
            out.push_back(char16_t(0xDC00 + (cp & 0x3FF)));
        } else {
            out.push_back(char16_t(cp));
        }
    }
    return out;
}

Value Value::string(std::string_view utf8) {
    std::vector<uint8_t> b;
    appendUtf16(b, utf8);
    return Value(vt::String, std::move(b));
}

Value Value::ansi(std::string_view bytes) {
    return Value(vt::AnsiString, std::vector<uint8_t>(bytes.begin(), bytes.end()));
}

Value Value::i8(int8_t v) {
    return Value(vt::Int8, leBytes(v));
}
Value Value::u8(uint8_t v) {
    return Value(vt::UInt8, leBytes(v));
}
Value Value::i16(int16_t v) {
    return Value(vt::Int16, leBytes(v));
}
Value Value::u16(uint16_t v) {
    return Value(vt::UInt16, leBytes(v));
}
Value Value::i32(int32_t v) {
    return Value(vt::Int32, leBytes(v));
}
Value Value::u32(uint32_t v) {
    return Value(vt::UInt32, leBytes(v));
}
Value Value::i64(int64_t v) {
    return Value(vt::Int64, leBytes(v));
}
Value Value::u64(uint64_t v) {
    return Value(vt::UInt64, leBytes(v));
}
Value Value::real32(float v) {
    return Value(vt::Real32, leBytes(v));
}
Value Value::real64(double v) {
    return Value(vt::Real64, leBytes(v));
}
Value Value::boolean(bool v) {
    return Value(vt::Bool, leBytes(uint32_t(v)));
}
Value Value::binary(std::vector<uint8_t> bytes) {
    return Value(vt::Binary, std::move(bytes));
}
Value Value::fileTime(uint64_t ticks) {
    return Value(vt::FileTime, leBytes(ticks));
}
Value Value::hex32(uint32_t v) {
    return Value(vt::HexInt32, leBytes(v));
}
Value Value::hex64(uint64_t v) {
    return Value(vt::HexInt64, leBytes(v));
}

Value Value::guid(const Guid& g) {
    return Value(vt::Guid, std::vector<uint8_t>(g.bytes.begin(), g.bytes.end()));
}

Value Value::sizeT(uint64_t v, bool wide) {
    return Value(vt::SizeT, wide ? leBytes(v) : leBytes(uint32_t(v)));
}

Value Value::systemTime(const SystemTime& t) {
    std::vector<uint8_t> b;
    for (uint16_t f :
         {t.year, t.month, t.dayOfWeek, t.day, t.hour, t.minute, t.second, t.milliseconds}) {
        b.push_back(uint8_t(f));
        b.push_back(uint8_t(f >> 8));
    }
    return Value(vt::SysTime, std::move(b));
}

Value Value::sid(std::string_view text) {
    // S-<revision>-<authority>-<sub>...: authority is 48-bit big-endian,
    // sub-authorities are little-endian u32.
    auto bad = [&] { return std::invalid_argument("bad SID text: " + std::string(text)); };
    if (text.substr(0, 2) != "S-") throw bad();
    std::vector<uint64_t> parts;
    const char* p = text.data() + 2;
    const char* end = text.data() + text.size();
    while (p < end) {
        uint64_t v = 0;
        auto r = std::from_chars(p, end, v);
        if (r.ec != std::errc() || (r.ptr != end && *r.ptr != '-')) throw bad();
        parts.push_back(v);
        p = r.ptr == end ? end : r.ptr + 1;
        if (r.ptr != end && p == end) throw bad();
    }
    if (parts.size() < 2 || parts.size() - 2 > 15 || parts[0] > 255 || parts[1] >> 48) throw bad();
    std::vector<uint8_t> b{uint8_t(parts[0]), uint8_t(parts.size() - 2)};
    for (int shift = 40; shift >= 0; shift -= 8)
        b.push_back(uint8_t(parts[1] >> shift));
    for (size_t i = 2; i < parts.size(); ++i) {
        if (parts[i] > 0xFFFFFFFFu) throw bad();
        auto le = leBytes(uint32_t(parts[i]));
        b.insert(b.end(), le.begin(), le.end());
    }
    return Value(vt::Sid, std::move(b));
}

Value Value::array(const std::vector<Value>& items) {
    if (items.empty()) throw std::invalid_argument("an array needs an item to know its type");
    const uint8_t t = items.front().type();
    const bool sized = vt::fixedSize(t) > 0 || t == vt::Sid || t == vt::SizeT;
    if (!sized && t != vt::String && t != vt::AnsiString)
        throw std::invalid_argument("no array form for value type " + std::to_string(t));
    std::vector<uint8_t> b;
    for (const Value& v : items) {
        if (v.type() != t) throw std::invalid_argument("array items of different types");
        // Readers take SizeT array items as 64-bit.
        if (t == vt::SizeT && v.bytes().size() != 8)
            throw std::invalid_argument("SizeT array items must be 8 bytes");
        b.insert(b.end(), v.bytes().begin(), v.bytes().end());
        if (t == vt::String) b.insert(b.end(), {0, 0});
        if (t == vt::AnsiString) b.push_back(0);
    }
    return Value(uint8_t(t | vt::ArrayFlag), std::move(b));
}

Value Value::stringArray(const std::vector<std::string>& utf8Items) {
    std::vector<uint8_t> b;
    for (const std::string& s : utf8Items) {
        appendUtf16(b, s);
        b.insert(b.end(), {0, 0});
    }
    return Value(uint8_t(vt::String | vt::ArrayFlag), std::move(b));
}

Value Value::binXml(Instance instance) {
    Value v(vt::BinXml, {});
    v.instance_ = std::make_shared<const Instance>(std::move(instance));
    return v;
}

Value Value::binXml(const Node& element) {
    if (element.kind != Node::Kind::Element || !element.element)
        throw std::invalid_argument("a BinXML value holds an element");
    Value v(vt::BinXml, {});
    v.element_ = element.element;
    return v;
}

uint64_t fileTimeFromUnix(int64_t seconds, uint32_t ticks100ns) {
    return fileTimeFromUnixSeconds(seconds, ticks100ns);
}

SystemTime systemTimeFromFileTime(uint64_t ticks) {
    const uint64_t totalMs = ticks / 10000;
    const uint64_t msOfDay = totalMs % 86400000ull;
    const int64_t days = int64_t(totalMs / 86400000ull); // since 1601-01-01, a Monday
    SystemTime t;
    t.dayOfWeek = uint16_t((days + 1) % 7);
    // Walk 400-, 100-, 4- and 1-year cycles from 1601 (the start of a 400-year cycle).
    int64_t d = days;
    int64_t year = 1601 + 400 * (d / 146097);
    d %= 146097;
    int64_t c = std::min<int64_t>(d / 36524, 3);
    year += 100 * c;
    d -= c * 36524;
    year += 4 * (d / 1461);
    d %= 1461;
    int64_t y = std::min<int64_t>(d / 365, 3);
    year += y;
    d -= y * 365;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = 0;
    while (d >= kDays[month] + (month == 1 && leap))
        d -= kDays[month] + (month == 1 && leap), ++month;
    t.year = uint16_t(year);
    t.month = uint16_t(month + 1);
    t.day = uint16_t(d + 1);
    t.hour = uint16_t(msOfDay / 3600000);
    t.minute = uint16_t(msOfDay / 60000 % 60);
    t.second = uint16_t(msOfDay / 1000 % 60);
    t.milliseconds = uint16_t(msOfDay % 1000);
    return t;
}

} // namespace evtx::writer
