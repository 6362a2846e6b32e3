// Decimal and hexadecimal integers written through digit tables, inline in
// the renderers' hot paths: two digits per division by 100, and the length
// known before writing (no reversal, no second pass).
#pragma once

#include "evtx/text/out_buffer.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace evtx::detail {

inline constexpr std::array<char, 200> kDigitPairs = [] {
    std::array<char, 200> t{};
    for (int i = 0; i < 100; ++i) {
        t[size_t(2 * i)] = char('0' + i / 10);
        t[size_t(2 * i + 1)] = char('0' + i % 10);
    }
    return t;
}();

// Writes the two digits of `v` (< 100) at `d`.
inline void writeTwoDigits(char* d, unsigned v) {
    std::memcpy(d, kDigitPairs.data() + 2 * v, 2);
}

inline unsigned decimalLength(uint64_t v) {
    unsigned n = 1;
    for (;;) {
        if (v < 10) return n;
        if (v < 100) return n + 1;
        if (v < 1000) return n + 2;
        if (v < 10000) return n + 3;
        v /= 10000;
        n += 4;
    }
}

// Writes `v` in decimal at `d` (room for 20 bytes); returns the end.
inline char* writeDecimal(char* d, uint64_t v) {
    const unsigned length = decimalLength(v);
    char* p = d + length;
    while (v >= 100) {
        const size_t pair = size_t(v % 100) * 2;
        v /= 100;
        p -= 2;
        std::memcpy(p, kDigitPairs.data() + pair, 2);
    }
    if (v >= 10)
        std::memcpy(p - 2, kDigitPairs.data() + v * 2, 2);
    else
        p[-1] = char('0' + v);
    return d + length;
}

// Writes `v` in lowercase hexadecimal without prefix at `d` (room for 16
// bytes); returns the end.
inline char* writeHexDigits(char* d, uint64_t v) {
    const unsigned nibbles = v ? (67u - unsigned(__builtin_clzll(v))) / 4 : 1;
    char* p = d + nibbles;
    do {
        *--p = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (p != d);
    return d + nibbles;
}

inline void appendDecimal(OutBuffer& out, uint64_t v) {
    char* d = out.reserve(24);
    out.commit(size_t(writeDecimal(d, v) - d));
}

// "0x" and the lowercase digits, as the reference writes hex integers.
inline void appendHex(OutBuffer& out, uint64_t v) {
    char* d = out.reserve(24);
    d[0] = '0';
    d[1] = 'x';
    out.commit(size_t(writeHexDigits(d + 2, v) - d));
}

} // namespace evtx::detail
