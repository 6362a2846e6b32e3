#include "evtx/render.hpp"

#include "render/content_walk.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace evtx {
namespace {

// What an element holds once substitutions are resolved.
struct ElementShape {
    int elements = 0;   // child elements
    int texts = 0;      // text pieces (values, static text, references)
    const ContentItem* firstText = nullptr;
    ContentItem firstTextItem{};
    bool hasAttributes = false;
};

// Keys already used in one JSON object, for the "_1", "_2" suffixes that
// repeated sibling names get.
class KeySet {
public:
    // Returns how many times `key` was used before (0 = first).
    int use(std::string_view key) {
        for (auto& [k, n] : keys_)
            if (k == key) return n++;
        keys_.emplace_back(std::string(key), 1);
        return 0;
    }

private:
    std::vector<std::pair<std::string, int>> keys_;
};

class JsonRenderer {
public:
    JsonRenderer(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt)
        : out_(out), tree_(tree), opt_(opt), ansi_(*opt.ansi) {}

    void render() {
        out_.push('{');
        KeySet keys;
        bool first = true;
        members(Scope{&tree_.raw, nullptr, 0}, tree_.raw.root, keys, first, nullptr);
        out_.push('}');
    }

private:
    const Node& node(const ContentItem& it) const {
        return it.scope.program->nodes[size_t(it.node)];
    }
    const std::string& nameOf(const ContentItem& it) const {
        return it.scope.program->str(node(it).name);
    }

    ElementShape shape(const Scope& s, const Node& n, const ArrayItem* w) const {
        ElementShape sh;
        for (int32_t a = n.firstAttr; a >= 0; a = s.program->nodes[size_t(a)].next)
            if (!attributeIsEmpty(tree_, s, s.program->nodes[size_t(a)].firstChild, w)) {
                sh.hasAttributes = true;
                break;
            }
        forEachContent(tree_, s, n.firstChild, [&](const ContentItem& it) {
            if (it.kind == ContentItem::Kind::Element) {
                ++sh.elements;
            } else if (it.kind == ContentItem::Kind::Value && it.value->type == vt::Null) {
                // a NULL substitution holds nothing
            } else {
                if (sh.texts++ == 0) sh.firstTextItem = it;
            }
        }, w);
        return sh;
    }

    void key(KeySet& keys, std::string_view name, bool& first, std::string_view suffix = {},
             bool dedup = true) {
        if (!first) out_.push(',');
        first = false;
        std::string full(name);
        full += suffix;
        int n = dedup ? keys.use(full) : 0;
        out_.push('"');
        writeEscaped(out_, full, Escape::Json);
        if (n > 0) {
            out_.push('_');
            formatUnsigned(out_, uint64_t(n));
        }
        out_.append("\":");
    }

    // Writes the text pieces of a content list: one typed value when there is
    // exactly one, else the pieces concatenated into one string.
    void textValue(const Scope& s, int32_t first, const ElementShape& sh, const ArrayItem* w) {
        if (sh.texts == 1 && sh.firstTextItem.kind == ContentItem::Kind::Value) {
            writeValueJson(out_, *sh.firstTextItem.value, ansi_);
            return;
        }
        out_.push('"');
        forEachContent(tree_, s, first, [&](const ContentItem& it) {
            if (it.kind != ContentItem::Kind::Element) textPiece(it);
        }, w);
        out_.push('"');
    }

    void textPiece(const ContentItem& it) {
        if (it.kind == ContentItem::Kind::Value) {
            if (it.value->isArray()) {
                bool firstItem = true;
                forEachArrayItem(*it.value, [&](const Value& v) {
                    if (!firstItem) out_.push(',');
                    firstItem = false;
                    writeValueText(out_, v, Escape::Json, ansi_);
                });
            } else {
                writeValueText(out_, *it.value, Escape::Json, ansi_);
            }
            return;
        }
        const Program& p = *it.scope.program;
        const Node& n = node(it);
        switch (n.kind) {
        case NodeKind::Text:
        case NodeKind::CData: writeEscaped(out_, p.str(n.text), Escape::Json); break;
        case NodeKind::Literal: writeValueText(out_, p.literals[n.text], Escape::Json, ansi_); break;
        case NodeKind::CharRef: {
            OutBuffer tmp;
            uint8_t u[2] = {uint8_t(n.index), uint8_t(n.index >> 8)};
            writeUtf16(out_, u, 1, Escape::Json, false);
            break;
        }
        case NodeKind::EntityRef: {
            const std::string& e = p.str(n.name);
            if (e == "amp") out_.push('&');
            else if (e == "lt") out_.push('<');
            else if (e == "gt") out_.push('>');
            else if (e == "quot") out_.append("\\\"");
            else if (e == "apos") out_.push('\'');
            else {
                out_.push('&');
                writeEscaped(out_, e, Escape::Json);
                out_.push(';');
            }
            break;
        }
        default: break;
        }
    }

    void attributes(const Scope& s, const Node& n, const ArrayItem* w) {
        out_.push('{');
        KeySet keys;
        bool first = true;
        for (int32_t a = n.firstAttr; a >= 0; a = s.program->nodes[size_t(a)].next) {
            const Node& attr = s.program->nodes[size_t(a)];
            if (attributeIsEmpty(tree_, s, attr.firstChild, w)) continue;
            key(keys, s.program->str(attr.name), first);
            ElementShape sh;
            forEachContent(tree_, s, attr.firstChild, [&](const ContentItem& it) {
                if (sh.texts++ == 0) sh.firstTextItem = it;
            }, w);
            textValue(s, attr.firstChild, sh, w);
        }
        out_.push('}');
    }

