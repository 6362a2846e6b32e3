#include "evtx/render/render.hpp"
#include "evtx/render/value_format.hpp"

#include "evtx/render/slot_recorder.hpp"
#include "render/content_walk.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace evtx {
namespace {

// An element in the walk: where it lives and which array item it stands for.
struct ElementRef {
    Scope scope;
    const Node* node;
    const ArrayItem* item;
};

// What an element holds once substitutions are resolved.
struct Shape {
    bool elementChild = false;  // has child elements
    bool text = false;          // has non-empty text content
    bool attributeText = false; // some attribute has non-empty text
};

// Child names already used in one JSON object, for the "_1", "_2" suffixes
// of repeated names. Like the reference, only the first 64 distinct names
// are tracked.
class KeyCounter {
  public:
    int use(std::string_view key) {
        for (auto& [k, n] : keys_)
            if (k == key) return n++;
        if (keys_.size() < 64) keys_.emplace_back(key, 1);
        return 0;
    }

  private:
    std::vector<std::pair<std::string_view, int>> keys_;
};

bool isDataContainer(std::string_view name) {
    return name == "EventData" || name == "UserData";
}

class JsonRenderer {
  public:
    JsonRenderer(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt,
                 SlotRecorder* recorder)
        : out_(out), tree_(tree), opt_(opt), ansi_(*opt.ansi), recorder_(recorder) {}

    void render() {
        out_.push('{');
        bool first = true;
        KeyCounter keys;
        forEachContent(tree_, Scope{&tree_.raw, nullptr, 0}, tree_.raw.root,
                       [&](const ContentItem& it) {
                           if (it.kind != ContentItem::Kind::Element) return;
                           ElementRef e = ref(it);
                           // Like the reference, the root's key carries no suffix.
                           if (opt_.separateJsonAttributes)
                               separateMember(e, keys, first, false);
                           else
                               member(e, name(e), 0, false, first);
                       });
        out_.push('}');
    }

  private:
    static ElementRef ref(const ContentItem& it) {
        return {it.scope, &it.scope.program->nodes[size_t(it.node)], it.arrayItem};
    }
    static const std::string& name(const ElementRef& e) {
        return e.scope.program->str(e.node->name);
    }

    template <typename F> void children(const ElementRef& e, F&& f) {
        forEachContent(tree_, e.scope, e.node->firstChild, f, e.item);
    }
    template <typename F> void attrValue(const ElementRef& e, int32_t attr, F&& f) {
        forEachContent(tree_, e.scope, e.scope.program->nodes[size_t(attr)].firstChild, f, e.item);
    }
    template <typename F> void forEachAttr(const ElementRef& e, F&& f) {
        for (int32_t a = e.node->firstAttr; a >= 0; a = e.scope.program->nodes[size_t(a)].next)
            f(a);
    }

    Shape shape(const ElementRef& e) {
        Shape sh;
        children(e, [&](const ContentItem& it) {
            if (it.kind == ContentItem::Kind::Element)
                sh.elementChild = true;
            else if (isNonEmptyText(it))
                sh.text = true;
        });
        forEachAttr(e, [&](int32_t a) {
            if (!sh.attributeText &&
                !attributeIsEmpty(tree_, e.scope, e.scope.program->nodes[size_t(a)].firstChild,
                                  e.item))
                sh.attributeText = true;
        });
        return sh;
    }

    void comma(bool& first) {
        if (!first) out_.push(',');
        first = false;
    }
    void key(std::string_view k, int suffix) {
        out_.push('"');
        writeEscaped(out_, k, Escape::Json);
        if (suffix > 0) {
            out_.push('_');
            formatUnsigned(out_, uint64_t(suffix));
        }
        out_.append("\":");
    }

    // --- text -----------------------------------------------------------

    // A substitution value's text: written, or noted as a slot when compiling.
    void substitution(const Value& v, Escape mode) {
        if (recorder_)
            recorder_->record(out_, v, mode);
        else
            writeValueText(out_, v, mode, ansi_);
    }

