// A rule's detection: named selections (each an OR of AND-ed field tests)
// and the condition over them, compiled from YAML.
#pragma once

#include "sigma/matcher.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace evtx::sigma {

// Thrown for a rule this engine cannot apply as written; the text is the
// reason shown to the user.
struct UnsupportedRule : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct FieldTest {
    std::string field; // empty: a keyword, tested on every value
    // One group per value in the rule: its variants (windash, base64
    // offsets) are alternatives; `|all` needs every group, else any.
    std::vector<std::vector<Matcher>> values;
    bool all = false;
    bool test(const EventFields& record) const;
};

struct Selection {
    std::string name;
    std::vector<std::vector<FieldTest>> alternatives; // OR of ANDs
    bool test(const EventFields& record) const;
};

// The condition as a tree in prefix form; leaves index selections.
struct CondNode {
    enum class Op { Selection, And, Or, Not };
    Op op = Op::Selection;
    size_t selection = 0;
    std::vector<CondNode> children;
};

struct Detection {
    std::vector<Selection> selections;
    CondNode condition;
    bool test(const EventFields& record) const;
};

// A field name with its modifiers ("Image|endswith") and its value(s) to
// matchers; throws UnsupportedRule.
FieldTest compileFieldTest(const std::string& key, const YAML::Node& value);
// The `detection` map; throws UnsupportedRule.
Detection compileDetection(const YAML::Node& detection);
// The condition text over the selection names; throws UnsupportedRule.
CondNode parseCondition(std::string_view text, const std::vector<Selection>& selections);
// Renames fields (log-source field mappings) in place.
void mapFields(Detection& detection, const std::map<std::string, std::string>& mapping);

} // namespace evtx::sigma