    // The members of an object: one per child element.
    void members(const Scope& s, int32_t firstChild, KeySet& keys, bool& first,
                 const ArrayItem* w) {
        bool dataGroupDone = false;
        forEachContent(tree_, s, firstChild, [&](const ContentItem& it) {
            if (it.kind != ContentItem::Kind::Element) return;
            const Node& n = node(it);
            if (nameOf(it) == "Data") {
                int32_t nameAttr = findAttribute(it.scope, n, "Name");
                if (nameAttr < 0) {
                    if (!dataGroupDone) unnamedDataGroup(s, firstChild, keys, first, w);
                    dataGroupDone = true;
                    return;
                }
                namedData(it.scope, n, nameAttr, keys, first, it.arrayItem);
                return;
            }
            element(it.scope, n, keys, first, it.arrayItem);
        }, w);
    }

    int32_t findAttribute(const Scope& s, const Node& n, std::string_view name) const {
        for (int32_t a = n.firstAttr; a >= 0; a = s.program->nodes[size_t(a)].next)
            if (s.program->str(s.program->nodes[size_t(a)].name) == name) return a;
        return -1;
    }

    // <Data Name="X">v</Data> becomes "X": v.
    // Its key is not made unique: a repeated Name repeats the key.
    void namedData(const Scope& s, const Node& n, int32_t nameAttr, KeySet& keys, bool& first,
                   const ArrayItem* w) {
        nameBuf_.clear();
        forEachContent(tree_, s, s.program->nodes[size_t(nameAttr)].firstChild,
                       [&](const ContentItem& it) { textPieceRaw(it); }, w);
        std::string k(nameBuf_.view());
        key(keys, k, first, {}, false);
        ElementShape sh = shape(s, n, w);
        if (sh.elements > 0) {
            objectBody(s, n, sh, false, w);
        } else if (sh.texts == 0) {
            out_.append("null");
        } else {
            textValue(s, n.firstChild, sh, w);
        }
    }

    void textPieceRaw(const ContentItem& it) {
        if (it.kind == ContentItem::Kind::Value) {
            writeValueText(nameBuf_, *it.value, Escape::None, ansi_);
        } else if (it.kind == ContentItem::Kind::Node) {
            const Node& n = node(it);
            if (n.kind == NodeKind::Text) nameBuf_.append(it.scope.program->str(n.text));
        }
    }

    // All <Data> without Name among these siblings: "Data":{"#text":v or [..]}.
    void unnamedDataGroup(const Scope& s, int32_t firstChild, KeySet& keys, bool& first,
                          const ArrayItem* w) {
        key(keys, "Data", first);
        int count = 0;
        forEachContent(tree_, s, firstChild, [&](const ContentItem& it) {
            if (it.kind == ContentItem::Kind::Element && nameOf(it) == "Data" &&
                findAttribute(it.scope, node(it), "Name") < 0)
                ++count;
        }, w);
        out_.append("{\"#text\":");
        if (count > 1) out_.push('[');
        bool firstItem = true;
        forEachContent(tree_, s, firstChild, [&](const ContentItem& it) {
            if (it.kind != ContentItem::Kind::Element || nameOf(it) != "Data") return;
            const Node& n = node(it);
            if (findAttribute(it.scope, n, "Name") >= 0) return;
            if (!firstItem) out_.push(',');
            firstItem = false;
            ElementShape sh = shape(it.scope, n, it.arrayItem);
            if (sh.texts == 0) out_.append("\"\"");
            else textValue(it.scope, n.firstChild, sh, it.arrayItem);
        }, w);
        if (count > 1) out_.push(']');
        out_.push('}');
    }

    void element(const Scope& s, const Node& n, KeySet& keys, bool& first, const ArrayItem* w) {
        const std::string& name = s.program->str(n.name);
        ElementShape sh = shape(s, n, w);
        const bool hasContent = sh.elements > 0 || sh.texts > 0;
        if (opt_.separateJsonAttributes) {
            if (sh.hasAttributes) {
                key(keys, name, first, "_attributes");
                attributes(s, n, w);
                if (!hasContent) return;
            }
            key(keys, name, first);
            if (sh.elements > 0) objectBody(s, n, sh, false, w);
            else if (sh.texts > 0) textValue(s, n.firstChild, sh, w);
            else out_.append("null");
            return;
        }
        key(keys, name, first);
        if (!sh.hasAttributes && sh.elements == 0) {
            if (sh.texts > 0) textValue(s, n.firstChild, sh, w);
            else out_.append("null");
            return;
        }
        objectBody(s, n, sh, sh.hasAttributes, w);
    }

    void objectBody(const Scope& s, const Node& n, const ElementShape& sh, bool withAttributes,
                    const ArrayItem* w) {
        out_.push('{');
        KeySet keys;
        bool first = true;
        if (withAttributes) {
            key(keys, "#attributes", first);
            attributes(s, n, w);
        }
        if (sh.elements > 0) members(s, n.firstChild, keys, first, w);
        if (sh.texts > 0) {
            key(keys, "#text", first);
            textValue(s, n.firstChild, sh, w);
        }
        out_.push('}');
    }

    OutBuffer& out_;
    const RecordTree& tree_;
    const RenderOptions& opt_;
    const AnsiCodec& ansi_;
    OutBuffer nameBuf_;
};

} // namespace

void renderJson(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt) {
    JsonRenderer(out, tree, opt).render();
}

} // namespace evtx
