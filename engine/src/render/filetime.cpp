#include "evtx/render/filetime.hpp"
#include "evtx/format/civil_time.hpp"

#include <cstdio>

namespace evtx {

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
