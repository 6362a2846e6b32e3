#include "histogram/time_buckets.hpp"

#include "evtx/render/filetime.hpp"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace evtxui {

namespace {

constexpr uint64_t kTicksPerMs = 10000;
constexpr uint64_t kTicksPerSecond = 10000000;
constexpr int64_t kEpochMs = evtx::kFileTimeUnixEpochSeconds * 1000;

struct NiceWidth {
    BucketUnit unit;
    int multiple;
};

// Smallest first; successive widths grow by 2–3 times (7 and 4 around weeks).
constexpr NiceWidth kWidths[] = {
    {BucketUnit::Millisecond, 1},   {BucketUnit::Millisecond, 2},   {BucketUnit::Millisecond, 5},
    {BucketUnit::Millisecond, 10},  {BucketUnit::Millisecond, 20},  {BucketUnit::Millisecond, 50},
    {BucketUnit::Millisecond, 100}, {BucketUnit::Millisecond, 200}, {BucketUnit::Millisecond, 500},
    {BucketUnit::Second, 1},        {BucketUnit::Second, 2},        {BucketUnit::Second, 5},
    {BucketUnit::Second, 10},       {BucketUnit::Second, 15},       {BucketUnit::Second, 30},
    {BucketUnit::Minute, 1},        {BucketUnit::Minute, 2},        {BucketUnit::Minute, 5},
    {BucketUnit::Minute, 10},       {BucketUnit::Minute, 15},       {BucketUnit::Minute, 30},
    {BucketUnit::Hour, 1},          {BucketUnit::Hour, 2},          {BucketUnit::Hour, 3},
    {BucketUnit::Hour, 6},          {BucketUnit::Hour, 12},         {BucketUnit::Day, 1},
    {BucketUnit::Day, 2},           {BucketUnit::Week, 1},          {BucketUnit::Month, 1},
    {BucketUnit::Month, 3},         {BucketUnit::Month, 6},         {BucketUnit::Year, 1},
    {BucketUnit::Year, 2},          {BucketUnit::Year, 5},          {BucketUnit::Year, 10},
    {BucketUnit::Year, 20},         {BucketUnit::Year, 50},         {BucketUnit::Year, 100},
    {BucketUnit::Year, 200},        {BucketUnit::Year, 500},        {BucketUnit::Year, 1000},
};

// Ticks in one unit (months and years on average: only for choosing).
uint64_t unitTicks(BucketUnit u) {
    switch (u) {
    case BucketUnit::Millisecond:
        return kTicksPerMs;
    case BucketUnit::Second:
        return kTicksPerSecond;
    case BucketUnit::Minute:
        return 60 * kTicksPerSecond;
    case BucketUnit::Hour:
        return 3600 * kTicksPerSecond;
    case BucketUnit::Day:
        return 86400 * kTicksPerSecond;
    case BucketUnit::Week:
        return 7 * 86400 * kTicksPerSecond;
    case BucketUnit::Month:
        return 2629746 * kTicksPerSecond; // 365.2425 / 12 days
    case BucketUnit::Year:
        return 31556952 * kTicksPerSecond;
    }
    return kTicksPerSecond;
}

QDateTime toDateTime(uint64_t ticks, TimeZoneMode mode) {
    const qint64 ms = qint64(ticks / kTicksPerMs) - kEpochMs;
    return mode == TimeZoneMode::Utc ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                                     : QDateTime::fromMSecsSinceEpoch(ms);
}

uint64_t toTicks(const QDateTime& t) {
    return uint64_t(t.toMSecsSinceEpoch() + kEpochMs) * kTicksPerMs;
}

// Widths below a day are fixed tick counts, aligned to the zone's offset
// at `first` (DST changes shift by whole hours, which keeps sub-hour
// alignment).
TimeBuckets fixedBuckets(uint64_t first, uint64_t last, uint64_t step, TimeZoneMode mode) {
    TimeBuckets b;
    b.step = step;
    const int64_t offset =
        mode == TimeZoneMode::Utc ? 0 : int64_t(toDateTime(first, mode).offsetFromUtc());
    const int64_t offsetTicks = offset * int64_t(kTicksPerSecond);
    const int64_t local = int64_t(first) + offsetTicks;
    const int64_t start =
        std::max<int64_t>(0, (local / int64_t(step)) * int64_t(step) - offsetTicks);
    const uint64_t count = (last - uint64_t(start)) / step + 1;
    b.edges.reserve(count + 1);
    for (uint64_t i = 0; i <= count; ++i)
        b.edges.push_back(uint64_t(start) + i * step);
    return b;
}

// Days and longer follow the calendar (and DST) in the display zone.
TimeBuckets calendarBuckets(uint64_t first, uint64_t last, NiceWidth w, TimeZoneMode mode,
                            int maxEdges) {
    TimeBuckets b;
    const QDate d = toDateTime(first, mode).date();
    QDate start;
    switch (w.unit) {
    case BucketUnit::Day:
        start = d.addDays(-(d.toJulianDay() % w.multiple));
        break;
    case BucketUnit::Week:
        start = d.addDays(-(d.dayOfWeek() - 1)); // Monday
        break;
    case BucketUnit::Month:
        start = QDate(d.year(), d.month() - (d.month() - 1) % w.multiple, 1);
        break;
    default:
        start = QDate(d.year() - d.year() % w.multiple, 1, 1);
        break;
    }
    const auto at = [mode](QDate day) {
        return mode == TimeZoneMode::Utc ? QDateTime(day, QTime(0, 0), QTimeZone::utc())
                                         : QDateTime(day, QTime(0, 0));
    };
    QDate day = start;
    for (int i = 0; i < maxEdges; ++i) {
        const uint64_t edge = toTicks(at(day));
        if (!b.edges.empty() && edge <= b.edges.back()) break; // past what QDate holds
        b.edges.push_back(edge);
        if (edge > last) break;
        switch (w.unit) {
        case BucketUnit::Day:
            day = day.addDays(w.multiple);
            break;
        case BucketUnit::Week:
            day = day.addDays(7);
            break;
        case BucketUnit::Month:
            day = day.addMonths(w.multiple);
            break;
        default:
            day = day.addYears(w.multiple);
            break;
        }
    }
    if (b.edges.size() == 1) b.edges.push_back(last + 1);
    if (b.edges.back() <= last) b.edges.back() = last + 1; // the widest width still holds all
    return b;
}

} // namespace

