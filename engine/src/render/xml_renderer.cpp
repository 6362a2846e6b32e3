#include "evtx/render/render.hpp"
#include "evtx/render/value_format.hpp"

#include "evtx/render/slot_recorder.hpp"
#include "render/content_walk.hpp"

namespace evtx {
namespace {

// Writes elements the way the reference does: an element with element
// children puts each child (and each text piece) on its own indented line;
// one without writes its text inline; an empty one writes "<X>\n</X>"
// (except <Binary></Binary>, which the reference keeps on one line).
class XmlRenderer {
  public:
    XmlRenderer(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt,
                SlotRecorder* recorder)
        : out_(out), tree_(tree), opt_(opt), recorder_(recorder) {}

    void render() {
        out_.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        bool done = false;
        forEachContent(tree_, Scope{&tree_.raw, nullptr, 0}, tree_.raw.root,
                       [&](const ContentItem& it) {
                           if (it.kind != ContentItem::Kind::Element || done) return;
                           done = true;
                           element(it.scope, it.node, it.arrayItem, 0);
                       });
    }

  private:
    void indent(int n) {
        if (!opt_.indent) return;
        char* d = out_.reserve(size_t(n));
        for (int i = 0; i < n; ++i)
            d[i] = ' ';
        out_.commit(size_t(n));
    }
    void newline() {
        if (opt_.indent) out_.push('\n');
    }

    void element(const Scope& s, int32_t idx, const ArrayItem* within, int level) {
        const Program& p = *s.program;
        const Node& n = p.nodes[size_t(idx)];
        const std::string& name = p.str(n.name);
        indent(level);
        out_.push('<');
        out_.append(name);
        for (int32_t a = n.firstAttr; a >= 0; a = p.nodes[size_t(a)].next) {
            const Node& attr = p.nodes[size_t(a)];
            if (attributeIsEmpty(tree_, s, attr.firstChild, within)) continue;
            out_.push(' ');
            out_.append(p.str(attr.name));
            out_.append("=\"");
            forEachContent(
                tree_, s, attr.firstChild, [&](const ContentItem& v) { text(v, Escape::XmlAttr); },
                within);
            out_.push('"');
        }
        out_.push('>');

        bool any = false, elementChild = false;
        forEachContent(
            tree_, s, n.firstChild,
            [&](const ContentItem& c) {
                any = true;
                if (c.kind == ContentItem::Kind::Element) elementChild = true;
            },
            within);

        if (!any) {
            if (name != "Binary") {
                newline();
                indent(level);
            }
            closeTag(name);
            return;
        }
        if (!elementChild) {
            forEachContent(
                tree_, s, n.firstChild, [&](const ContentItem& c) { text(c, Escape::Xml); },
                within);
            closeTag(name);
            return;
        }
        newline();
        forEachContent(
            tree_, s, n.firstChild,
            [&](const ContentItem& c) {
                if (c.kind == ContentItem::Kind::Element) {
                    element(c.scope, c.node, c.arrayItem, level + 2);
                } else {
                    indent(level + 2);
                    text(c, Escape::Xml);
                    newline();
                }
            },
            within);
        indent(level);
        closeTag(name);
    }

    void closeTag(const std::string& name) {
        out_.append("</");
        out_.append(name);
        out_.push('>');
        newline();
    }

    void text(const ContentItem& it, Escape mode) {
        if (it.kind == ContentItem::Kind::Value) {
            // A substitution: written, or noted as a slot when compiling.
            if (recorder_)
                recorder_->record(out_, *it.value, mode);
            else
                writeValueText(out_, *it.value, mode, *opt_.ansi);
            return;
        }
        if (it.kind != ContentItem::Kind::Node) return;
        const Program& p = *it.scope.program;
        const Node& n = p.nodes[size_t(it.node)];
        switch (n.kind) {
        case NodeKind::Text:
            if (recorder_ && &p == &tree_.raw)
                recorder_->recordRawText(out_, n.text, mode);
            else
                writeEscaped(out_, p.str(n.text), mode);
            break;
        case NodeKind::Literal:
            writeValueText(out_, p.literals[n.text], mode, *opt_.ansi);
            break;
        case NodeKind::CData:
            if (mode == Escape::XmlAttr) {
                writeEscaped(out_, p.str(n.text), mode);
            } else {
                out_.append("<![CDATA[");
                out_.append(p.str(n.text));
                out_.append("]]>");
            }
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
            out_.append("<?");
            out_.append(p.str(n.name));
            out_.push(' ');
            out_.append(p.str(n.text));
            out_.append("?>");
            break;
        default:
            break;
        }
    }

    OutBuffer& out_;
    const RecordTree& tree_;
    const RenderOptions& opt_;
    SlotRecorder* recorder_;
};

} // namespace

void renderXml(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt,
               SlotRecorder* recorder) {
    XmlRenderer(out, tree, opt, recorder).render();
}

void renderXml(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt) {
    renderXml(out, tree, opt, nullptr);
}

} // namespace evtx
