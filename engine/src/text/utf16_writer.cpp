// UTF-16LE -> UTF-8 with escaping fused into the same pass. Event text is
// overwhelmingly ASCII, so 16 code units at a time are checked with SSE2
// and, when none needs work, narrowed to bytes in one store.
#include "evtx/format/bytes.hpp"
#include "evtx/text/text.hpp"
#include "evtx/text/utf16_transcode.hpp"
#include "text/text_escape.hpp"

#if defined(__SSE2__) && !defined(EVTX_NO_SIMD)
#include <emmintrin.h>
#endif

namespace evtx {
namespace {

using detail::encodeUtf8;
using detail::needsEscape;
using detail::writeEscapedAscii;

#if defined(__SSE2__) && !defined(EVTX_NO_SIMD)
// 16 UTF-16 units narrowed to 16 bytes with unsigned saturation: ASCII units
// keep their value, 0x80..0x7FFF become bytes >= 0x80 and 0x8000..0xFFFF
// become 0, so a unit is plain ASCII exactly when its byte is.
inline __m128i narrow(const uint8_t* p, size_t units16) {
    const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    if (units16 == 8) return _mm_packus_epi16(lo, lo);
    const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
    return _mm_packus_epi16(lo, hi);
}

// Bit per byte of `b` that cannot be copied: non-ASCII, NUL, and what `Mode`
// escapes. Signed compares put bytes >= 0x80 below any ASCII bound.
template <Escape Mode> inline unsigned specialBytes(__m128i b) {
    __m128i bad;
    if constexpr (Mode == Escape::Json) {
        bad = _mm_cmplt_epi8(b, _mm_set1_epi8(0x20)); // controls, NUL, non-ASCII
        bad = _mm_or_si128(bad, _mm_cmpeq_epi8(b, _mm_set1_epi8('"')));
        bad = _mm_or_si128(bad, _mm_cmpeq_epi8(b, _mm_set1_epi8('\\')));
    } else {
        bad = _mm_cmplt_epi8(b, _mm_set1_epi8(1)); // NUL, non-ASCII
        if constexpr (Mode == Escape::Xml || Mode == Escape::XmlAttr) {
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(b, _mm_set1_epi8('&')));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(b, _mm_set1_epi8('<')));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(b, _mm_set1_epi8('>')));
        }
        if constexpr (Mode == Escape::XmlAttr) {
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(b, _mm_set1_epi8('"')));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(b, _mm_set1_epi8('\'')));
        }
    }
    return unsigned(_mm_movemask_epi8(bad));
}
#endif

// `d` has room for the worst case of the units left (3 bytes each without
// escaping, 6 with), so whole vectors may be stored and only the plain part
// kept: later output overwrites the rest.
template <Escape Mode> char* transcode(char* d, const uint8_t* p, size_t units, bool stopAtNul) {
    size_t i = 0;
    while (i < units) {
        // Units to take one by one before trying vectors again.
        size_t scalarEnd = i + 1;
#if defined(__SSE2__) && !defined(EVTX_NO_SIMD)
        // Plain ASCII runs: 16 units per step, then 8.
        unsigned bad = 0;
        while (i + 16 <= units) {
            const __m128i b = narrow(p + 2 * i, 16);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(d), b);
            bad = specialBytes<Mode>(b);
            if (bad) break;
            d += 16;
            i += 16;
        }
        if (!bad && i + 8 <= units) {
            const __m128i b = narrow(p + 2 * i, 8);
            _mm_storel_epi64(reinterpret_cast<__m128i*>(d), b);
            bad = specialBytes<Mode>(b) & 0xFF;
            if (!bad) {
                d += 8;
                i += 8;
            }
        }
        if (bad) {
            const unsigned plain = unsigned(__builtin_ctz(bad));
            d += plain;
            i += plain;
            // Non-ASCII text comes in runs: finish 8 units one by one. An
            // escape in ASCII text is usually alone: back to vectors.
            if (loadLE<uint16_t>(p + 2 * i) >= 0x80) scalarEnd = i + 8;
        } else if (const size_t left = units - i; left > 0 && (units >= 8 || left >= 4)) {
            // Fewer than 8 units left: one vector load that stays inside the
            // string (its last 8 units, or 4), so short values do not pay the
            // per-character test.
            unsigned skip = 0, lanes = 4;
            __m128i b;
            if (units >= 8) {
                b = narrow(p + 2 * (units - 8), 8);
                skip = unsigned(8 - left);
                lanes = unsigned(left);
            } else {
                const __m128i v = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + 2 * i));
                b = _mm_packus_epi16(v, v);
            }
            const unsigned tailBad = (specialBytes<Mode>(b) & 0xFF) >> skip;
            unsigned plain = tailBad ? unsigned(__builtin_ctz(tailBad)) : lanes;
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
                if (needsEscape(u, Mode))
                    d = writeEscapedAscii(d, char(u), Mode);
                else
                    *d++ = char(u);
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

char* detail::transcodeUtf16(char* d, const uint8_t* p, size_t units, Escape mode, bool stopAtNul) {
    switch (mode) {
    case Escape::None:
        return transcode<Escape::None>(d, p, units, stopAtNul);
    case Escape::Xml:
        return transcode<Escape::Xml>(d, p, units, stopAtNul);
    case Escape::XmlAttr:
        return transcode<Escape::XmlAttr>(d, p, units, stopAtNul);
    case Escape::Json:
        return transcode<Escape::Json>(d, p, units, stopAtNul);
    }
    return d;
}

char* detail::transcodeUtf16None(char* d, const uint8_t* p, size_t units, bool stopAtNul) {
    return transcode<Escape::None>(d, p, units, stopAtNul);
}
char* detail::transcodeUtf16Xml(char* d, const uint8_t* p, size_t units, bool stopAtNul) {
    return transcode<Escape::Xml>(d, p, units, stopAtNul);
}
char* detail::transcodeUtf16XmlAttr(char* d, const uint8_t* p, size_t units, bool stopAtNul) {
    return transcode<Escape::XmlAttr>(d, p, units, stopAtNul);
}
char* detail::transcodeUtf16Json(char* d, const uint8_t* p, size_t units, bool stopAtNul) {
    return transcode<Escape::Json>(d, p, units, stopAtNul);
}

void writeUtf16(OutBuffer& out, const uint8_t* p, size_t units, Escape mode, bool stopAtNul) {
    // Worst case 6 output bytes per unit (\u001f, &quot;); 3 for UTF-8.
    char* start = out.reserve(units * 6);
    out.commit(size_t(detail::transcodeUtf16(start, p, units, mode, stopAtNul) - start));
}

} // namespace evtx
