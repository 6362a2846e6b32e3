// Compiling a rule's `detection` map and testing records against it.
#include "sigma/detection.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace evtx::sigma {
namespace {

bool groupMatches(const std::vector<Matcher>& group, const std::string* text,
                  const EventFields& record) {
    return std::any_of(group.begin(), group.end(),
                       [&](const Matcher& m) { return m.test(text, record); });
}

// A keyword group matches when some value of the record does.
bool keywordMatches(const std::vector<Matcher>& group, const EventFields& record) {
    return std::any_of(record.begin(), record.end(),
                       [&](const EventField& f) { return groupMatches(group, &f.value, record); });
}

// A selection's map: each key an AND-ed field test. A map key that starts
// with '|' is a keyword with modifiers.
std::vector<FieldTest> compileMap(const YAML::Node& map) {
    std::vector<FieldTest> tests;
    for (const auto& item : map)
        tests.push_back(compileFieldTest(item.first.Scalar(), item.second));
    if (tests.empty()) throw UnsupportedRule("empty selection");
    return tests;
}

Selection compileSelection(const std::string& name, const YAML::Node& node) {
    Selection sel;
    sel.name = name;
    if (node.IsMap()) {
        sel.alternatives.push_back(compileMap(node));
    } else if (node.IsSequence() && node.size() > 0 && node[0].IsMap()) {
        for (const YAML::Node& item : node) {
            if (!item.IsMap())
                throw UnsupportedRule("selection '" + name + "' mixes maps and values");
            sel.alternatives.push_back(compileMap(item));
        }
    } else if (node.IsSequence() || node.IsScalar()) {
        sel.alternatives.push_back({compileFieldTest("", node)}); // keywords
    } else {
        throw UnsupportedRule("selection '" + name + "' is empty");
    }
    return sel;
}

} // namespace

bool FieldTest::test(const EventFields& record) const {
    auto one = [&](const std::vector<Matcher>& group) {
        if (field.empty()) return keywordMatches(group, record);
        return groupMatches(group, lookupField(record, field), record);
    };
    return all ? std::all_of(values.begin(), values.end(), one)
               : std::any_of(values.begin(), values.end(), one);
}

bool Selection::test(const EventFields& record) const {
    return std::any_of(alternatives.begin(), alternatives.end(), [&](const auto& tests) {
        return std::all_of(tests.begin(), tests.end(),
                           [&](const FieldTest& t) { return t.test(record); });
    });
}

namespace {
bool evaluate(const CondNode& n, const Detection& d, const EventFields& record) {
    switch (n.op) {
    case CondNode::Op::Selection:
        return d.selections[n.selection].test(record);
    case CondNode::Op::Not:
        return !evaluate(n.children.front(), d, record);
    case CondNode::Op::And:
        return std::all_of(n.children.begin(), n.children.end(),
                           [&](const CondNode& c) { return evaluate(c, d, record); });
    case CondNode::Op::Or:
        return std::any_of(n.children.begin(), n.children.end(),
                           [&](const CondNode& c) { return evaluate(c, d, record); });
    }
    return false;
}
} // namespace

bool Detection::test(const EventFields& record) const {
    return evaluate(condition, *this, record);
}

Detection compileDetection(const YAML::Node& detection) {
    if (!detection.IsMap()) throw UnsupportedRule("detection is not a map");
    Detection d;
    YAML::Node condition;
    for (const auto& item : detection) {
        const std::string name = item.first.Scalar();
        if (name == "condition")
            condition = item.second;
        else if (name == "timeframe")
            throw UnsupportedRule("timeframe (aggregation) not supported");
        else
            d.selections.push_back(compileSelection(name, item.second));
    }
    if (!condition) throw UnsupportedRule("detection has no condition");
    if (condition.IsSequence()) { // a list of conditions: any of them
        d.condition.op = CondNode::Op::Or;
        for (const YAML::Node& c : condition)
            d.condition.children.push_back(parseCondition(c.Scalar(), d.selections));
    } else {
        d.condition = parseCondition(condition.Scalar(), d.selections);
    }
    return d;
}

void mapFields(Detection& detection, const std::map<std::string, std::string>& mapping) {
    for (Selection& sel : detection.selections)
        for (auto& tests : sel.alternatives)
            for (FieldTest& t : tests)
                if (auto it = mapping.find(t.field); it != mapping.end()) t.field = it->second;
}

} // namespace evtx::sigma
