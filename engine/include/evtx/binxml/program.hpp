// A parsed BinXML element tree ("render program"): template definitions are
// compiled into one of these once per file; a record's own tokens (the
// template instance and any nested BinXML values) go into a scratch one that
// is reused for every record.
#pragma once

#include "evtx/binxml/value.hpp"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace evtx {

enum class NodeKind : uint8_t {
    Element,   // name, attributes (firstAttr), content (firstChild)
    Attribute, // name, value nodes (firstChild)
    Text,      // static UTF-8 text (text = string id)
    CData,     // text = string id
    CharRef,   // index = code point
    EntityRef, // name
    PI,        // name = target, text = data string id
    Subst,     // index = value index, valueType = declared type, optional
    Literal,   // a non-string value token: text = literal id
    Template,  // text = template-instance id (record programs only)
};

struct Node {
    NodeKind kind = NodeKind::Text;
    uint8_t valueType = 0;
    bool optional = false;
    uint16_t index = 0;
    uint32_t name = 0;
    uint32_t text = 0;
    int32_t firstAttr = -1;
    int32_t firstChild = -1;
    int32_t next = -1;
};

struct Program;

// A template instance inside a record: which compiled template and where its
// values live in the record's value array.
struct TemplateUse {
    const Program* program = nullptr;
    uint32_t valueBase = 0;
    uint32_t valueCount = 0;
};

// A process-wide identity for compiled programs: unlike an address it is
// never reused, so render caches can key on it safely.
inline uint64_t newProgramSerial() {
    static std::atomic<uint64_t> next{0};
    return ++next;
}

struct Program {
    uint64_t serial = newProgramSerial();
    std::vector<Node> nodes;
    std::vector<std::string> strings; // names and static text, UTF-8
    std::vector<Value> literals;
    int32_t root = -1;       // first top-level node
    bool namesInline = true; // every name stored inside the definition
    // Template definitions, for the parser's limits: what one rendering
    // costs (nodes + text bytes), the deepest element nesting, and whether
    // some value index is substituted more than once.
    uint64_t cost = 0;
    uint32_t depth = 0;
    bool repeatsValues = false;
    // Template definitions whose names live elsewhere in their chunk: where
    // each one was and its UTF-16 bytes, so another chunk holding the same
    // definition can reuse this program after checking its names match.
    struct ChunkName {
        uint32_t offset;
        std::string utf16;
    };
    std::vector<ChunkName> chunkNames;

    void clear() {
        nodes.clear();
        strings.clear();
        literals.clear();
        root = -1;
        namesInline = true;
        chunkNames.clear();
    }
    const std::string& str(uint32_t id) const { return strings[id]; }
};

} // namespace evtx
