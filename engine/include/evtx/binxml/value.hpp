// A typed BinXML value: a raw span into the chunk, decoded only when written
// (the writers are in evtx/render/value_format.hpp).
#pragma once

#include "evtx/binxml/value_types.hpp"
#include "evtx/format/bytes.hpp"

#include <cstdint>
#include <string>

namespace evtx {

struct Value {
    const uint8_t* data = nullptr;
    uint32_t size = 0;
    uint8_t type = vt::Null;
    int32_t fragment = -1; // BinXml values: index of the parsed fragment

    bool isArray() const { return type & vt::ArrayFlag; }
    uint8_t baseType() const { return type & 0x7F; }
};

// Is the value rendered as nothing (null type, zero size, or a string whose
// first unit is NUL)? Such values drop attributes and leave elements empty.
bool isEmptyValue(const Value& v);

// Checks that a value's bytes can be rendered (sizes, dates); returns an
// error message or an empty string.
std::string validateValue(const Value& v);

// Is the SYSTEMTIME at `p` (16 bytes) a real date and time of day?
bool isValidSystemTime(const uint8_t* p);

// Items of an array value, as non-array Values.
template <typename F> void forEachArrayItem(const Value& v, F&& f) {
    const uint8_t base = v.baseType();
    if (base == vt::String) {
        // NUL-separated UTF-16 items; a trailing NUL does not start an item.
        size_t units = v.size / 2, start = 0;
        for (size_t i = 0; i < units; ++i) {
            if (loadLE<uint16_t>(v.data + 2 * i) == 0) {
                f(Value{v.data + 2 * start, uint32_t(2 * (i - start)), base});
                start = i + 1;
            }
        }
        if (start < units) f(Value{v.data + 2 * start, uint32_t(2 * (units - start)), base});
        return;
    }
    if (base == vt::AnsiString) {
        size_t start = 0;
        for (size_t i = 0; i < v.size; ++i) {
            if (v.data[i] == 0) {
                f(Value{v.data + start, uint32_t(i - start), base});
                start = i + 1;
            }
        }
        if (start < v.size) f(Value{v.data + start, uint32_t(v.size - start), base});
        return;
    }
    uint32_t item = vt::fixedSize(base);
    if (base == vt::SizeT) item = 8; // arrays of SizeT: 64-bit items
    if (base == vt::Sid) {
        // SIDs are self-sized: 8 + 4 * sub-authority count.
        size_t pos = 0;
        while (pos + 8 <= v.size) {
            uint32_t len = 8 + 4u * v.data[pos + 1];
            if (pos + len > v.size) break;
            f(Value{v.data + pos, len, base});
            pos += len;
        }
        return;
    }
    if (item == 0) return;
    for (size_t pos = 0; pos + item <= v.size; pos += item)
        f(Value{v.data + pos, item, base});
}

} // namespace evtx
