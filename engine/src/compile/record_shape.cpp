#include "compile/record_shape.hpp"

#include <cstring>

namespace evtx {
namespace {

constexpr size_t kMaxRawText = 256;   // raw (non-template) text worth caching
constexpr size_t kMaxArrayItems = 64; // longer arrays are rendered directly

class KeyWriter {
public:
    explicit KeyWriter(std::string& key) : key_(key) { key_.clear(); }
    template <typename T> void put(const T& v) {
        key_.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void put(const std::string& s) {
        put(uint32_t(s.size()));
        key_.append(s);
    }

private:
    std::string& key_;
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
    KeyWriter w(key);
    const Program& raw = tree.raw;
    if (!raw.literals.empty()) return false;
    size_t rawText = 0;
    for (const std::string& s : raw.strings)
        rawText += s.size();
    if (rawText > kMaxRawText) return false;

    w.put(uint32_t(raw.nodes.size()));
    w.put(raw.root);
    for (const Node& n : raw.nodes) {
        // Field by field: the struct's padding bytes are not initialised.
        w.put(uint8_t(n.kind));
        w.put(n.valueType);
        w.put(uint8_t(n.optional));
        w.put(n.index);
        w.put(n.name);
        w.put(n.text);
        w.put(n.firstAttr);
        w.put(n.firstChild);
        w.put(n.next);
    }
    w.put(uint32_t(raw.strings.size()));
    for (const std::string& s : raw.strings)
        w.put(s);

    w.put(uint32_t(tree.templates.size()));
    for (const TemplateUse& t : tree.templates) {
        w.put(t.program->serial);
        w.put(t.valueBase);
        w.put(t.valueCount);
    }

    w.put(uint32_t(tree.values.size()));
    for (const Value& v : tree.values) {
        const uint8_t flags = uint8_t(isEmptyValue(v)) | uint8_t(v.size > 0) << 1;
        w.put(v.type);
        w.put(flags);
        if (v.type == vt::BinXml) w.put(v.fragment);
        if (v.isArray() && !putArrayLayout(w, v)) return false;
    }
    return true;
}

} // namespace evtx
