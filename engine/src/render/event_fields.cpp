#include "evtx/render/event_fields.hpp"

#include "evtx/render/data_field_name.hpp"
#include "field_text.hpp"
#include "planned_value.hpp"

#include <utility>

namespace evtx {
namespace {

// Walks one record's elements, appending fields to `out` (buffers reused).
class FieldCollector {
  public:
    FieldCollector(const RecordTree& tree, EventFields& out) : tree_(tree), out_(out) {}

    void element(const ContentItem& e, std::string& path, bool inData, unsigned position);
    bool skipSystem = false;

  private:
    EventField& next() {
        if (out_.used == out_.fields.size()) out_.fields.emplace_back();
        EventField& f = out_.fields[out_.used++];
        f.name.clear();
        f.position = 1;
        return f;
    }
    void attributes(const ContentItem& e, const std::string& path, bool inData);
    const std::string& nameOf(const ContentItem& e) const {
        const Program& p = *e.scope.program;
        return p.str(p.nodes[size_t(e.node)].name);
    }

    const RecordTree& tree_;
    EventFields& out_;
    FieldText text_;
};

void FieldCollector::attributes(const ContentItem& e, const std::string& path, bool inData) {
    const Program& p = *e.scope.program;
    for (int32_t a = p.nodes[size_t(e.node)].firstAttr; a >= 0; a = p.nodes[size_t(a)].next) {
        const std::string& attr = p.str(p.nodes[size_t(a)].name);
        if (inData && attr == "Name") continue; // it is the field's name
        text_.clear();
        collectText(tree_, e.scope, p.nodes[size_t(a)].firstChild, e.arrayItem, text_);
        EventField& f = next();
        f.path.assign(path).append("/@").append(attr);
        f.value.assign(text_.view());
    }
}

void FieldCollector::element(const ContentItem& e, std::string& path, bool inData,
                             unsigned position) {
    if (!path.empty()) attributes(e, path, inData); // <Event>'s own are namespaces

    // Children, each with its place among same-named siblings.
    SiblingPlaces places;
    bool hasChildren = false;
    const Node& n = e.scope.program->nodes[size_t(e.node)];
    forEachContent(
        tree_, e.scope, n.firstChild,
        [&](const ContentItem& c) {
            if (c.kind != ContentItem::Kind::Element) return;
            hasChildren = true;
            const std::string& name = nameOf(c);
            const unsigned place = places.next(name);
            // Below <EventData> / <UserData> every element is a data field.
            const bool childInData = inData || path == "EventData" || path == "UserData";
            if (skipSystem && path.empty() && name == "System") return;
            const size_t mark = path.size();
            if (!path.empty()) path += '/';
            path += name;
            element(c, path, childInData, place);
            path.resize(mark);
        },
        e.arrayItem);
    if (hasChildren || path.empty()) return;
    EventField& f = next();
    f.path.assign(path);
    f.position = position;
    elementText(tree_, e, text_);
    f.value.assign(text_.view());
    if (!inData) return;
    if (attributeText(tree_, e, "Name", text_)) {
        f.name.assign(text_.view());
        return;
    }
    const size_t slash = path.rfind('/');
    assignUnnamedLeafName(f.name,
                          std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1),
                          position);
}

} // namespace

const EventField* EventFields::data(std::string_view name) const {
    for (const EventField& f : *this)
        if (f.isData() && f.name == name) return &f;
    return nullptr;
}

const EventField* EventFields::at(std::string_view path, std::string_view nameAttr,
                                  unsigned position) const {
    for (const EventField& f : *this) {
        if (f.path != path) continue;
        if (!nameAttr.empty() && f.name != nameAttr) continue;
        if (position != 0 && f.position != position) continue;
        return &f;
    }
    return nullptr;
}

namespace {

void collectFields(const RecordTree& tree, EventFields& out, bool skipSystem) {
    out.clear();
    FieldCollector collector(tree, out);
    collector.skipSystem = skipSystem;
    std::string path;
    bool done = false;
    forEachContent(tree, Scope{&tree.raw, nullptr, 0}, tree.raw.root, [&](const ContentItem& it) {
        if (it.kind != ContentItem::Kind::Element || done) return;
        done = true;
        collector.element(it, path, false, 1);
    });
}

} // namespace

void readEventFields(const RecordTree& tree, EventFields& out) {
    extractSystemFields(tree, out.system);
    collectFields(tree, out, false);
}

void readEventDataFields(const RecordTree& tree, EventFields& out) {
    collectFields(tree, out, true);
}

} // namespace evtx
