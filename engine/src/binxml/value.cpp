// BinXML value checks the parser needs: emptiness and renderability.
#include "evtx/binxml/value.hpp"

#include <string>

namespace evtx {

bool isEmptyValue(const Value& v) {
    // evtx-format.md: a value of type NULL or of size 0 is empty.
    if (v.type == vt::Null || v.size == 0) return true;
    if (v.isArray()) {
        bool any = false;
        forEachArrayItem(v, [&](const Value&) { any = true; });
        return !any;
    }
    switch (v.type) {
    case vt::String:
        return v.size < 2 || loadLE<uint16_t>(v.data) == 0;
    case vt::AnsiString:
        return v.size == 0 || v.data[0] == 0;
    case vt::Binary:
    case vt::BinXml:
        return v.size == 0;
    default:
        return false;
    }
}

bool isValidSystemTime(const uint8_t* p) {
    const unsigned year = loadLE<uint16_t>(p), mon = loadLE<uint16_t>(p + 2),
                   day = loadLE<uint16_t>(p + 6), h = loadLE<uint16_t>(p + 8),
                   mi = loadLE<uint16_t>(p + 10), s = loadLE<uint16_t>(p + 12),
                   ms = loadLE<uint16_t>(p + 14);
    if (mon < 1 || mon > 12 || day < 1 || h > 23 || mi > 59 || s > 59 || ms > 999) return false;
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    unsigned dim = kDays[mon - 1] + (mon == 2 && leap ? 1 : 0);
    return day <= dim;
}

std::string validateValue(const Value& v) {
    const uint8_t base = v.baseType();
    if (v.type == vt::Null) return {};
    if (v.isArray()) {
        if (base == vt::SysTime) {
            std::string err;
            forEachArrayItem(v, [&](const Value& item) {
                if (err.empty()) err = validateValue(item);
            });
            return err;
        }
        return {};
    }
    uint32_t need = vt::fixedSize(base);
    if (base == vt::SizeT) {
        if (v.size != 4 && v.size != 8)
            return "invalid SizeT value of " + std::to_string(v.size) + " bytes";
        return {};
    }
    if (need && v.size < need)
        return "buffer too small for value type 0x" +
               std::string(1, "0123456789abcdef"[base >> 4]) +
               std::string(1, "0123456789abcdef"[base & 15]) + " (need " + std::to_string(need) +
               " bytes, have " + std::to_string(v.size) + ")";
    if (base == vt::Sid && (v.size < 8 || v.size < 8 + 4u * v.data[1]))
        return "invalid SID of " + std::to_string(v.size) + " bytes";
    if (base == vt::SysTime) {
        if (!isValidSystemTime(v.data)) return "invalid SYSTEMTIME: date out of range";
    }
    if (base == vt::EvtHandle || base == vt::EvtXml)
        return "unsupported value type 0x" + std::to_string(base);
    return {};
}

} // namespace evtx
