#include "evtx/record_renderer.hpp"

#include "compile/record_shape.hpp"
#include "render/slot_recorder.hpp"

namespace evtx {

// Static text with value slots between its pieces.
struct CompiledShape {
    struct Piece {
        uint32_t textLength; // static text before the value
        uint32_t value;      // value index, or raw string id when rawText
        int32_t item;
        Escape mode;
        bool rawText;
    };
    std::string text;
    std::vector<Piece> pieces;
    uint32_t tailLength = 0;
};

namespace {

constexpr size_t kMaxShapes = 4096; // per renderer; the cache restarts beyond

std::unique_ptr<CompiledShape> compile(const OutBuffer& recorded,
                                       const std::vector<Slot>& slots) {
    auto shape = std::make_unique<CompiledShape>();
    shape->text.assign(recorded.data(), recorded.size());
    size_t pos = 0;
    for (const Slot& s : slots) {
        shape->pieces.push_back({uint32_t(s.at - pos), s.value, s.item, s.mode, s.rawText});
        pos = s.at;
    }
    shape->tailLength = uint32_t(recorded.size() - pos);
    return shape;
}

void writeSlot(OutBuffer& out, const RecordTree& tree, const CompiledShape::Piece& p,
               const AnsiCodec& ansi) {
    if (p.rawText) return writeEscaped(out, tree.raw.str(p.value), p.mode);
    const Value& v = tree.values[p.value];
    if (p.item < 0) return writeValueText(out, v, p.mode, ansi);
    int32_t index = 0;
    forEachArrayItem(v, [&](const Value& item) {
        if (index++ == p.item) writeValueText(out, item, p.mode, ansi);
    });
}

void replay(OutBuffer& out, const CompiledShape& shape, const RecordTree& tree,
            const AnsiCodec& ansi) {
    const char* text = shape.text.data();
    for (const CompiledShape::Piece& p : shape.pieces) {
        out.append(text, p.textLength);
        text += p.textLength;
        writeSlot(out, tree, p, ansi);
    }
    out.append(text, shape.tailLength);
}

} // namespace

RecordRenderer::RecordRenderer(Format format, const RenderOptions& opt)
    : format_(format), opt_(opt) {}

RecordRenderer::~RecordRenderer() = default;

void RecordRenderer::renderDirect(OutBuffer& out, const RecordTree& tree) {
    ++stats_.direct;
    if (format_ == Format::Xml) renderXml(out, tree, opt_, nullptr);
    else renderJson(out, tree, opt_, nullptr);
}

void RecordRenderer::render(OutBuffer& out, const RecordTree& tree) {
    if (!buildShapeKey(tree, key_)) return renderDirect(out, tree);
    const uint64_t mainSerial = tree.templates.empty() ? 0 : tree.templates[0].program->serial;
    RecentShape& recent = recent_[mainSerial % recent_.size()];
    if (recent.shape && recent.key == key_) {
        ++stats_.replayed;
        return replay(out, *recent.shape, tree, *opt_.ansi);
    }
    auto it = shapes_.find(key_);
    if (it == shapes_.end()) {
        scratch_.clear();
        SlotRecorder recorder(tree);
        if (format_ == Format::Xml) renderXml(scratch_, tree, opt_, &recorder);
        else renderJson(scratch_, tree, opt_, &recorder);
        if (!recorder.ok()) return renderDirect(out, tree);
        if (shapes_.size() >= kMaxShapes) {
            shapes_.clear();
            for (RecentShape& r : recent_)
                r.shape = nullptr;
        }
        it = shapes_.emplace(key_, compile(scratch_, recorder.slots())).first;
        ++stats_.compiled;
    } else {
        ++stats_.replayed;
    }
    recent.key = key_;
    recent.shape = it->second.get();
    replay(out, *it->second, tree, *opt_.ansi);
}

} // namespace evtx
