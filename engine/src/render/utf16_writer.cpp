// UTF-16LE -> UTF-8 with escaping fused into the same pass. Event text is
// overwhelmingly ASCII, so 16 code units at a time are checked with SSE2
// and, when none needs work, narrowed to bytes in one store.
#include "evtx/bytes.hpp"
#include "evtx/text.hpp"
#include "render/text_escape.hpp"
#include "render/utf16_transcode.hpp"

#if defined(__SSE2__) && !defined(EVTX_NO_SIMD)
#include <emmintrin.h>
#endif

namespace evtx {
namespace {

using detail::encodeUtf8;
using detail::needsEscape;
using detail::writeEscapedAscii;

#if defined(__SSE2__) && !defined(EVTX_NO_SIMD)
// Lanes that cannot be copied as plain ASCII: non-ASCII, NUL, and the
// characters `Mode` escapes.
template <Escape Mode> inline __m128i specialLanes(__m128i v) {
    const __m128i nonAscii = _mm_cmpeq_epi16(_mm_and_si128(v, _mm_set1_epi16(int16_t(0xFF80))),
                                             _mm_setzero_si128());
    __m128i bad = _mm_xor_si128(nonAscii, _mm_set1_epi16(-1)); // not ASCII
    if constexpr (Mode == Escape::Json) {
        bad = _mm_or_si128(bad, _mm_cmplt_epi16(v, _mm_set1_epi16(0x20)));
        bad = _mm_or_si128(bad, _mm_cmpeq_epi16(v, _mm_set1_epi16('"')));
        bad = _mm_or_si128(bad, _mm_cmpeq_epi16(v, _mm_set1_epi16('\\')));
    } else {
        bad = _mm_or_si128(bad, _mm_cmpeq_epi16(v, _mm_setzero_si128()));
        if constexpr (Mode == Escape::Xml || Mode == Escape::XmlAttr) {
            bad = _mm_or_si128(bad, _mm_cmpeq_epi16(v, _mm_set1_epi16('&')));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi16(v, _mm_set1_epi16('<')));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi16(v, _mm_set1_epi16('>')));
        }
        if constexpr (Mode == Escape::XmlAttr) {
            bad = _mm_or_si128(bad, _mm_cmpeq_epi16(v, _mm_set1_epi16('"')));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi16(v, _mm_set1_epi16('\'')));
        }
    }
    return bad;
}
#endif

template <Escape Mode>
char* transcode(char* d, const uint8_t* p, size_t units, bool stopAtNul) {
    size_t i = 0;
    while (i < units) {
        // Units to take one by one before trying vectors again.
        size_t scalarEnd = i + 1;
#if defined(__SSE2__) && !defined(EVTX_NO_SIMD)
        // Plain ASCII runs, 8 units per step.
        while (i + 8 <= units) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2 * i));
            const int bad = _mm_movemask_epi8(specialLanes<Mode>(v));
            if (bad == 0) {
                _mm_storel_epi64(reinterpret_cast<__m128i*>(d), _mm_packus_epi16(v, v));
                d += 8;
                i += 8;
                continue;
            }
            // Copy the plain lanes before the first special one.
            const unsigned plain = unsigned(__builtin_ctz(unsigned(bad))) / 2;
            for (unsigned k = 0; k < plain; ++k)
                d[k] = char(p[2 * (i + k)]);
            // Non-ASCII text comes in runs: finish this block one by one.
            // An escape in ASCII text is usually alone: back to vectors.
            if (loadLE<uint16_t>(p + 2 * (i + plain)) >= 0x80) scalarEnd = i + 8;
            d += plain;
            i += plain;
            break;
        }
        // Fewer than 8 units left: check them with one vector load that
        // stays inside the string (the last 8 units, or 4 units), so short
        // values do not pay the per-character scalar test.
        if (const size_t left = units - i; left > 0 && left < 8 && (units >= 8 || left >= 4)) {
            unsigned skip = 0, lanes = 4;
            __m128i v;
            if (units >= 8) {
                v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2 * (units - 8)));
                skip = unsigned(8 - left);
                lanes = unsigned(left);
            } else {
                v = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + 2 * i));
            }
            const unsigned bad = unsigned(_mm_movemask_epi8(specialLanes<Mode>(v))) >> (2 * skip);
            unsigned plain = bad ? unsigned(__builtin_ctz(bad)) / 2 : lanes;
            if (plain > lanes) plain = lanes;
            for (unsigned k = 0; k < plain; ++k)
                d[k] = char(p[2 * (i + k)]);
            d += plain;
            i += plain;
            scalarEnd = units;
        }
        if (i >= units) break;
#endif
        if (scalarEnd > units) scalarEnd = units;
        do {
            const uint32_t u = loadLE<uint16_t>(p + 2 * i);
            ++i;
            if (u < 0x80) {
                if (u == 0 && stopAtNul) return d;
                if (needsEscape(u, Mode)) d = writeEscapedAscii(d, char(u), Mode);
                else *d++ = char(u);
                continue;
            }
            uint32_t cp = u;
            if (u >= 0xD800 && u <= 0xDBFF) {
                const uint32_t lo = i < units ? loadLE<uint16_t>(p + 2 * i) : 0;
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    ++i;
                } else {
                    cp = 0xFFFD;
                }
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                cp = 0xFFFD;
            }
            d = encodeUtf8(cp, d);
        } while (i < scalarEnd);
    }
    return d;
}

} // namespace

char* detail::transcodeUtf16(char* d, const uint8_t* p, size_t units, Escape mode,
                             bool stopAtNul) {
    switch (mode) {
    case Escape::None: return transcode<Escape::None>(d, p, units, stopAtNul);
    case Escape::Xml: return transcode<Escape::Xml>(d, p, units, stopAtNul);
    case Escape::XmlAttr: return transcode<Escape::XmlAttr>(d, p, units, stopAtNul);
    case Escape::Json: return transcode<Escape::Json>(d, p, units, stopAtNul);
    }
    return d;
}

void writeUtf16(OutBuffer& out, const uint8_t* p, size_t units, Escape mode, bool stopAtNul) {
    // Worst case 6 output bytes per unit (\u001f, &quot;); 3 for UTF-8.
    char* start = out.reserve(units * 6);
    out.commit(size_t(detail::transcodeUtf16(start, p, units, mode, stopAtNul) - start));
}

} // namespace evtx
