#include "evtx/query/query.hpp"

#include "compiled_query.hpp"
#include "parsers.hpp"
#include "time_literal.hpp"

namespace evtx {
namespace {

std::shared_ptr<const CompiledQuery> compiledOrNull(const QueryNode& root, QueryError& error) {
    auto c = std::make_shared<CompiledQuery>();
    if (!compileQuery(root, *c, error)) return nullptr;
    return c;
}

uint64_t nowOf(const QueryOptions& options) {
    return options.now ? *options.now : currentFileTime();
}

} // namespace

std::string QueryError::toString() const {
    return "at " + std::to_string(position) + ": " + message;
}

Query::Query() {
    QueryError unused;
    compiled_ = compiledOrNull(QueryNode{}, unused);
}

std::optional<Query> Query::fromTree(QueryNode root, QueryError& error) {
    auto c = compiledOrNull(root, error);
    if (!c) return std::nullopt;
    return Query(std::move(c));
}

std::optional<Query> Query::parse(std::string_view filter, QueryError& error,
                                  const QueryOptions& options) {
    auto root = parseFilterLanguage(filter, nowOf(options), options.zonelessTimes, error);
    if (!root) return std::nullopt;
    return fromTree(std::move(*root), error);
}

std::optional<Query> Query::parseXPath(std::string_view xpath, QueryError& error,
                                       const QueryOptions& options) {
    auto root = parseEventXPath(xpath, nowOf(options), error);
    if (!root) return std::nullopt;
    return fromTree(std::move(*root), error);
}

std::optional<Query> Query::parseQueryList(std::string_view xml, QueryError& error,
                                           const QueryOptions& options) {
    auto root = parseQueryListXml(xml, nowOf(options), error);
    if (!root) return std::nullopt;
    return fromTree(std::move(*root), error);
}

const QueryNode& Query::root() const {
    return compiled_->source;
}

bool Query::needsRecord() const {
    return compiled_->root.needsRecord;
}

bool Query::matchesAll() const {
    return compiled_->root.kind == QueryNode::Kind::Constant && compiled_->root.truth;
}

} // namespace evtx