    void textPiece(const ContentItem& it) {
        if (it.kind == ContentItem::Kind::Value) {
            if (it.value->type != vt::Null) substitution(*it.value, Escape::Json);
            return;
        }
        if (it.kind != ContentItem::Kind::Node) return;
        const Program& p = *it.scope.program;
        const Node& n = p.nodes[size_t(it.node)];
        switch (n.kind) {
        case NodeKind::Text:
        case NodeKind::CData:
            if (recorder_ && &p == &tree_.raw)
                recorder_->recordRawText(out_, n.text, Escape::Json);
            else
                writeEscaped(out_, p.str(n.text), Escape::Json);
            break;
        case NodeKind::Literal:
            writeValueText(out_, p.literals[n.text], Escape::Json, ansi_);
            break;
        case NodeKind::CharRef:
            out_.append("&#");
            formatUnsigned(out_, n.index);
            out_.push(';');
            break;
        case NodeKind::EntityRef: {
            // The five XML entities stand for their character; others stay
            // as written.
            const std::string& e = p.str(n.name);
            if (e == "quot")
                out_.append("\\\"");
            else if (e == "amp")
                out_.push('&');
            else if (e == "lt")
                out_.push('<');
            else if (e == "gt")
                out_.push('>');
            else if (e == "apos")
                out_.push('\'');
            else {
                out_.push('&');
                writeEscaped(out_, e, Escape::Json);
                out_.push(';');
            }
            break;
        }
        default:
            break;
        }
    }

    static bool bareValue(const ContentItem& it) {
        return it.kind == ContentItem::Kind::Value && isJsonBare(it.value->type);
    }
    static const Value* literalOf(const ContentItem& it) {
        if (it.kind != ContentItem::Kind::Node) return nullptr;
        const Node& n = it.scope.program->nodes[size_t(it.node)];
        return n.kind == NodeKind::Literal ? &it.scope.program->literals[n.text] : nullptr;
    }

    // An item kept past its walk: a lone array item is a Value local to the
    // walk, so it is copied (values of the tree stay where they are, which
    // the slot recorder relies on).
    ContentItem keep(const ContentItem& it, Value& copy) const {
        ContentItem k = it;
        k.arrayItem = nullptr;
        const Value* base = tree_.values.data();
        if (it.value && !(it.value >= base && it.value < base + tree_.values.size())) {
            copy = *it.value;
            k.value = &copy;
        }
        return k;
    }

    // A content list as one JSON value: a number/bool when it is exactly one
    // numeric value, else all its text concatenated into a string.
    template <typename Walk> void contentValue(Walk&& walk) {
        int count = 0;
        ContentItem single{};
        Value copy{};
        walk([&](const ContentItem& it) {
            if (count++ == 0) single = keep(it, copy);
        });
        if (count == 1) {
            if (bareValue(single)) return substitution(*single.value, Escape::None);
            if (const Value* lit = literalOf(single); lit && isJsonBare(lit->type))
                return writeValueText(out_, *lit, Escape::None, ansi_);
        }
        out_.push('"');
        walk([&](const ContentItem& it) {
            if (it.kind != ContentItem::Kind::Element) textPiece(it);
        });
        out_.push('"');
    }

    // "#text" of an element that also has child elements or attributes:
    // a number when its only non-empty text is one numeric value.
    void mixedTextValue(const ElementRef& e) {
        int values = 0;
        bool plain = true;
        ContentItem single{};
        Value copy{};
        children(e, [&](const ContentItem& it) {
            if (it.kind == ContentItem::Kind::Element) return;
            if (it.kind == ContentItem::Kind::Value) {
                if (isEmptyValue(*it.value)) return;
                if (values++ == 0) single = keep(it, copy);
                return;
            }
            if (isNonEmptyText(it)) plain = false;
        });
        if (plain && values == 1 && bareValue(single))
            return substitution(*single.value, Escape::None);
        out_.push('"');
        children(e, [&](const ContentItem& it) {
            if (it.kind != ContentItem::Kind::Element) textPiece(it);
        });
        out_.push('"');
    }

    // --- elements -------------------------------------------------------

    void attributesObject(const ElementRef& e) {
        out_.push('{');
        bool first = true;
        forEachAttr(e, [&](int32_t a) {
            const Node& attr = e.scope.program->nodes[size_t(a)];
            if (attributeIsEmpty(tree_, e.scope, attr.firstChild, e.item)) return;
            comma(first);
            key(e.scope.program->str(attr.name), 0);
            contentValue([&](auto&& f) { attrValue(e, a, f); });
        });
        out_.push('}');
    }

    // "key": value for an ordinary child element.
    void member(const ElementRef& e, std::string_view k, int suffix, bool container, bool& first) {
        comma(first);
        key(k, suffix);
        elementValue(e, container);
    }

    void elementValue(const ElementRef& e, bool container) {
        Shape sh = shape(e);
        if (!sh.elementChild && !sh.text && !sh.attributeText) return out_.append("null");
        if (!sh.elementChild && !sh.attributeText)
            return contentValue([&](auto&& f) { children(e, f); });
        body(e, sh, container);
    }

