// Walks an element's content with substitutions resolved: template instances
// expand into their template's nodes, BinXML values into their fragment's
// nodes, other substitutions into the value they name. Both renderers use
// this, so XML and JSON see the same content.
#pragma once

#include "evtx/binxml/binxml_parser.hpp"

namespace evtx {

// Which program a node belongs to and which values its substitutions read.
struct Scope {
    const Program* program;
    const Value* values;
    uint32_t count;
};

// An element repeated for one item of an array substitution (MS-EVEN6
// "Array Types"): inside it, the substitution node `subst` stands for `item`.
struct ArrayItem {
    int32_t subst = -1;
    Value item;
    bool omit = false; // empty string items leave the element empty
};

struct ContentItem {
    enum class Kind : uint8_t { Element, Node, Value } kind;
    Scope scope;
    int32_t node;                         // Element / Node
    const Value* value;                   // Value (a resolved substitution)
    const ArrayItem* arrayItem = nullptr; // Element: repeated for this item
};

inline const Program& emptyEventProgram() {
    static const Program p = [] {
        Program q;
        q.strings.push_back("Event");
        q.nodes.push_back(Node{NodeKind::Element});
        q.root = 0;
        return q;
    }();
    return p;
}

inline const Value& nullValue() {
    static const Value v{};
    return v;
}

inline size_t arrayLength(const Value& v) {
    size_t n = 0;
    forEachArrayItem(v, [&](const Value&) { ++n; });
    return n;
}

inline const Value& substValue(const Scope& s, const Node& n) {
    return n.index < s.count ? s.values[n.index] : nullValue();
}

// The first substitution among an element's direct content, then its
// attributes' values, that holds an array of more than one item.
inline int32_t findExpandableArray(const Scope& s, const Node& element, size_t& length) {
    auto check = [&](int32_t first) -> int32_t {
        for (int32_t i = first; i >= 0; i = s.program->nodes[size_t(i)].next) {
            const Node& n = s.program->nodes[size_t(i)];
            if (n.kind != NodeKind::Subst) continue;
            const Value& v = substValue(s, n);
            if (!v.isArray()) continue;
            length = arrayLength(v);
            if (length > 1) return i;
        }
        return -1;
    };
    if (int32_t i = check(element.firstChild); i >= 0) return i;
    for (int32_t a = element.firstAttr; a >= 0; a = s.program->nodes[size_t(a)].next)
        if (int32_t i = check(s.program->nodes[size_t(a)].firstChild); i >= 0) return i;
    return -1;
}

// Calls f for each content item of the node list starting at `first`.
// `within` is set when the list belongs to an element repeated for an
// array item.
template <typename F>
void forEachContent(const RecordTree& tree, const Scope& s, int32_t first, F&& f,
                    const ArrayItem* within = nullptr) {
    for (int32_t i = first; i >= 0; i = s.program->nodes[size_t(i)].next) {
        const Node& n = s.program->nodes[size_t(i)];
        switch (n.kind) {
        case NodeKind::Element: {
            size_t length = 0;
            int32_t arr = findExpandableArray(s, n, length);
            if (arr < 0) {
                f(ContentItem{ContentItem::Kind::Element, s, i, nullptr});
                break;
            }
            const Value& v = substValue(s, s.program->nodes[size_t(arr)]);
            forEachArrayItem(v, [&](const Value& item) {
                ArrayItem ai{arr, item, item.baseType() == vt::String && isEmptyValue(item)};
                f(ContentItem{ContentItem::Kind::Element, s, i, nullptr, &ai});
            });
            break;
        }
        case NodeKind::Subst: {
            if (within && within->subst == i) {
                if (!within->omit) f(ContentItem{ContentItem::Kind::Value, s, i, &within->item});
                break;
            }
            if (n.index >= s.count) break; // no such value: nothing
            const Value& v = s.values[n.index];
            // Optional substitutions of empty values vanish; normal ones
            // still stand as an (empty) value.
            if (n.optional && isEmptyValue(v)) break;
            if (v.type == vt::BinXml) {
                if (v.fragment >= 0) {
                    forEachContent(tree, Scope{&tree.raw, nullptr, 0}, v.fragment, f);
                } else if (v.size > 0) {
                    // A BinXML value without an element (e.g. zeroed bytes)
                    // stands as an empty <Event>, as in the reference.
                    f(ContentItem{ContentItem::Kind::Element,
                                  Scope{&emptyEventProgram(), nullptr, 0}, 0, nullptr});
                }
            } else if (v.isArray()) {
                // Arrays of one item are not repeated: the item stands alone.
                Value item{};
                size_t count = 0;
                forEachArrayItem(v, [&](const Value& it) {
                    if (count++ == 0) item = it;
                });
                if (count == 1) f(ContentItem{ContentItem::Kind::Value, s, i, &item});
            } else {
                f(ContentItem{ContentItem::Kind::Value, s, i, &v});
            }
            break;
        }
        case NodeKind::Template: {
            const TemplateUse& use = tree.templates[n.text];
            forEachContent(tree,
                           Scope{use.program, tree.values.data() + use.valueBase, use.valueCount},
                           use.program->root, f);
            break;
        }
        default:
            f(ContentItem{ContentItem::Kind::Node, s, i, nullptr});
            break;
        }
    }
}

// Is this content item text that renders as something (not an empty value
// or empty static text)?
inline bool isNonEmptyText(const ContentItem& it) {
    if (it.kind == ContentItem::Kind::Value) return !isEmptyValue(*it.value);
    if (it.kind != ContentItem::Kind::Node) return false;
    const Node& n = it.scope.program->nodes[size_t(it.node)];
    switch (n.kind) {
    case NodeKind::Text:
    case NodeKind::CData:
        return !it.scope.program->str(n.text).empty();
    case NodeKind::Literal:
    case NodeKind::CharRef:
    case NodeKind::EntityRef:
        return true;
    default:
        return false;
    }
}

// An attribute whose value has no non-empty text is left out.
inline bool attributeIsEmpty(const RecordTree& tree, const Scope& s, int32_t first,
                             const ArrayItem* within = nullptr) {
    bool empty = true;
    forEachContent(
        tree, s, first,
        [&](const ContentItem& it) {
            if (isNonEmptyText(it)) empty = false;
        },
        within);
    return empty;
}

} // namespace evtx
