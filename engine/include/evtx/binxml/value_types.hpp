// BinXML value type codes (evtx-format.md, "Value types").
#pragma once

#include <cstdint>

namespace evtx::vt {

inline constexpr uint8_t Null = 0x00;
inline constexpr uint8_t String = 0x01;
inline constexpr uint8_t AnsiString = 0x02;
inline constexpr uint8_t Int8 = 0x03;
inline constexpr uint8_t UInt8 = 0x04;
inline constexpr uint8_t Int16 = 0x05;
inline constexpr uint8_t UInt16 = 0x06;
inline constexpr uint8_t Int32 = 0x07;
inline constexpr uint8_t UInt32 = 0x08;
inline constexpr uint8_t Int64 = 0x09;
inline constexpr uint8_t UInt64 = 0x0a;
inline constexpr uint8_t Real32 = 0x0b;
inline constexpr uint8_t Real64 = 0x0c;
inline constexpr uint8_t Bool = 0x0d;
inline constexpr uint8_t Binary = 0x0e;
inline constexpr uint8_t Guid = 0x0f;
inline constexpr uint8_t SizeT = 0x10;
inline constexpr uint8_t FileTime = 0x11;
inline constexpr uint8_t SysTime = 0x12;
inline constexpr uint8_t Sid = 0x13;
inline constexpr uint8_t HexInt32 = 0x14;
inline constexpr uint8_t HexInt64 = 0x15;
inline constexpr uint8_t EvtHandle = 0x20;
inline constexpr uint8_t BinXml = 0x21;
inline constexpr uint8_t EvtXml = 0x23;
inline constexpr uint8_t ArrayFlag = 0x80;

// Size in bytes of one item of a fixed-size type, 0 for variable-size types.
constexpr uint32_t fixedSize(uint8_t t) {
    switch (t) {
    case Int8:
    case UInt8:
        return 1;
    case Int16:
    case UInt16:
        return 2;
    case Int32:
    case UInt32:
    case Real32:
    case Bool:
    case HexInt32:
        return 4;
    case Int64:
    case UInt64:
    case Real64:
    case FileTime:
    case HexInt64:
        return 8;
    case Guid:
    case SysTime:
        return 16;
    default:
        return 0;
    }
}

} // namespace evtx::vt
