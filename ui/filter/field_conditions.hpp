// Filter-language conditions for one field of a record, as the detail
// pane's "Filter on this value" / "Exclude this value" write them.
#pragma once

#include <QString>

namespace evtxui {

// `Data.TargetUserName`, or `Data."Some name"` when the name is not a plain
// identifier (quotes and backslashes escaped); an unnamed value's name
// bare: `Data[2]`.
QString dataFieldReference(const QString& dataName);

// `field == literal`, or for `exclude` its exact complement: `field !=
// literal` for System fields; `not Data.X == "v"` (`not Data[2] == "v"`) for
// Data fields, since `Data.X != "v"` would also drop the records that have
// no X at all.
// `literal` is written as the filter takes it (quotedFilterValue for text).
QString fieldCondition(const QString& field, const QString& literal, bool exclude);

} // namespace evtxui
