// The filter bar's text as a query: the filter language, or Event Viewer
// XPath / QueryList XML when the text starts like one; and the helpers that
// write conditions back as filter-language text.
#pragma once

#include "common/time_format.hpp"

#include "evtx/query/query.hpp"

#include <QString>

#include <optional>

namespace evtxui {

enum class QuerySyntax { Filter, XPath, QueryList };

// Auto-detects: "*[" starts XPath, "<QueryList" (or "<?xml") starts XML.
QuerySyntax detectQuerySyntax(const QString& text);

// Parses with the detected syntax; an empty text selects everything.
// Error positions are character offsets in `text`. Filter-language time
// literals without a zone are read in the zone the table shows (`mode`);
// XPath / QueryList times are UTC.
std::optional<evtx::Query> parseFilterText(const QString& text, evtx::QueryError& error,
                                           TimeZoneMode mode = TimeZoneMode::Utc);

// `a and b` as one query (either may be null: the other is returned).
std::optional<evtx::Query> combineQueries(const std::optional<evtx::Query>& a,
                                          const std::optional<evtx::Query>& b);

// A quoted filter-language literal: "C:\x" stays as it is, quotes escaped.
QString quotedFilterValue(const QString& value);

// `text and condition`, parenthesising `text` when it has an `or` at its top.
// Only for filter-language text; XPath text is replaced by the condition.
QString appendCondition(const QString& text, const QString& condition);

} // namespace evtxui
