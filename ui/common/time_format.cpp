#include "common/time_format.hpp"

#include "evtx/render/filetime.hpp"

#include <QDateTime>
#include <QList>
#include <QTimeZone>

namespace evtxui {

namespace {
// More offsets than this in one span (a log over decades) are cut short.
constexpr int kMaxLabelOffsets = 3;

QDateTime utcDateTime(uint64_t fileTime) {
    return QDateTime::fromSecsSinceEpoch(evtx::fileTimeToUnixSeconds(fileTime), QTimeZone::utc());
}
} // namespace

int localUtcOffset(uint64_t fileTime) {
    return QDateTime::fromSecsSinceEpoch(evtx::fileTimeToUnixSeconds(fileTime)).offsetFromUtc();
}

QString utcOffsetText(int offset) {
    if (offset == 0) return QStringLiteral("UTC");
    const int minutes = (offset < 0 ? -offset : offset) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(offset < 0 ? '-' : '+')
        .arg(minutes / 60, 2, 10, QChar('0'))
        .arg(minutes % 60, 2, 10, QChar('0'));
}

QString formatEventTime(uint64_t fileTime, TimeZoneMode mode, bool withZone) {
    const int offset = mode == TimeZoneMode::Local ? localUtcOffset(fileTime) : 0;
    QString text = QString::fromStdString(evtx::formatFileTime100ns(fileTime, offset));
    if (!withZone) return text;
    if (mode == TimeZoneMode::Utc) return text + QStringLiteral(" UTC");
    // Local time that happens to be UTC still says "UTC+00:00": it is not UTC mode.
    return text + QLatin1Char(' ') +
           (offset == 0 ? QStringLiteral("UTC+00:00") : utcOffsetText(offset));
}

QString timeZoneLabel(TimeZoneMode mode, uint64_t from, uint64_t to) {
    if (mode == TimeZoneMode::Utc) return QStringLiteral("UTC");
    if (to < from) std::swap(from, to);
    QList<int> offsets{localUtcOffset(from)};
    // The offsets the zone changes to inside the span (DST), from its rules.
    const QTimeZone zone = QTimeZone::systemTimeZone();
    if (zone.isValid() && zone.hasTransitions() && to > from) {
        for (const QTimeZone::OffsetData& t :
             zone.transitions(utcDateTime(from), utcDateTime(to))) {
            if (offsets.size() >= kMaxLabelOffsets) break;
            if (!offsets.contains(t.offsetFromUtc)) offsets << t.offsetFromUtc;
        }
    }
    QStringList parts;
    for (int o : offsets)
        parts << (o == 0 ? QStringLiteral("UTC+00:00") : utcOffsetText(o));
    return parts.join(QLatin1Char('/'));
}

} // namespace evtxui
