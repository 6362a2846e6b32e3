// Building query nodes, shared by the filter-language and XPath parsers so
// that both give literals the same types and trees the same shape.
#pragma once

#include "evtx/query/query.hpp"
#include "evtx/query/query_ast.hpp"

#include <string>

namespace evtx {

// Gives `value` the type `field` compares with: numbers for numeric
// fields (Level also takes Critical, Error, Warning, Information, Verbose),
// FILETIME ticks for TimeCreated (ISO 8601 text; without a zone read as
// `zone` says); text fields keep the text.
// On failure returns false with what was expected in `error`.
bool typeLiteral(QueryField field, QueryLiteral& value, std::string& error,
                 TimeLiteralZone zone = TimeLiteralZone::Utc);

// Decimal or 0x-hexadecimal text, all of it.
bool parseNumberText(std::string_view text, uint64_t& value);

QueryLiteral numberLiteral(uint64_t n);
QueryLiteral textLiteral(std::string text);

QueryNode fieldNode(QueryNode::Kind kind, QueryField field, std::string dataName, size_t position);
QueryNode notNode(QueryNode child);
// And / Or of `children`; a single child stands alone; nested nodes of the
// same kind are flattened.
QueryNode joinNodes(QueryNode::Kind kind, std::vector<QueryNode> children);

} // namespace evtx