int TimeBuckets::bucketOf(uint64_t ticks) const {
    if (edges.size() < 2 || ticks < edges.front() || ticks >= edges.back()) return -1;
    if (step) return int((ticks - edges.front()) / step);
    // Calendar widths differ a little (months, DST days): guess by the mean
    // width, then step to the right bucket (rarely more than one step).
    int b = int(std::min<uint64_t>((ticks - edges.front()) / meanWidth, uint64_t(size() - 1)));
    while (edges[size_t(b)] > ticks)
        --b;
    while (edges[size_t(b) + 1] <= ticks)
        ++b;
    return b;
}

QString TimeBuckets::widthText() const {
    static const char* const singular[] = {"millisecond", "second", "minute", "hour",
                                           "day",         "week",   "month",  "year"};
    const QString name = QString::fromLatin1(singular[int(unit)]);
    return multiple == 1
               ? QCoreApplication::translate("TimeBuckets", "1 %1").arg(name)
               : QCoreApplication::translate("TimeBuckets", "%1 %2s").arg(multiple).arg(name);
}

TimeBuckets chooseTimeBuckets(uint64_t first, uint64_t last, int maxBuckets, TimeZoneMode mode) {
    if (last < first) std::swap(first, last);
    maxBuckets = std::max(maxBuckets, 1);
    const uint64_t span = last - first;
    const NiceWidth* chosen = std::end(kWidths) - 1;
    for (const NiceWidth& w : kWidths) {
        const uint64_t width = unitTicks(w.unit) * uint64_t(w.multiple);
        // +1: the first bucket starts before `first` when aligned.
        if (span / width + 1 + (w.unit >= BucketUnit::Day ? 1 : 0) <= uint64_t(maxBuckets)) {
            chosen = &w;
            break;
        }
    }
    TimeBuckets b =
        chosen->unit < BucketUnit::Day
            ? fixedBuckets(first, last, unitTicks(chosen->unit) * uint64_t(chosen->multiple), mode)
            : calendarBuckets(first, last, *chosen, mode, 2 * maxBuckets + 4);
    b.unit = chosen->unit;
    b.multiple = chosen->multiple;
    b.meanWidth = std::max<uint64_t>(1, (b.edges.back() - b.edges.front()) / uint64_t(b.size()));
    return b;
}

QString bucketEdgeLabel(const TimeBuckets& buckets, uint64_t edge, TimeZoneMode mode) {
    const QDateTime t = toDateTime(edge, mode);
    switch (buckets.unit) {
    case BucketUnit::Millisecond:
        return t.toString(QStringLiteral("HH:mm:ss.zzz"));
    case BucketUnit::Second:
        return t.toString(QStringLiteral("HH:mm:ss"));
    case BucketUnit::Minute:
    case BucketUnit::Hour:
        // Midnight says which day follows.
        return t.time() == QTime(0, 0) ? t.toString(QStringLiteral("yyyy-MM-dd"))
                                       : t.toString(QStringLiteral("HH:mm"));
    case BucketUnit::Day:
    case BucketUnit::Week:
        return t.toString(QStringLiteral("yyyy-MM-dd"));
    case BucketUnit::Month:
        return t.toString(QStringLiteral("yyyy-MM"));
    case BucketUnit::Year:
        return t.toString(QStringLiteral("yyyy"));
    }
    return {};
}

QString axisLabel(const TimeBuckets& buckets, uint64_t edge, const uint64_t* previous,
                  TimeZoneMode mode) {
    const QString label = bucketEdgeLabel(buckets, edge, mode);
    if (buckets.unit >= BucketUnit::Day) return label;
    const QDate day = toDateTime(edge, mode).date();
    if (previous && toDateTime(*previous, mode).date() == day) return label;
    const QString date = day.toString(QStringLiteral("yyyy-MM-dd"));
    return label == date ? label : date + QLatin1Char(' ') + label;
}

} // namespace evtxui
