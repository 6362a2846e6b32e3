#include "evtx/compile/record_renderer.hpp"

#include "compile/record_shape.hpp"
#include "evtx/format/bytes.hpp"
#include "evtx/render/int_format.hpp"
#include "evtx/render/slot_recorder.hpp"
#include "evtx/text/utf16_transcode.hpp"

namespace evtx {

// How a slot's text is written. A shape fixes each value's type and whether
// it is empty, so the writer is chosen once, when the shape is compiled, and
// replay needs no per-value type switch for the common types.
enum class SlotWriter : uint8_t {
    Generic, // writeValueText (any type, array items)
    RawText, // a string of the record's raw program
    Utf16None,
    Utf16Xml,
    Utf16XmlAttr,
    Utf16Json,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Hex32,
    Hex64,
};

// Static text with value slots between its pieces.
struct CompiledShape {
    struct Piece {
        uint32_t textLength; // static text before the value
        uint32_t value;      // value index, or raw string id when rawText
        int32_t item;
        Escape mode;
        SlotWriter writer;
    };
    std::string text;
    std::vector<Piece> pieces;
    uint32_t tailLength = 0;
};

namespace {

constexpr size_t kMaxShapes = 4096;       // per renderer; the cache restarts beyond
constexpr size_t kMaxSharedShapes = 4096; // beyond, renderers keep new shapes to themselves

SlotWriter writerFor(const Slot& s, const RecordTree& tree) {
    if (s.rawText) return SlotWriter::RawText;
    if (s.item >= 0) return SlotWriter::Generic;
    const Value& v = tree.values[s.value];
    // Empty values keep the general path (what they write is rare and varied).
    if (v.size == 0) return SlotWriter::Generic;
    switch (v.type) {
    case vt::String:
        switch (s.mode) {
        case Escape::None:
            return SlotWriter::Utf16None;
        case Escape::Xml:
            return SlotWriter::Utf16Xml;
        case Escape::XmlAttr:
            return SlotWriter::Utf16XmlAttr;
        case Escape::Json:
            return SlotWriter::Utf16Json;
        }
        return SlotWriter::Generic;
    case vt::UInt8:
        return SlotWriter::UInt8;
    case vt::UInt16:
        return SlotWriter::UInt16;
    case vt::UInt32:
        return SlotWriter::UInt32;
    case vt::UInt64:
        return SlotWriter::UInt64;
    case vt::HexInt32:
        return SlotWriter::Hex32;
    case vt::HexInt64:
        return SlotWriter::Hex64;
    default:
        return SlotWriter::Generic;
    }
}

std::unique_ptr<CompiledShape> compile(const OutBuffer& recorded, const std::vector<Slot>& slots,
                                       const RecordTree& tree) {
    auto shape = std::make_unique<CompiledShape>();
    shape->text.assign(recorded.data(), recorded.size());
    size_t pos = 0;
    for (const Slot& s : slots) {
        shape->pieces.push_back(
            {uint32_t(s.at - pos), s.value, s.item, s.mode, writerFor(s, tree)});
        pos = s.at;
    }
    shape->tailLength = uint32_t(recorded.size() - pos);
    return shape;
}

// UTF-16 text through the mode's transcoder (6 bytes per unit of room).
template <char* (*Transcode)(char*, const uint8_t*, size_t, bool)>
inline void writeUtf16Slot(OutBuffer& out, const Value& v) {
    const size_t units = v.size / 2;
    char* d = out.reserve(units * 6);
    out.commit(size_t(Transcode(d, v.data, units, true) - d));
}

inline void writeSlot(OutBuffer& out, const RecordTree& tree, const CompiledShape::Piece& p,
                      const AnsiCodec& ansi) {
    switch (p.writer) {
    case SlotWriter::Generic:
        break;
    case SlotWriter::RawText:
        return writeEscaped(out, tree.raw.str(p.value), p.mode);
    case SlotWriter::Utf16None:
        return writeUtf16Slot<detail::transcodeUtf16None>(out, tree.values[p.value]);
    case SlotWriter::Utf16Xml:
        return writeUtf16Slot<detail::transcodeUtf16Xml>(out, tree.values[p.value]);
    case SlotWriter::Utf16XmlAttr:
        return writeUtf16Slot<detail::transcodeUtf16XmlAttr>(out, tree.values[p.value]);
    case SlotWriter::Utf16Json:
        return writeUtf16Slot<detail::transcodeUtf16Json>(out, tree.values[p.value]);
    case SlotWriter::UInt8:
        return detail::appendDecimal(out, tree.values[p.value].data[0]);
    case SlotWriter::UInt16:
        return detail::appendDecimal(out, loadLE<uint16_t>(tree.values[p.value].data));
    case SlotWriter::UInt32:
        return detail::appendDecimal(out, loadLE<uint32_t>(tree.values[p.value].data));
    case SlotWriter::UInt64:
        return detail::appendDecimal(out, loadLE<uint64_t>(tree.values[p.value].data));
    case SlotWriter::Hex32:
        return detail::appendHex(out, loadLE<uint32_t>(tree.values[p.value].data));
    case SlotWriter::Hex64:
        return detail::appendHex(out, loadLE<uint64_t>(tree.values[p.value].data));
    }
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

SharedShapes::SharedShapes() = default;
SharedShapes::~SharedShapes() = default;

RecordRenderer::RecordRenderer(Format format, const RenderOptions& opt, SharedShapes* shared)
    : format_(format), opt_(opt), shared_(shared) {}

RecordRenderer::~RecordRenderer() = default;

void RecordRenderer::renderDirect(OutBuffer& out, const RecordTree& tree) {
    ++stats_.direct;
    if (format_ == Format::Xml)
        renderXml(out, tree, opt_, nullptr);
    else
        renderJson(out, tree, opt_, nullptr);
}

// The compiled shape for `key` (the tree's shape): taken from the shared
// shapes (counted as replayed) or compiled by recording the tree's render
// (counted as compiled). Null when the record cannot be compiled.
const CompiledShape* RecordRenderer::compileShape(const RecordTree& tree,
                                                  const HashedShapeKey& key) {
    if (shared_) {
        std::lock_guard lock(shared_->mutex_);
        auto it = shared_->shapes_.find(key);
        if (it != shared_->shapes_.end()) {
            ++stats_.replayed;
            return it->second.get();
        }
    }
    scratch_.clear();
    SlotRecorder recorder(tree);
    if (format_ == Format::Xml)
        renderXml(scratch_, tree, opt_, &recorder);
    else
        renderJson(scratch_, tree, opt_, &recorder);
    if (!recorder.ok()) return nullptr;
    std::unique_ptr<CompiledShape> shape = compile(scratch_, recorder.slots(), tree);
    ++stats_.compiled;
    if (shared_) {
        // Compiled outside the lock; another thread may have got there first.
        std::lock_guard lock(shared_->mutex_);
        auto it = shared_->shapes_.find(key);
        if (it != shared_->shapes_.end()) return it->second.get();
        if (shared_->shapes_.size() < kMaxSharedShapes) {
            auto added = shared_->shapes_.emplace(StoredShapeKey{std::string(key.bytes), key.hash},
                                                  std::move(shape));
            return added.first->second.get();
        }
    }
    owned_.push_back(std::move(shape));
    return owned_.back().get();
}

void RecordRenderer::render(OutBuffer& out, const RecordTree& tree) {
    if (!buildShapeKey(tree, key_)) return renderDirect(out, tree);
    const uint64_t mainSerial = tree.templates.empty() ? 0 : tree.templates[0].program->serial;
    RecentShape& recent = recent_[mainSerial % recent_.size()];
    if (recent.shape && recent.key == key_) {
        ++stats_.replayed;
        return replay(out, *recent.shape, tree, *opt_.ansi);
    }
    const CompiledShape* shape = nullptr;
    const HashedShapeKey key{key_, ShapeKeyHash::of(key_)};
    auto it = shapes_.find(key);
    if (it != shapes_.end()) {
        shape = it->second;
        ++stats_.replayed;
    } else {
        shape = compileShape(tree, key);
        if (!shape) return renderDirect(out, tree);
        if (shapes_.size() >= kMaxShapes) {
            shapes_.clear();
            // Shapes this renderer owns go too, except the one in hand.
            std::unique_ptr<CompiledShape> keep;
            if (!owned_.empty() && owned_.back().get() == shape) keep = std::move(owned_.back());
            owned_.clear();
            if (keep) owned_.push_back(std::move(keep));
            for (RecentShape& r : recent_)
                r.shape = nullptr;
        }
        shapes_.emplace(StoredShapeKey{key_, key.hash}, shape);
    }
    recent.key = key_;
    recent.shape = shape;
    replay(out, *shape, tree, *opt_.ansi);
}

} // namespace evtx
