#include "evtx/render/system_fields.hpp"

#include "field_text.hpp"

namespace evtx {
namespace {

const std::string& nameOf(const ContentItem& element) {
    const Program& p = *element.scope.program;
    return p.str(p.nodes[size_t(element.node)].name);
}

template <typename F>
void forEachChildElement(const RecordTree& tree, const ContentItem& parent, F&& f) {
    const Node& n = parent.scope.program->nodes[size_t(parent.node)];
    forEachContent(
        tree, parent.scope, n.firstChild,
        [&](const ContentItem& c) {
            if (c.kind == ContentItem::Kind::Element) f(c);
        },
        parent.arrayItem);
}

// Calls f(event) for the record's root element.
template <typename F> void withEventElement(const RecordTree& tree, F&& f) {
    bool done = false;
    forEachContent(tree, Scope{&tree.raw, nullptr, 0}, tree.raw.root, [&](const ContentItem& it) {
        if (it.kind != ContentItem::Kind::Element || done) return;
        done = true;
        f(it);
    });
}

void collectLeaves(const RecordTree& tree, const ContentItem& e, FieldText& t,
                   std::vector<std::pair<std::string, std::string>>& out) {
    bool hasChildren = false;
    forEachChildElement(tree, e, [&](const ContentItem& c) {
        hasChildren = true;
        collectLeaves(tree, c, t, out);
    });
    if (hasChildren) return;
    std::string key = attributeText(tree, e, "Name", t) ? std::string(t.view()) : nameOf(e);
    elementText(tree, e, t);
    out.emplace_back(std::move(key), std::string(t.view()));
}

} // namespace

void extractSystemFields(const RecordTree& tree, SystemFields& f) {
    f.clear();
    FieldText t;
    withEventElement(tree, [&](const ContentItem& event) {
        forEachChildElement(tree, event, [&](const ContentItem& section) {
            if (nameOf(section) != "System") return;
            forEachChildElement(tree, section, [&](const ContentItem& e) {
                const std::string& name = nameOf(e);
                for (const FieldLocation& loc : kFieldLocations) {
                    if (loc.element != name) continue;
                    if (loc.attribute.empty())
                        elementText(tree, e, t);
                    else if (!attributeText(tree, e, loc.attribute, t))
                        continue;
                    assignField(loc.field, t, f);
                }
            });
        });
    });
}

std::vector<std::pair<std::string, std::string>> extractEventData(const RecordTree& tree) {
    std::vector<std::pair<std::string, std::string>> out;
    FieldText t;
    withEventElement(tree, [&](const ContentItem& event) {
        forEachChildElement(tree, event, [&](const ContentItem& section) {
            const std::string& name = nameOf(section);
            if (name != "EventData" && name != "UserData") return;
            forEachChildElement(tree, section,
                                [&](const ContentItem& c) { collectLeaves(tree, c, t, out); });
        });
    });
    return out;
}

} // namespace evtx
