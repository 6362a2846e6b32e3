#include "document/time_window.hpp"

#include "evtx/render/filetime.hpp"

#include <QDateTime>

#include <algorithm>

namespace evtxui {

TimeWindow saneTimeWindow(const evtx::IndexColumns& rows) {
    TimeWindow w;
    const size_t n = rows.size();
    if (n == 0) return w;
    uint64_t newestLive = 0, newestAny = 0;
    bool anyLive = false;
    for (size_t i = 0; i < n; ++i) {
        const uint64_t t = rows.timeCreated(i);
        newestAny = std::max(newestAny, t);
        if (!rows.isRecovered(i)) {
            anyLive = true;
            newestLive = std::max(newestLive, t);
        }
    }
    const uint64_t newest = anyLive ? newestLive : newestAny;
    w.to = newest > UINT64_MAX - evtx::kFileTimeYear ? UINT64_MAX : newest + evtx::kFileTimeYear;
    return w;
}

QString indexTimeZoneLabel(const evtx::IndexColumns& rows, TimeZoneMode mode) {
    if (mode == TimeZoneMode::Utc) return timeZoneLabel(mode, 0, 0);
    const TimeWindow w = saneTimeWindow(rows);
    uint64_t first = UINT64_MAX, last = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const uint64_t t = rows.timeCreated(i);
        if (!w.contains(t)) continue;
        first = std::min(first, t);
        last = std::max(last, t);
    }
    if (first > last) {
        const uint64_t now =
            uint64_t(QDateTime::currentSecsSinceEpoch() + evtx::kFileTimeUnixEpochSeconds) *
            10000000ull;
        return timeZoneLabel(mode, now, now);
    }
    return timeZoneLabel(mode, first, last);
}

} // namespace evtxui
