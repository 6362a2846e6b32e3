// The three query syntaxes, each parsed into a QueryNode tree. `now` is the
// FILETIME that relative times count back from; `zone` is how the filter
// language reads time literals without a zone (XPath: always UTC).
#pragma once

#include "evtx/query/query.hpp"

#include <optional>
#include <string_view>

namespace evtx {

std::optional<QueryNode> parseFilterLanguage(std::string_view text, uint64_t now,
                                             TimeLiteralZone zone, QueryError& error);
std::optional<QueryNode> parseEventXPath(std::string_view text, uint64_t now, QueryError& error);
std::optional<QueryNode> parseQueryListXml(std::string_view xml, uint64_t now, QueryError& error);

} // namespace evtx
