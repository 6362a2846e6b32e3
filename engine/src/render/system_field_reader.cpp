#include "evtx/render/system_fields.hpp"

#include "field_text.hpp"
#include "planned_value.hpp"

namespace evtx {

// How one System field of a template is read.
struct PlannedField {
    SystemField field = SystemField::Provider;
    PlannedValue value;
};

struct SystemFieldReader::Plan {
    bool usable = false;
    std::vector<PlannedField> fields;
};

struct SystemFieldReader::Scratch {
    FieldText text;
};

namespace {

bool planSystemChild(const Program& p, const Node& e, std::vector<PlannedField>& fields) {
    const std::string& name = p.str(e.name);
    for (const FieldLocation& loc : kFieldLocations) {
        if (loc.element != name) continue;
        PlannedField f;
        f.field = loc.field;
        int32_t content = e.firstChild;
        if (!loc.attribute.empty()) {
            int32_t attr = e.firstAttr;
            while (attr >= 0 && p.str(p.nodes[size_t(attr)].name) != loc.attribute)
                attr = p.nodes[size_t(attr)].next;
            if (attr < 0) continue; // no such attribute: the field stays unset
            content = p.nodes[size_t(attr)].firstChild;
        }
        if (!planValue(p, content, f.value)) return false;
        fields.push_back(std::move(f));
    }
    return true;
}

// Fills `plan` from the template's <Event><System> elements; false when any
// part could hide elements (substitutions in element lists) or is not simple.
bool planTemplate(const Program& p, std::vector<PlannedField>& fields) {
    int32_t event = -1;
    for (int32_t i = p.root; i >= 0 && event < 0; i = p.nodes[size_t(i)].next) {
        const Node& n = p.nodes[size_t(i)];
        if (n.kind == NodeKind::Element)
            event = i;
        else if (n.kind == NodeKind::Subst || n.kind == NodeKind::Template)
            return false;
    }
    if (event < 0) return false;
    // Substitutions among <Event>'s children are the EventData / UserData
    // payloads (BinXML values); they are not looked into, so the template
    // must have its own <System>.
    bool hasSystem = false;
    for (int32_t s = p.nodes[size_t(event)].firstChild; s >= 0; s = p.nodes[size_t(s)].next) {
        const Node& section = p.nodes[size_t(s)];
        if (section.kind == NodeKind::Template) return false;
        if (section.kind != NodeKind::Element || p.str(section.name) != "System") continue;
        hasSystem = true;
        for (int32_t c = section.firstChild; c >= 0; c = p.nodes[size_t(c)].next) {
            const Node& child = p.nodes[size_t(c)];
            if (child.kind == NodeKind::Subst || child.kind == NodeKind::Template) return false;
            if (child.kind == NodeKind::Element && !planSystemChild(p, child, fields)) return false;
        }
    }
    return hasSystem;
}

} // namespace

SystemFieldReader::SystemFieldReader() : scratch_(std::make_unique<Scratch>()) {}
SystemFieldReader::~SystemFieldReader() = default;

const SystemFieldReader::Plan& SystemFieldReader::planFor(const Program* program) {
    auto [it, inserted] = plans_.try_emplace(program);
    if (inserted) {
        it->second = std::make_unique<Plan>();
        it->second->usable = planTemplate(*program, it->second->fields);
    }
    return *it->second;
}

bool SystemFieldReader::readPlanned(const RecordTree& tree, SystemFields& f) {
    if (tree.raw.root < 0) return false;
    const Node& root = tree.raw.nodes[size_t(tree.raw.root)];
    if (root.kind != NodeKind::Template) return false;
    const TemplateUse& use = tree.templates[root.text];
    const Plan& plan = planFor(use.program);
    if (!plan.usable) return false;
    f.clear();
    FieldText& t = scratch_->text;
    for (const PlannedField& pf : plan.fields) {
        if (!readPlannedValue(pf.value, tree, use, t)) return false;
        assignField(pf.field, t, f);
    }
    return true;
}

void SystemFieldReader::read(const RecordTree& tree, SystemFields& f) {
    if (readPlanned(tree, f)) {
        ++planned_;
        return;
    }
    ++general_;
    extractSystemFields(tree, f);
}

} // namespace evtx
