#include "histogram/time_range.hpp"

#include "evtx/render/filetime.hpp"

#include <QCoreApplication>

namespace evtxui {

namespace {
// The first FILETIME of year 10000, which four-digit years cannot write.
constexpr uint64_t kYear10000 =
    (253402300800ull + uint64_t(evtx::kFileTimeUnixEpochSeconds)) * 10000000ull;

QString isoLiteral(uint64_t ticks) {
    return QLatin1Char('"') + QString::fromStdString(evtx::formatFileTime100ns(ticks, 0, true)) +
           QLatin1Char('"');
}
} // namespace

QString shortEventTime(uint64_t ticks, TimeZoneMode mode) {
    QString t = formatEventTime(ticks, mode); // "2016-07-08 18:00:00.0000000"
    while (t.endsWith(QLatin1Char('0')) && !t.endsWith(QStringLiteral(".0")))
        t.chop(1);
    if (t.endsWith(QStringLiteral(".0"))) t.chop(2);
    if (t.size() == 19 && t.endsWith(QStringLiteral(":00"))) t.chop(3);
    return t;
}

QString timeRangeCondition(const TimeRange& range) {
    QString text = QStringLiteral("TimeCreated >= ") + isoLiteral(range.from);
    if (range.to < kYear10000) text += QStringLiteral(" and TimeCreated < ") + isoLiteral(range.to);
    return text;
}

QString timeRangeText(const TimeRange& range, TimeZoneMode mode) {
    const QString from = shortEventTime(range.from, mode);
    QString to = shortEventTime(range.to, mode);
    // The same day: the end's date is implied.
    if (to.size() > 11 && from.left(11) == to.left(11)) to = to.mid(11);
    // The zone at the start, as the details pane writes it ("UTC", "UTC-04:00").
    QString zone = QStringLiteral("UTC");
    if (mode == TimeZoneMode::Local) {
        const int offset = localUtcOffset(range.from);
        zone = offset == 0 ? QStringLiteral("UTC+00:00") : utcOffsetText(offset);
    }
    return QCoreApplication::translate("TimeRange", "%1 – %2 %3").arg(from, to, zone);
}

} // namespace evtxui
