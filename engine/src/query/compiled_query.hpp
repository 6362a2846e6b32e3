// A query prepared for evaluation: regexes compiled, texts folded to lower
// case, cheap tests (answered by the index row) ordered before tests that
// need the record parsed, and System text tests numbered so that an index
// can answer them once per distinct string instead of once per row.
#pragma once

#include "evtx/query/query.hpp"

#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

namespace evtx {

struct EvalNode {
    QueryNode::Kind kind = QueryNode::Kind::Constant;
    QueryField field = QueryField::EventId;
    CompareOp op = CompareOp::Eq;
    bool truth = true;
    bool needsRecord = false;         // reads Data.* or the whole record
    int stringSlot = -1;              // System text tests: slot in per-string tables
    std::string dataName;             // Data fields, matched ignoring case
    std::vector<QueryLiteral> values; // texts in lower case
    std::string needle;               // Contains: lower case (AnyText: JSON-escaped)
    std::unique_ptr<RE2> regex;
    uint64_t mask = 0;
    std::vector<EvalNode> children;
};

struct CompiledQuery {
    QueryNode source;
    EvalNode root;
    int stringSlots = 0;
};

// Builds the evaluation tree; fails on a bad regex (position of its node).
bool compileQuery(const QueryNode& source, CompiledQuery& out, QueryError& error);

} // namespace evtx
