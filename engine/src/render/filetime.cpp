#include "evtx/render/filetime.hpp"
#include "evtx/format/civil_time.hpp"

#include <ctime>

namespace evtx {

namespace {

// Writes `v` as exactly `width` digits ending just before `end`.
char* digitsBefore(char* end, uint64_t v, int width) {
    for (int i = 0; i < width; ++i, v /= 10)
        *--end = char('0' + v % 10);
    return end;
}

} // namespace

void appendFileTime100ns(OutBuffer& out, uint64_t ticks, int64_t offsetSeconds, bool isoT) {
    const auto fraction = unsigned(ticks % 10000000);
    const int64_t secs = fileTimeToUnixSeconds(ticks) + offsetSeconds;
    int64_t days = secs / 86400, rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    int64_t y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    // FILETIME years run from 1601 to 60056: four digits, or five.
    const int yearDigits = y > 9999 ? 5 : 4;
    char buf[40];
    char* p = buf + yearDigits;
    digitsBefore(p, uint64_t(y < 0 ? 0 : y), yearDigits);
    *p++ = '-';
    p = digitsBefore(p + 2, m, 2) + 2;
    *p++ = '-';
    p = digitsBefore(p + 2, d, 2) + 2;
    *p++ = isoT ? 'T' : ' ';
    p = digitsBefore(p + 2, uint64_t(rem / 3600), 2) + 2;
    *p++ = ':';
    p = digitsBefore(p + 2, uint64_t(rem / 60 % 60), 2) + 2;
    *p++ = ':';
    p = digitsBefore(p + 2, uint64_t(rem % 60), 2) + 2;
    *p++ = '.';
    p = digitsBefore(p + 7, fraction, 7) + 7;
    if (isoT && offsetSeconds == 0) *p++ = 'Z';
    out.append(std::string_view(buf, size_t(p - buf)));
}

std::string formatFileTime100ns(uint64_t ticks, int64_t offsetSeconds, bool isoT) {
    OutBuffer out;
    appendFileTime100ns(out, ticks, offsetSeconds, isoT);
    return std::string(out.view());
}

int64_t localUtcOffsetSeconds(uint64_t ticks) {
    const std::time_t t = std::time_t(fileTimeToUnixSeconds(ticks));
    std::tm tm{};
    return localtime_r(&t, &tm) ? int64_t(tm.tm_gmtoff) : 0;
}

void appendUtcOffset(OutBuffer& out, int64_t offsetSeconds) {
    const uint64_t minutes = uint64_t(offsetSeconds < 0 ? -offsetSeconds : offsetSeconds) / 60;
    char buf[6];
    buf[0] = offsetSeconds < 0 ? '-' : '+';
    digitsBefore(buf + 3, minutes / 60 % 100, 2);
    buf[3] = ':';
    digitsBefore(buf + 6, minutes % 60, 2);
    out.append(std::string_view(buf, sizeof buf));
}

} // namespace evtx
