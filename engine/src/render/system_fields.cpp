#include "evtx/render/system_fields.hpp"

#include "evtx/render/data_field_name.hpp"
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

using DataPairs = std::vector<std::pair<std::string, std::string>>;

void collectLeaves(const RecordTree& tree, const ContentItem& e, unsigned position, FieldText& t,
                   DataPairs& out);

// The leaves below `parent`; each child knows its place among its <Data>
// siblings. Returns whether `parent` has child elements.
bool collectChildLeaves(const RecordTree& tree, const ContentItem& parent, FieldText& t,
                        DataPairs& out) {
    unsigned dataPlace = 0;
    bool any = false;
    forEachChildElement(tree, parent, [&](const ContentItem& c) {
        any = true;
        const unsigned place = nameOf(c) == kDataElement ? ++dataPlace : 1;
        collectLeaves(tree, c, place, t, out);
    });
    return any;
}

// A <Data Name="X"> is X; a leaf without a Name is named by the shared rule
// (an unnamed <Data> is Data[N]).
void collectLeaves(const RecordTree& tree, const ContentItem& e, unsigned position, FieldText& t,
                   DataPairs& out) {
    if (collectChildLeaves(tree, e, t, out)) return;
    std::string key;
    if (attributeText(tree, e, "Name", t))
        key.assign(t.view());
    else
        assignUnnamedLeafName(key, nameOf(e), position);
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
            collectChildLeaves(tree, section, t, out);
        });
    });
    return out;
}

} // namespace evtx