    int32_t nameAttribute(const ElementRef& e) {
        int32_t found = -1;
        forEachAttr(e, [&](int32_t a) {
            if (found < 0 && e.scope.program->str(e.scope.program->nodes[size_t(a)].name) == "Name")
                found = a;
        });
        return found;
    }
    bool hasNonEmptyName(const ElementRef& e) {
        int32_t a = nameAttribute(e);
        return a >= 0 && !attributeIsEmpty(tree_, e.scope,
                                           e.scope.program->nodes[size_t(a)].firstChild, e.item);
    }

    // The value of a <Data> inside EventData/UserData: "" when empty.
    void dataValue(const ElementRef& e) {
        Shape sh = shape(e);
        if (!sh.text && !sh.elementChild) return out_.append("\"\"");
        if (sh.elementChild) return body(e, Shape{true, sh.text, sh.attributeText}, false, false);
        contentValue([&](auto&& f) { children(e, f); });
    }

    // The object form: {"#attributes":{..},"#text":..,children...}.
    void body(const ElementRef& e, const Shape& sh, bool container, bool withAttributes = true) {
        out_.push('{');
        bool first = true;
        if (withAttributes && sh.attributeText && !opt_.separateJsonAttributes) {
            comma(first);
            key("#attributes", 0);
            attributesObject(e);
        }
        if (sh.text) {
            comma(first);
            key("#text", 0);
            mixedTextValue(e);
        }
        childMembers(e, container, first);
        out_.push('}');
    }

    void childMembers(const ElementRef& e, bool container, bool& first) {
        // Inside EventData/UserData, <Data Name="X">v</Data> becomes "X":v
        // when any Data has a non-empty Name; otherwise all Data children
        // are gathered into one "Data":{"#text":...}.
        bool flatten = false;
        int positional = 0;
        if (container) {
            children(e, [&](const ContentItem& it) {
                if (it.kind != ContentItem::Kind::Element) return;
                ElementRef c = ref(it);
                if (name(c) != "Data") return;
                ++positional;
                if (!flatten && hasNonEmptyName(c)) flatten = true;
            });
        }
        bool positionalDone = false;
        KeyCounter keys;
        children(e, [&](const ContentItem& it) {
            if (it.kind != ContentItem::Kind::Element) return;
            ElementRef c = ref(it);
            const std::string& n = name(c);
            if (container && n == "Data") {
                if (flatten) {
                    if (!hasNonEmptyName(c)) return;
                    comma(first);
                    out_.push('"');
                    attrValue(c, nameAttribute(c), [&](const ContentItem& v) { textPiece(v); });
                    out_.append("\":");
                    dataValue(c);
                } else if (!positionalDone) {
                    positionalDone = true;
                    comma(first);
                    out_.append("\"Data\":{\"#text\":");
                    if (positional == 1) {
                        dataValue(c);
                    } else {
                        out_.push('[');
                        bool firstItem = true;
                        children(e, [&](const ContentItem& d) {
                            if (d.kind != ContentItem::Kind::Element) return;
                            ElementRef dc = ref(d);
                            if (name(dc) != "Data") return;
                            comma(firstItem);
                            dataValue(dc);
                        });
                        out_.push(']');
                    }
                    out_.push('}');
                }
                return;
            }
            if (opt_.separateJsonAttributes)
                separateMember(c, keys, first, true);
            else
                member(c, n, keys.use(n), isDataContainer(n), first);
        });
    }

    // --separate-json-attributes: attributes go to a "NAME_attributes"
    // sibling placed just before the element, which then holds only its
    // content (and is left out when it has none).
    void separateMember(const ElementRef& e, KeyCounter& keys, bool& first, bool countKey) {
        const std::string& n = name(e);
        Shape sh = shape(e);
        int suffix = countKey ? keys.use(n) : 0;
        if (sh.attributeText) {
            comma(first);
            out_.push('"');
            writeEscaped(out_, n, Escape::Json);
            if (suffix > 0) {
                out_.push('_');
                formatUnsigned(out_, uint64_t(suffix));
            }
            out_.append("_attributes\":");
            attributesObject(e);
            if (!sh.elementChild && !sh.text) return;
        }
        comma(first);
        key(n, suffix);
        if (!sh.elementChild && !sh.text) return out_.append("null");
        if (!sh.elementChild) return contentValue([&](auto&& f) { children(e, f); });
        body(e, sh, isDataContainer(n));
    }

    OutBuffer& out_;
    const RecordTree& tree_;
    const RenderOptions& opt_;
    const AnsiCodec& ansi_;
    SlotRecorder* recorder_;
};

} // namespace

void renderJson(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt,
                SlotRecorder* recorder) {
    JsonRenderer(out, tree, opt, recorder).render();
}

void renderJson(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt) {
    renderJson(out, tree, opt, nullptr);
}

} // namespace evtx
