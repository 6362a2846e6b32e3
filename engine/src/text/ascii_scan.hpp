// Finds how many leading bytes can be copied unchanged: 16 at a time with
// SSE2, since most event text is plain ASCII.
#pragma once

#include "text/text_escape.hpp"

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__) && !defined(EVTX_NO_SIMD)
#include <emmintrin.h>
#endif

namespace evtx::detail {

// Bytes before the first one that needs work: for single-byte code pages
// (Utf8Input false) any non-ASCII byte or NUL; for UTF-8 text only the
// characters `Mode` escapes.
template <Escape Mode, bool Utf8Input> inline size_t plainRun(const uint8_t* p, size_t n) {
    size_t i = 0;
#if defined(__SSE2__) && !defined(EVTX_NO_SIMD)
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        __m128i bad = _mm_setzero_si128();
        if constexpr (!Utf8Input) {
            bad = _mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128())); // high bit or NUL
        }
        if constexpr (Mode == Escape::Json) {
            // Signed compare: bytes >= 0x80 are negative and would count as
            // controls, so mask them out for UTF-8 input.
            __m128i ctl = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
            if constexpr (Utf8Input)
                ctl = _mm_andnot_si128(_mm_cmplt_epi8(v, _mm_setzero_si128()), ctl);
            bad = _mm_or_si128(bad, ctl);
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
        } else if constexpr (Mode == Escape::Xml || Mode == Escape::XmlAttr) {
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('&')));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
            if constexpr (Mode == Escape::XmlAttr) {
                bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
                bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
            }
        }
        const int mask = _mm_movemask_epi8(bad);
        if (mask) return i + size_t(__builtin_ctz(unsigned(mask)));
    }
#endif
    for (; i < n; ++i) {
        const uint8_t b = p[i];
        if (!Utf8Input && (b == 0 || b >= 0x80)) break;
        if (b < 0x80 && needsEscape(b, Mode)) break;
    }
    return i;
}

} // namespace evtx::detail
