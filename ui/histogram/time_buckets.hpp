// Histogram buckets over a time span: a "nice" width (1 s, 5 min, 1 h,
// 1 day, 1 month, ...) giving at most a wanted number of buckets, with edges
// aligned in the display time zone (whole local hours, local midnights,
// Mondays, first days of months).
#pragma once

#include "common/time_format.hpp"

#include <QString>

#include <cstdint>
#include <vector>

namespace evtxui {

enum class BucketUnit { Millisecond, Second, Minute, Hour, Day, Week, Month, Year };

struct TimeBuckets {
    std::vector<uint64_t> edges; // ascending FILETIME ticks, one more than buckets
    uint64_t step = 0;           // ticks per bucket when all are equal (below a day), else 0
    uint64_t meanWidth = 1;      // ticks, for finding calendar buckets quickly
    BucketUnit unit = BucketUnit::Second;
    int multiple = 1; // 15 with Minute: 15-minute buckets

    int size() const { return edges.empty() ? 0 : int(edges.size()) - 1; }
    // The bucket holding `ticks`, or -1 outside [edges.front(), edges.back()).
    int bucketOf(uint64_t ticks) const;
    // "15 minutes", "1 day".
    QString widthText() const;
};

// Buckets covering [first, last] (both included), the smallest nice width
// that needs at most `maxBuckets` of them (the widest width otherwise).
TimeBuckets chooseTimeBuckets(uint64_t first, uint64_t last, int maxBuckets, TimeZoneMode mode);

// An axis label for a bucket edge, as precise as the width needs:
// "18:15", "18:15:30", "2016-07-08", "2016-07", "2016".
QString bucketEdgeLabel(const TimeBuckets& buckets, uint64_t edge, TimeZoneMode mode);

// A label as the axis draws it: bucketEdgeLabel, with the date in front
// ("2016-07-08 18:15") when the width is below a day and `previous` (the
// edge labelled before, null for the first label) falls on another day, so
// that the axis says the date even when the whole log spans an hour.
QString axisLabel(const TimeBuckets& buckets, uint64_t edge, const uint64_t* previous,
                  TimeZoneMode mode);

} // namespace evtxui
