// One CSV field as RFC 4180 writes it: quoted when it holds a comma, a
// quote or a line break, quotes doubled.
#pragma once

#include "evtx/text/out_buffer.hpp"

#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace evtx {

// Copies `n` bytes to `d`, each quote doubled; `d` needs 2n bytes. 16 bytes
// a step while no quote is among them (a JSON payload has one every few
// bytes, so a step ends at the next quote).
inline char* copyDoublingQuotes(char* d, const char* s, size_t n) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    while (i + 16 <= n) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
        const auto mask = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(d), v);
        if (!mask) {
            d += 16;
            i += 16;
            continue;
        }
        const auto upTo = unsigned(__builtin_ctz(mask)) + 1; // through the quote
        d += upTo;
        *d++ = '"';
        i += upTo;
    }
#endif
    for (; i < n; ++i) {
        *d++ = s[i];
        if (s[i] == '"') *d++ = '"';
    }
    return d;
}

inline void appendCsvField(OutBuffer& out, std::string_view s) {
    size_t i = 0;
    while (i < s.size() && s[i] != ',' && s[i] != '"' && s[i] != '\r' && s[i] != '\n') ++i;
    if (i == s.size()) {
        out.append(s);
        return;
    }
    char* const begin = out.reserve(2 * s.size() + 2);
    char* d = begin;
    *d++ = '"';
    d = copyDoublingQuotes(d, s.data(), s.size());
    *d++ = '"';
    out.commit(size_t(d - begin));
}

} // namespace evtx
