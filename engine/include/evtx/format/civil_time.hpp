// FILETIME (100 ns ticks since 1601-01-01 UTC) against the Unix epoch and
// proleptic Gregorian dates: the one copy every stage uses (value text,
// System field times, query time literals, the writer).
#pragma once

#include <cstdint>

namespace evtx {

inline constexpr int64_t kFileTimeUnixEpochSeconds = 11644473600LL; // 1601 -> 1970
inline constexpr uint64_t kTicksPerSecond = 10000000ull;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// algorithm), and back.
constexpr int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + int64_t(doe) - 719468;
}

constexpr void civilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = int64_t(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += (m <= 2);
}

// FILETIME of a Unix time; valid for times after 1601-01-01.
constexpr uint64_t fileTimeFromUnixSeconds(int64_t seconds, uint64_t ticks100ns = 0) {
    return uint64_t(seconds + kFileTimeUnixEpochSeconds) * kTicksPerSecond + ticks100ns;
}

} // namespace evtx
