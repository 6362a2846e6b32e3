#include "evtx/render/data_field_name.hpp"
#include "evtx/render/event_fields.hpp"

#include "field_text.hpp"
#include "planned_value.hpp"

namespace evtx {

// One field of a template's data sections and where its text comes from.
struct PlannedDataField {
    PlannedValue value;
    unsigned position = 1;
    std::string path, name;
};

// A template's data, in document order: runs of planned fields, and
// sections that a substitution supplies (Security and many other providers
// write EventData as a BinXML value holding a template of its own).
struct PlanItem {
    bool nested = false;
    bool optional = false;
    uint16_t slot = 0;         // nested: the value slot
    size_t begin = 0, end = 0; // fields: the range in Plan::fields
};

struct EventDataReader::Plan {
    bool usable = false;
    std::vector<PlanItem> items;
    std::vector<PlannedDataField> fields;
};

struct EventDataReader::Scratch {
    FieldText text;
};

namespace {

// Plans one element and what is below it, as readEventDataFields walks it
// (event_fields.cpp: attributes, then children, a leaf's text last).
class Planner {
  public:
    explicit Planner(const Program& p) : p_(p) {}
    bool element(const Node& e, const std::string& path, bool inData, unsigned position,
                 std::vector<PlannedDataField>& out) const;

  private:
    bool attributes(const Node& e, const std::string& path, bool inData,
                    std::vector<PlannedDataField>& out) const;
    bool leafName(const Node& e, const std::string& path, unsigned position,
                  PlannedDataField& f) const;
    const Program& p_;
};

bool Planner::attributes(const Node& e, const std::string& path, bool inData,
                         std::vector<PlannedDataField>& out) const {
    for (int32_t a = e.firstAttr; a >= 0; a = p_.nodes[size_t(a)].next) {
        const std::string& attr = p_.str(p_.nodes[size_t(a)].name);
        if (inData && attr == "Name") continue;
        PlannedDataField f;
        f.path.assign(path).append("/@").append(attr);
        if (!planValue(p_, p_.nodes[size_t(a)].firstChild, f.value)) return false;
        out.push_back(std::move(f));
    }
    return true;
}

bool Planner::leafName(const Node& e, const std::string& path, unsigned position,
                       PlannedDataField& f) const {
    for (int32_t a = e.firstAttr; a >= 0; a = p_.nodes[size_t(a)].next) {
        if (p_.str(p_.nodes[size_t(a)].name) != "Name") continue;
        PlannedValue name;
        // Only a static name: a substituted one is read by the general walk.
        if (!planValue(p_, p_.nodes[size_t(a)].firstChild, name) ||
            name.source != PlannedValue::Source::Text)
            return false;
        f.name = name.text;
        return true;
    }
    const size_t slash = path.rfind('/');
    assignUnnamedLeafName(f.name,
                          std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1),
                          position);
    return true;
}

bool Planner::element(const Node& e, const std::string& path, bool inData, unsigned position,
                      std::vector<PlannedDataField>& out) const {
    if (!attributes(e, path, inData, out)) return false;
    SiblingPlaces places;
    bool hasElements = false, hasOther = false;
    for (int32_t c = e.firstChild; c >= 0; c = p_.nodes[size_t(c)].next) {
        const Node& child = p_.nodes[size_t(c)];
        if (child.kind == NodeKind::Template) return false;
        if (child.kind != NodeKind::Element) {
            hasOther = true;
            continue;
        }
        hasElements = true;
        const std::string& name = p_.str(child.name);
        const unsigned place = places.next(name);
        const bool childInData = inData || path == "EventData" || path == "UserData";
        std::string childPath;
        childPath.assign(path).append("/").append(name);
        if (!element(child, childPath, childInData, place, out)) return false;
    }
    // A value beside child elements may be BinXML that adds elements.
    if (hasElements) return !hasOther;
    PlannedDataField f;
    f.path = path;
    f.position = position;
    if (!planValue(p_, e.firstChild, f.value)) return false;
    if (inData && !leafName(e, path, position, f)) return false;
    out.push_back(std::move(f));
    return true;
}

// Plans a node list of sections (<Event>'s children, or the elements of a
// nested template): <System> is skipped, a substitution becomes a nested
// item. False when a part is not simple.
bool planSections(const Program& p, int32_t first, bool allowNested, EventDataReader::Plan& plan) {
    const Planner planner(p);
    SiblingPlaces places;
    for (int32_t s = first; s >= 0; s = p.nodes[size_t(s)].next) {
        const Node& section = p.nodes[size_t(s)];
        if (section.kind == NodeKind::Template) return false;
        if (section.kind == NodeKind::Subst) {
            if (!allowNested) return false;
            PlanItem item;
            item.nested = true;
            item.slot = section.index;
            item.optional = section.optional;
            plan.items.push_back(item);
            continue;
        }
        if (section.kind != NodeKind::Element) continue;
        const std::string& name = p.str(section.name);
        const unsigned place = places.next(name);
        if (name == "System") continue;
        PlanItem item;
        item.begin = plan.fields.size();
        if (!planner.element(section, name, false, place, plan.fields)) return false;
        item.end = plan.fields.size();
        plan.items.push_back(item);
    }
    return true;
}

// The <Event> template of a record: its children are the sections.
bool planEventTemplate(const Program& p, EventDataReader::Plan& plan) {
    int32_t event = -1;
    for (int32_t i = p.root; i >= 0 && event < 0; i = p.nodes[size_t(i)].next) {
        const Node& n = p.nodes[size_t(i)];
        if (n.kind == NodeKind::Element)
            event = i;
        else if (n.kind == NodeKind::Subst || n.kind == NodeKind::Template)
            return false;
    }
    return event >= 0 && planSections(p, p.nodes[size_t(event)].firstChild, true, plan);
}

} // namespace

