#include "time_format.hpp"

#include "evtx/index/filetime.hpp"

#include <QDateTime>
#include <QTimeZone>

namespace evtxui {

QString formatEventTime(uint64_t fileTime, TimeZoneMode mode, bool withZone) {
    int64_t offset = 0;
    if (mode == TimeZoneMode::Local)
        offset =
            QDateTime::fromSecsSinceEpoch(evtx::fileTimeToUnixSeconds(fileTime)).offsetFromUtc();
    QString text = QString::fromStdString(evtx::formatFileTime100ns(fileTime, offset));
    if (!withZone) return text;
    if (mode == TimeZoneMode::Utc) return text + QStringLiteral(" UTC");
    const int64_t minutes = (offset < 0 ? -offset : offset) / 60;
    return text + QStringLiteral(" UTC%1%2:%3")
                      .arg(offset < 0 ? '-' : '+')
                      .arg(minutes / 60, 2, 10, QChar('0'))
                      .arg(minutes % 60, 2, 10, QChar('0'));
}

} // namespace evtxui
