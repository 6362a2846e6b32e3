// Event times for display: FILETIME with every 100 ns digit, in UTC (the
// default, as DFIR tools show them) or in the local time zone (with its
// offset, which differs across DST changes), and the names of those zones
// for headers and captions.
#pragma once

#include <QString>

#include <cstdint>

namespace evtxui {

enum class TimeZoneMode { Local, Utc };

// "2016-07-08 18:12:51.6816406" (local) or "2016-07-08 18:12:51.6816406 UTC".
QString formatEventTime(uint64_t fileTime, TimeZoneMode mode, bool withZone = false);

// The local zone's offset from UTC at that instant, in seconds (DST aware;
// the local zone is the one TZ names, as for the C library).
int localUtcOffset(uint64_t fileTime);

// "UTC" for 0, else "UTC+05:30", "UTC-05:00".
QString utcOffsetText(int offsetSeconds);

// What a header or caption says the shown times are in: "UTC" in UTC mode;
// in local mode the local offset over [from, to] (FILETIME ticks), e.g.
// "UTC-05:00", or every offset in that span in order when a DST change
// falls inside it, e.g. "UTC-05:00/UTC-04:00". The cells then hold local
// wall-clock times; the details pane gives each record's own offset.
QString timeZoneLabel(TimeZoneMode mode, uint64_t from, uint64_t to);

} // namespace evtxui
