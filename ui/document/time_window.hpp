// The sane time window of a log: which TimeCreated values the time histogram
// draws and the time-zone label describes. Carved or damaged records can
// carry any time (1601-01-01, year 60055); one of them would stretch the
// histogram's axis over centuries. Such records stay in the table and can be
// filtered; only the histogram leaves them out (and says how many).
//
// The rule is the carve's (evtx/carve/plausibility.hpp), with the times an
// index has: not before 1990-01-01 00:00:00 UTC, and not after the newest
// TimeCreated of the log's live records (rows not found by recovery; all rows
// when every row is recovered) plus 365 days.
#pragma once

#include "common/time_format.hpp"

#include "evtx/carve/plausibility.hpp"
#include "evtx/index/record_index.hpp"

#include <QString>

#include <cstdint>

namespace evtxui {

inline constexpr uint64_t kSaneTimeFloor = evtx::kFileTime1990;

struct TimeWindow {
    uint64_t from = kSaneTimeFloor; // included
    uint64_t to = UINT64_MAX;       // included
    bool contains(uint64_t t) const { return t >= from && t <= to; }
};

// The window for the whole index (every row is looked at once).
TimeWindow saneTimeWindow(const evtx::IndexColumns& rows);

// The zone label (timeZoneLabel) over the span of the index's rows inside
// its sane window: what the table header and CSV export say; the offset
// now when no row is inside.
QString indexTimeZoneLabel(const evtx::IndexColumns& rows, TimeZoneMode mode);

} // namespace evtxui
