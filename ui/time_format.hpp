// Event times for display: FILETIME with every 100 ns digit, in UTC or in
// the local time zone (with its offset, which differs across DST changes).
#pragma once

#include <QString>

#include <cstdint>

namespace evtxui {

enum class TimeZoneMode { Local, Utc };

// "2016-07-08 20:12:51.6816406" (local) or "2016-07-08 18:12:51.6816406 UTC".
QString formatEventTime(uint64_t fileTime, TimeZoneMode mode, bool withZone = false);

} // namespace evtxui
