#include "sigma/event_id_bound.hpp"

#include <algorithm>
#include <cctype>

namespace evtx::sigma {
namespace {

using Bound = std::optional<std::set<std::string>>;

// A plain `EventID: 4624` value: a glob of digits only, which matches that
// text exactly (the index compares the record's text).
bool digitsOnly(const Matcher& m) {
    return m.kind == Matcher::Kind::Glob && !m.glob.code.empty() &&
           std::all_of(m.glob.code.begin(), m.glob.code.end(),
                       [](int c) { return c >= '0' && c <= '9'; });
}

// The ids an EventID test can pass; every value (and variant) must be plain.
Bound testBound(const FieldTest& t) {
    if (t.field != "EventID" || t.values.empty()) return std::nullopt;
    std::set<std::string> ids;
    for (const auto& group : t.values)
        for (const Matcher& m : group) {
            if (!digitsOnly(m)) return std::nullopt;
            std::string id;
            for (int c : m.glob.code)
                id += static_cast<char>(c);
            ids.insert(std::move(id));
        }
    return ids;
}

// An OR of ANDs: each alternative needs one bounding test.
Bound selectionBound(const Selection& s) {
    std::set<std::string> ids;
    for (const auto& tests : s.alternatives) {
        Bound alt;
        for (const FieldTest& t : tests)
            if ((alt = testBound(t))) break;
        if (!alt) return std::nullopt;
        ids.insert(alt->begin(), alt->end());
    }
    return ids;
}

Bound nodeBound(const CondNode& n, const Detection& d) {
    switch (n.op) {
    case CondNode::Op::Selection:
        return selectionBound(d.selections[n.selection]);
    case CondNode::Op::Not:
        return std::nullopt;
    case CondNode::Op::And: {
        // Any bounded child bounds the whole; several: their intersection.
        Bound out;
        for (const CondNode& c : n.children) {
            Bound b = nodeBound(c, d);
            if (!b) continue;
            if (!out) {
                out = std::move(b);
                continue;
            }
            std::erase_if(*out, [&](const std::string& id) { return !b->count(id); });
        }
        return out;
    }
    case CondNode::Op::Or: {
        std::set<std::string> ids;
        for (const CondNode& c : n.children) {
            Bound b = nodeBound(c, d);
            if (!b) return std::nullopt;
            ids.insert(b->begin(), b->end());
        }
        return ids;
    }
    }
    return std::nullopt;
}

} // namespace

std::optional<std::set<std::string>> eventIdBound(const Detection& detection) {
    return nodeBound(detection.condition, detection);
}

} // namespace evtx::sigma
