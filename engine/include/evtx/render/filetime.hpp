// FILETIME text with the full 100 ns precision (the renderers truncate to
// microseconds, as the reference does; a viewer shows every digit).
#pragma once

#include "evtx/format/civil_time.hpp"
#include "evtx/text/out_buffer.hpp"

#include <cstdint>
#include <string>

namespace evtx {

// "YYYY-MM-DD HH:MM:SS.fffffff" of `ticks` shifted by `offsetSeconds`
// (0 for UTC); `isoT` puts a 'T' between date and time and appends `Z`
// when the offset is 0.
std::string formatFileTime100ns(uint64_t ticks, int64_t offsetSeconds = 0, bool isoT = false);
// The same text appended to `out` (no allocation: once per CSV row).
void appendFileTime100ns(OutBuffer& out, uint64_t ticks, int64_t offsetSeconds = 0,
                         bool isoT = false);

inline int64_t fileTimeToUnixSeconds(uint64_t ticks) {
    return int64_t(ticks / 10000000) - kFileTimeUnixEpochSeconds;
}

// The local zone's offset from UTC at that instant, in seconds: the C
// library's local time (TZ), so DST changes give each time its own offset.
int64_t localUtcOffsetSeconds(uint64_t ticks);
// Appends "+05:30" / "-04:00" ("+00:00" for 0).
void appendUtcOffset(OutBuffer& out, int64_t offsetSeconds);

} // namespace evtx
