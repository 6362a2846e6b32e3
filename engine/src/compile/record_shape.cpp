#include "compile/record_shape.hpp"

#include <cstring>

namespace evtx {
namespace {

constexpr size_t kMaxRawText = 4096;  // raw names etc. worth caching
constexpr size_t kMaxArrayItems = 64; // longer arrays are rendered directly

// Appends fixed-size fields through a raw pointer into space reserved up
// front: this runs for every record, so it must stay a few stores per value.
class KeyWriter {
  public:
    KeyWriter(std::string& key, size_t bound) : key_(key) {
        key_.resize(bound);
        p_ = key_.data();
    }
    ~KeyWriter() { key_.resize(size_t(p_ - key_.data())); }
    template <typename T> void put(const T& v) {
        std::memcpy(p_, &v, sizeof v);
        p_ += sizeof v;
    }
    void putBytes(const void* p, size_t n) {
        if (n == 0) return; // p may be null (an empty vector's data())
        std::memcpy(p_, p, n);
        p_ += n;
    }
    void put(const std::string& s) {
        put(uint32_t(s.size()));
        std::memcpy(p_, s.data(), s.size());
        p_ += s.size();
    }

  private:
    std::string& key_;
    char* p_;
};

// Emptiness of each item decides whether repeated elements stay empty.
bool putArrayLayout(KeyWriter& w, const Value& v) {
    uint64_t emptyBits = 0;
    size_t count = 0;
    forEachArrayItem(v, [&](const Value& item) {
        if (count < 64 && isEmptyValue(item)) emptyBits |= uint64_t(1) << count;
        ++count;
    });
    if (count > kMaxArrayItems) return false;
    w.put(uint8_t(count));
    w.put(emptyBits);
    return true;
}

} // namespace

bool buildShapeKey(const RecordTree& tree, std::string& key) {
    const Program& raw = tree.raw;
    if (!raw.literals.empty()) return false;
    // Text nodes of the raw fragment become slots (only their emptiness
    // matters to the layout); names and other strings are part of the shape.
    size_t shapeText = 0;
    for (const Node& n : raw.nodes) {
        switch (n.kind) {
        case NodeKind::Element:
        case NodeKind::Attribute:
        case NodeKind::EntityRef:
            shapeText += raw.str(n.name).size();
            break;
        case NodeKind::CData:
            shapeText += raw.str(n.text).size();
            break;
        case NodeKind::PI:
            shapeText += raw.str(n.name).size() + raw.str(n.text).size();
            break;
        default:
            break;
        }
    }
    if (shapeText > kMaxRawText) return false;

    const size_t bound = 32 + raw.nodes.size() * (25 + 8) + shapeText + tree.templates.size() * 16 +
                         tree.values.size() * 15;
    KeyWriter w(key, bound);
    w.put(uint32_t(raw.nodes.size()));
    w.put(raw.root);
    for (const Node& n : raw.nodes) {
        // Field by field: the struct's padding bytes are not initialised.
        w.put(uint8_t(n.kind));
        w.put(n.valueType);
        w.put(uint8_t(n.optional));
        w.put(n.index);
        w.put(n.firstAttr);
        w.put(n.firstChild);
        w.put(n.next);
        switch (n.kind) {
        case NodeKind::Text:
            w.put(uint8_t(raw.str(n.text).empty()));
            break;
        case NodeKind::Element:
        case NodeKind::Attribute:
        case NodeKind::EntityRef:
            w.put(raw.str(n.name));
            break;
        case NodeKind::CData:
            w.put(raw.str(n.text));
            break;
        case NodeKind::PI:
            w.put(raw.str(n.name));
            w.put(raw.str(n.text));
            break;
        default:
            w.put(n.name), w.put(n.text);
            break;
        }
    }

    w.put(uint32_t(tree.templates.size()));
    for (const TemplateUse& t : tree.templates) {
        w.put(t.program->serial);
        w.put(t.valueBase);
        w.put(t.valueCount);
    }

    // The values' layout was recorded while parsing: one copy, then what
    // the few special values add.
    if (tree.layout.size() != tree.values.size()) return false;
    w.put(uint32_t(tree.values.size()));
    w.putBytes(tree.layout.data(), tree.layout.size() * sizeof(uint16_t));
    for (uint32_t i : tree.layoutExtras) {
        const Value& v = tree.values[i];
        w.put(i);
        if (v.type == vt::BinXml) w.put(v.fragment);
        if (v.isArray() && !putArrayLayout(w, v)) return false;
    }
    return true;
}

size_t ShapeKeyHash::of(std::string_view key) noexcept {
    // Eight bytes per step; keys are a few hundred bytes of small fields.
    uint64_t h = key.size() * 0x9E3779B97F4A7C15ull;
    const char* p = key.data();
    size_t n = key.size();
    for (; n >= 8; n -= 8, p += 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    return size_t(h ^ (h >> 32));
}

} // namespace evtx