EventDataReader::EventDataReader() : scratch_(std::make_unique<Scratch>()) {}
EventDataReader::~EventDataReader() = default;

const EventDataReader::Plan& EventDataReader::planFor(const Program* program, bool nested) {
    auto& plans = nested ? nestedPlans_ : plans_;
    auto [it, inserted] = plans.try_emplace(program);
    if (inserted) {
        it->second = std::make_unique<Plan>();
        it->second->usable = nested ? planSections(*program, program->root, false, *it->second)
                                    : planEventTemplate(*program, *it->second);
    }
    return *it->second;
}

bool EventDataReader::emitPlan(const Plan& plan, const RecordTree& tree, const TemplateUse& use,
                               EventFields& out) {
    FieldText& t = scratch_->text;
    for (const PlanItem& item : plan.items) {
        if (item.nested) {
            if (!emitNested(item, tree, use, out)) return false;
            continue;
        }
        for (size_t i = item.begin; i < item.end; ++i) {
            const PlannedDataField& pf = plan.fields[i];
            if (!readPlannedValue(pf.value, tree, use, t)) return false;
            if (out.used == out.fields.size()) out.fields.emplace_back();
            EventField& f = out.fields[out.used++];
            f.path.assign(pf.path);
            f.name.assign(pf.name);
            f.position = pf.position;
            f.value.assign(t.view());
        }
    }
    return true;
}

// A section supplied by a BinXML value: each template instance it holds is
// planned as a list of sections of its own.
bool EventDataReader::emitNested(const PlanItem& item, const RecordTree& tree,
                                 const TemplateUse& use, EventFields& out) {
    if (item.slot >= use.valueCount) return true; // no such value: nothing
    const Value& v = tree.values[use.valueBase + item.slot];
    if (item.optional && isEmptyValue(v)) return true;
    if (v.type != vt::BinXml || v.fragment < 0) return false;
    for (int32_t i = v.fragment; i >= 0; i = tree.raw.nodes[size_t(i)].next) {
        const Node& n = tree.raw.nodes[size_t(i)];
        if (n.kind != NodeKind::Template) return false;
        const TemplateUse& inner = tree.templates[n.text];
        const Plan& plan = planFor(inner.program, true);
        if (!plan.usable || !emitPlan(plan, tree, inner, out)) return false;
    }
    return true;
}

bool EventDataReader::readPlanned(const RecordTree& tree, EventFields& out) {
    if (tree.raw.root < 0) return false;
    const Node& root = tree.raw.nodes[size_t(tree.raw.root)];
    if (root.kind != NodeKind::Template) return false;
    const TemplateUse& use = tree.templates[root.text];
    const Plan& plan = planFor(use.program, false);
    if (!plan.usable) return false;
    out.clear();
    return emitPlan(plan, tree, use, out);
}

void EventDataReader::read(const RecordTree& tree, EventFields& out) {
    if (readPlanned(tree, out)) {
        ++planned_;
        return;
    }
    ++general_;
    readEventDataFields(tree, out);
}

} // namespace evtx
