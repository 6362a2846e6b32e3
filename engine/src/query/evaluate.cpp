#include "evaluate.hpp"

#include "evtx/render/data_field_name.hpp"

#include "node_builder.hpp"
#include "text_match.hpp"

#include <cstdio>

namespace evtx {
namespace {

template <typename T> bool compareWith(CompareOp op, const T& a, const T& b) {
    switch (op) {
    case CompareOp::Eq:
        return a == b;
    case CompareOp::Ne:
        return a != b;
    case CompareOp::Lt:
        return a < b;
    case CompareOp::Le:
        return a <= b;
    case CompareOp::Gt:
        return a > b;
    case CompareOp::Ge:
        return a >= b;
    }
    return false;
}

bool compareText(CompareOp op, std::string_view value, const QueryLiteral& literal) {
    if (op == CompareOp::Eq) return equalsFolded(value, literal.text);
    if (op == CompareOp::Ne) return !equalsFolded(value, literal.text);
    return compareWith(op, compareFolded(value, literal.text), 0);
}

// Data values compare as numbers when both sides are numbers.
bool compareValue(CompareOp op, std::string_view value, const QueryLiteral& literal) {
    uint64_t n;
    if (literal.isNumber && parseNumberText(value, n)) return compareWith(op, n, literal.number);
    return compareText(op, value, literal);
}

bool inRanges(const EvalNode& node, std::string_view value, bool asData) {
    uint64_t n = 0;
    const bool numeric = asData && parseNumberText(value, n);
    for (size_t i = 0; i + 1 < node.values.size(); i += 2) {
        const QueryLiteral& low = node.values[i];
        const QueryLiteral& high = node.values[i + 1];
        if (numeric && low.isNumber && high.isNumber) {
            if (n >= low.number && n <= high.number) return true;
        } else if (compareFolded(value, low.text) >= 0 && compareFolded(value, high.text) <= 0) {
            return true;
        }
    }
    return false;
}

// A text test (Compare, InSet, Contains, Regex) on one value.
bool testValue(const EvalNode& node, std::string_view value, bool asData) {
    switch (node.kind) {
    case QueryNode::Kind::Compare:
        return asData ? compareValue(node.op, value, node.values[0])
                      : compareText(node.op, value, node.values[0]);
    case QueryNode::Kind::InSet:
        return inRanges(node, value, asData);
    case QueryNode::Kind::Contains:
        return containsFolded(value, node.needle);
    case QueryNode::Kind::Regex:
        return RE2::PartialMatch(value, *node.regex);
    default:
        return false;
    }
}

// Data.Data (no index) still reads every unnamed value, Data[1], Data[2] ...
bool nameMatches(const EvalNode& node, const std::string& name) {
    if (node.dataName.empty() || equalsFolded(name, node.dataName)) return true;
    return equalsFolded(kDataElement, node.dataName) && isUnnamedDataName(name);
}

bool testData(const EvalNode& node, QuerySubject& subject) {
    const DataPairs* pairs = subject.data();
    if (!pairs) return false;
    for (const auto& [name, value] : *pairs) {
        if (!nameMatches(node, name)) continue;
        if (node.kind == QueryNode::Kind::Exists || testValue(node, value, true)) return true;
    }
    return false;
}

// Numbers as text, for contains / ~ on numeric fields.
std::string numberText(QueryField field, uint64_t value) {
    char buf[24];
    std::snprintf(buf, sizeof buf, field == QueryField::Keywords ? "0x%llx" : "%llu",
                  (unsigned long long)value);
    return buf;
}

bool testNumber(const EvalNode& node, uint64_t value) {
    switch (node.kind) {
    case QueryNode::Kind::Compare:
        return compareWith(node.op, value, node.values[0].number);
    case QueryNode::Kind::InSet:
        for (size_t i = 0; i + 1 < node.values.size(); i += 2)
            if (value >= node.values[i].number && value <= node.values[i + 1].number) return true;
        return false;
    case QueryNode::Kind::BitAnd:
        return compareWith(node.op, value & node.mask, node.values[0].number);
    case QueryNode::Kind::Exists:
        return true;
    default:
        return testValue(node, numberText(node.field, value), false);
    }
}

bool testLeaf(const EvalNode& node, QuerySubject& subject) {
    switch (node.field) {
    case QueryField::Data:
        return testData(node, subject);
    case QueryField::AnyText: {
        const std::string_view* json = subject.json();
        return json && testValue(node, *json, false);
    }
    case QueryField::Provider:
    case QueryField::Channel:
    case QueryField::Computer:
    case QueryField::UserId: {
        if (node.kind == QueryNode::Kind::Exists) return true;
        const int known =
            node.stringSlot >= 0 ? subject.precomputed(node.stringSlot, node.field) : -1;
        return known >= 0 ? known != 0 : testValue(node, subject.text(node.field), false);
    }
    default:
        return testNumber(node, subject.number(node.field));
    }
}

} // namespace

bool testTextLeaf(const EvalNode& node, std::string_view value) {
    return node.kind == QueryNode::Kind::Exists || testValue(node, value, false);
}

bool evaluateQuery(const EvalNode& node, QuerySubject& subject) {
    switch (node.kind) {
    case QueryNode::Kind::And:
        for (const EvalNode& c : node.children)
            if (!evaluateQuery(c, subject)) return false;
        return true;
    case QueryNode::Kind::Or:
        for (const EvalNode& c : node.children)
            if (evaluateQuery(c, subject)) return true;
        return false;
    case QueryNode::Kind::Not:
        return !evaluateQuery(node.children[0], subject);
    case QueryNode::Kind::Constant:
        return node.truth;
    default:
        return testLeaf(node, subject);
    }
}

} // namespace evtx
