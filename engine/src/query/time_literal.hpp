// Times in queries: ISO 8601 text and the current time, as FILETIME ticks
// (100 ns since 1601-01-01 UTC), the unit of TimeCreated in the index.
#pragma once

#include "evtx/format/civil_time.hpp" // kTicksPerSecond

#include <cstdint>
#include <string_view>

namespace evtx {

// "2016-07-08", "2016-07-08T18:12:51Z", "2016-07-08 18:12:51.6816Z",
// "2016-07-08T20:12:51+02:00". No zone means UTC, or with `localZone` the
// C library's local time zone (TZ) at that date and time, DST included
// (mktime: a time in a spring-forward gap moves on by the gap; one that
// repeats at fall-back is read as mktime picks).
bool parseTimeLiteral(std::string_view text, uint64_t& ticks, bool localZone = false);

uint64_t currentFileTime();

} // namespace evtx
