#include "evtx/index/filetime.hpp"

#include <cstdio>

namespace evtx {

namespace {
// Days since 1970-01-01 to a civil date (proleptic Gregorian).
void civilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = int64_t(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
}
} // namespace

std::string formatFileTime100ns(uint64_t ticks, int64_t offsetSeconds, bool isoT) {
    const unsigned fraction = unsigned(ticks % 10000000);
    const int64_t secs = fileTimeToUnixSeconds(ticks) + offsetSeconds;
    int64_t days = secs / 86400, rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    int64_t y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u%c%02u:%02u:%02u.%07u%s", (long long)y, m, d,
                  isoT ? 'T' : ' ', unsigned(rem / 3600), unsigned(rem / 60 % 60),
                  unsigned(rem % 60), fraction, isoT && offsetSeconds == 0 ? "Z" : "");
    return buf;
}

} // namespace evtx
