#include "time_literal.hpp"

#include "evtx/format/civil_time.hpp"

#include <chrono>
#include <ctime>

namespace evtx {
namespace {

// Reads exactly `count` digits at `pos`.
bool digits(std::string_view s, size_t& pos, size_t count, unsigned& value) {
    if (pos + count > s.size()) return false;
    value = 0;
    for (size_t i = 0; i < count; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + unsigned(c - '0');
    }
    pos += count;
    return true;
}

bool expect(std::string_view s, size_t& pos, char c) {
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    return true;
}

} // namespace

bool parseTimeLiteral(std::string_view s, uint64_t& ticks, bool localZone) {
    size_t pos = 0;
    unsigned year, month, day, hour = 0, minute = 0, second = 0;
    if (!digits(s, pos, 4, year) || !expect(s, pos, '-') || !digits(s, pos, 2, month) ||
        !expect(s, pos, '-') || !digits(s, pos, 2, day))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    uint64_t fraction = 0; // 100 ns units
    int64_t offsetSeconds = 0;
    bool zoned = false;
    if (pos < s.size()) {
        if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return false;
        ++pos;
        if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute))
            return false;
        if (pos < s.size() && s[pos] == ':') {
            ++pos;
            if (!digits(s, pos, 2, second)) return false;
            if (pos < s.size() && s[pos] == '.') {
                ++pos;
                size_t count = 0;
                for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++count)
                    if (count < 7) fraction = fraction * 10 + unsigned(s[pos] - '0');
                if (count == 0) return false;
                for (; count < 7; ++count)
                    fraction *= 10;
            }
        }
        if (hour > 23 || minute > 59 || second > 60) return false;
        if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
            ++pos;
            zoned = true;
        } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            zoned = true;
            const int sign = s[pos] == '-' ? -1 : 1;
            ++pos;
            unsigned oh, om;
            if (!digits(s, pos, 2, oh)) return false;
            expect(s, pos, ':');
            if (!digits(s, pos, 2, om)) return false;
            offsetSeconds = sign * int64_t(oh * 3600 + om * 60);
        }
    }
    if (pos != s.size()) return false;
    int64_t unix = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                   offsetSeconds;
    if (localZone && !zoned) {
        std::tm tm{};
        tm.tm_year = int(year) - 1900;
        tm.tm_mon = int(month) - 1;
        tm.tm_mday = int(day);
        tm.tm_hour = int(hour);
        tm.tm_min = int(minute);
        tm.tm_sec = int(second);
        tm.tm_isdst = -1; // the zone's rule at that date decides
        tm.tm_wday = -1;  // set by a successful mktime
        const std::time_t t = std::mktime(&tm);
        // -1 is also 1969-12-31 23:59:59 UTC; mktime then filled in the fields.
        if (t == std::time_t(-1) && tm.tm_wday < 0) return false;
        unix = int64_t(t);
    }
    const int64_t sinceFileTimeEpoch = unix + kFileTimeUnixEpochSeconds;
    if (sinceFileTimeEpoch < 0) return false;
    ticks = uint64_t(sinceFileTimeEpoch) * kTicksPerSecond + fraction;
    return true;
}

uint64_t currentFileTime() {
    using namespace std::chrono;
    const auto sinceUnix = duration_cast<microseconds>(system_clock::now().time_since_epoch());
    return (uint64_t(sinceUnix.count()) + uint64_t(kFileTimeUnixEpochSeconds) * 1000000ull) * 10;
}

} // namespace evtx
