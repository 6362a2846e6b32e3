#include "evtx/render.hpp"

#include "render/content_walk.hpp"

namespace evtx {
namespace {

// Writes events the way an indenting XML writer does: a start or end tag goes
// on a new line unless text was written since the last tag, so an element
// with no text prints as "<X>\n</X>" and one with (even empty) text inline.
class XmlRenderer {
public:
    XmlRenderer(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt)
        : out_(out), tree_(tree), opt_(opt) {}

    void render() {
        out_.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        lineBreak_ = true;
        content(Scope{&tree_.raw, nullptr, 0}, tree_.raw.root);
        out_.push('\n');
    }

private:
    void newline() {
        if (!opt_.indent) return;
        out_.push('\n');
        char* d = out_.reserve(size_t(level_) * 2);
        for (int i = 0; i < level_ * 2; ++i) d[i] = ' ';
        out_.commit(size_t(level_) * 2);
    }

    void content(const Scope& s, int32_t first) {
        forEachContent(tree_, s, first, [&](const ContentItem& item) { this->item(item); });
    }

    void item(const ContentItem& it) {
        switch (it.kind) {
        case ContentItem::Kind::Element: element(it.scope, it.node, it.arrayItem); return;
        case ContentItem::Kind::Value:
            if (it.value->type == vt::Null) return; // a NULL substitution writes no text
            writeValueText(out_, *it.value, Escape::Xml, *opt_.ansi);
            lineBreak_ = false;
            return;
        case ContentItem::Kind::Node: break;
        }
        const Node& n = it.scope.program->nodes[size_t(it.node)];
        const Program& p = *it.scope.program;
        switch (n.kind) {
        case NodeKind::Text: writeEscaped(out_, p.str(n.text), Escape::Xml); break;
        case NodeKind::Literal:
            writeValueText(out_, p.literals[n.text], Escape::Xml, *opt_.ansi);
            break;
        case NodeKind::CData:
            out_.append("<![CDATA[");
            out_.append(p.str(n.text));
            out_.append("]]>");
            break;
        case NodeKind::CharRef:
            out_.append("&#");
            formatUnsigned(out_, n.index);
            out_.push(';');
            break;
        case NodeKind::EntityRef:
            out_.push('&');
            out_.append(p.str(n.name));
            out_.push(';');
            break;
        case NodeKind::PI:
            if (lineBreak_) newline();
            out_.append("<?");
            out_.append(p.str(n.name));
            if (!p.str(n.text).empty()) {
                out_.push(' ');
                out_.append(p.str(n.text));
            }
            out_.append("?>");
            lineBreak_ = true;
            return;
        default: break;
        }
        lineBreak_ = false;
    }

    void element(const Scope& s, int32_t idx, const ArrayItem* within) {
        const Program& p = *s.program;
        const Node& n = p.nodes[size_t(idx)];
        if (lineBreak_) newline();
        out_.push('<');
        const std::string& name = p.str(n.name);
        out_.append(name);
        for (int32_t a = n.firstAttr; a >= 0; a = p.nodes[size_t(a)].next) {
            const Node& attr = p.nodes[size_t(a)];
            if (attributeIsEmpty(tree_, s, attr.firstChild, within)) continue;
            out_.push(' ');
            out_.append(p.str(attr.name));
            out_.append("=\"");
            forEachContent(tree_, s, attr.firstChild, [&](const ContentItem& v) {
                writeAttributeValue(v);
            }, within);
            out_.push('"');
        }
        out_.push('>');
        ++level_;
        lineBreak_ = true;
        forEachContent(tree_, s, n.firstChild, [&](const ContentItem& c) { item(c); }, within);
        --level_;
        if (lineBreak_) newline();
        out_.append("</");
        out_.append(name);
        out_.push('>');
        lineBreak_ = true;
    }

    void writeAttributeValue(const ContentItem& v) {
        if (v.kind == ContentItem::Kind::Value) {
            writeValueText(out_, *v.value, Escape::XmlAttr, *opt_.ansi);
            return;
        }
        if (v.kind != ContentItem::Kind::Node) return;
        const Program& p = *v.scope.program;
        const Node& n = p.nodes[size_t(v.node)];
        if (n.kind == NodeKind::Text) writeEscaped(out_, p.str(n.text), Escape::XmlAttr);
        else if (n.kind == NodeKind::Literal)
            writeValueText(out_, p.literals[n.text], Escape::XmlAttr, *opt_.ansi);
        else if (n.kind == NodeKind::CharRef) {
            out_.append("&#");
            formatUnsigned(out_, n.index);
            out_.push(';');
        } else if (n.kind == NodeKind::EntityRef) {
            out_.push('&');
            out_.append(p.str(n.name));
            out_.push(';');
        }
    }

    OutBuffer& out_;
    const RecordTree& tree_;
    const RenderOptions& opt_;
    int level_ = 0;
    bool lineBreak_ = false;
};

} // namespace

void renderXml(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt) {
    XmlRenderer(out, tree, opt).render();
}

} // namespace evtx
