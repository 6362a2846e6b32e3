// "1 record" / "2,261 records": English plurals for counts in messages (the
// viewer ships no translations, so tr()'s "%n item(s)" would show as is).
#pragma once

#include <QString>

namespace evtxui {

inline QString counted(qint64 n, const char* singular, const char* plural) {
    return QStringLiteral("%L1 ").arg(n) + QString::fromLatin1(n == 1 ? singular : plural);
}

} // namespace evtxui
