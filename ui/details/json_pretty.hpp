// Indents compact JSON for reading, keeping key order and every byte of
// the strings (QJsonDocument would sort the keys).
#pragma once

#include <QByteArray>

namespace evtxui {

QByteArray prettyJson(const QByteArray& compact, int indent = 2);

} // namespace evtxui
