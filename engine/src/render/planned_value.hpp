// A template field's text worked out once per template (SystemFieldReader,
// EventDataReader): a value slot, static text or a static typed literal;
// and, per record, that text into a FieldText.
#pragma once

#include "field_text.hpp"

#include <string>

namespace evtx {

struct PlannedValue {
    enum class Source : uint8_t { Slot, Text, Literal } source = Source::Text;
    bool optional = false;
    uint16_t slot = 0;
    std::string text;
    const Value* literal = nullptr;
};

// The source of a content list that is empty or exactly one simple node;
// false for anything else (the general walk reads those).
inline bool planValue(const Program& p, int32_t first, PlannedValue& out) {
    if (first < 0) return true; // empty: static ""
    const Node& n = p.nodes[size_t(first)];
    if (n.next >= 0) return false;
    switch (n.kind) {
    case NodeKind::Subst:
        out.source = PlannedValue::Source::Slot;
        out.slot = n.index;
        out.optional = n.optional;
        return true;
    case NodeKind::Text:
    case NodeKind::CData:
        out.text = p.str(n.text);
        return true;
    case NodeKind::Literal:
        out.source = PlannedValue::Source::Literal;
        out.literal = &p.literals[n.text];
        return true;
    default:
        return false;
    }
}

// Puts one record's text of `pv` into `t`; false when the slot's value
// changes the element structure (nested BinXML, arrays): the general walk.
inline bool readPlannedValue(const PlannedValue& pv, const RecordTree& tree, const TemplateUse& use,
                             FieldText& t) {
    t.clear();
    switch (pv.source) {
    case PlannedValue::Source::Text:
        t.appendText(pv.text);
        break;
    case PlannedValue::Source::Literal:
        t.setValue(*pv.literal);
        break;
    case PlannedValue::Source::Slot: {
        if (pv.slot >= use.valueCount) break; // no such value: nothing
        const Value& v = tree.values[use.valueBase + pv.slot];
        if (v.type == vt::BinXml || v.isArray()) return false;
        if (!(pv.optional && isEmptyValue(v))) t.setValue(v);
        break;
    }
    }
    return true;
}

// The 1-based place of each child among its parent's children of the same
// element name (what XPath's Data[2] counts).
class SiblingPlaces {
  public:
    unsigned next(const std::string& name) {
        for (auto& [seenName, count] : seen_)
            if (*seenName == name) return ++count;
        seen_.emplace_back(&name, 1);
        return 1;
    }

  private:
    std::vector<std::pair<const std::string*, unsigned>> seen_;
};

} // namespace evtx
