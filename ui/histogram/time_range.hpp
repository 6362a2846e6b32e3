// A time range [from, to) chosen on the histogram, as the filter-language
// condition it adds and as the short text of its chip.
#pragma once

#include "common/time_format.hpp"

#include <QString>

#include <cstdint>

namespace evtxui {

struct TimeRange {
    uint64_t from = 0; // FILETIME ticks, included
    uint64_t to = 0;   // excluded

    bool operator==(const TimeRange&) const = default;
};

// `TimeCreated >= "2016-07-08T18:00:00.0000000Z" and TimeCreated < "…"`:
// UTC with every 100 ns digit, so that the condition selects exactly the
// range. An end past what ISO 8601 text can say (year 9999) is left out.
QString timeRangeCondition(const TimeRange& range);

// An event time without trailing zero fractions and seconds:
// "2016-07-08 18:00", "2016-07-08 18:12:51.6816406".
QString shortEventTime(uint64_t ticks, TimeZoneMode mode);

// "2016-07-08 18:00 – 19:00 UTC" (in local mode the local offset at the
// start: "… – 15:00 UTC-04:00"), for chips and tooltips.
QString timeRangeText(const TimeRange& range, TimeZoneMode mode);

} // namespace evtxui
