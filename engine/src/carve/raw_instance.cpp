#include "raw_instance.hpp"

#include <cstring>

namespace evtx::recover {

std::optional<InstancePrefix> readInstancePrefix(Bytes chunk, const RecordHeader& rec) {
    size_t p = rec.binxmlBegin();
    const size_t end = rec.binxmlEnd();
    if (p + 4 <= end && chunk[p] == 0x0f) p += 4; // fragment header
    if (p + 10 > end || chunk[p] != 0x0c) return std::nullopt;
    InstancePrefix out;
    out.templateId = loadLE<uint32_t>(chunk.data() + p + 2);
    out.definitionOffset = loadLE<uint32_t>(chunk.data() + p + 6);
    out.inlineDefinition = out.definitionOffset == p + 10;
    return out;
}

bool definitionInPlace(Bytes chunk, const InstancePrefix& p) {
    const size_t def = p.definitionOffset;
    if (p.inlineDefinition) return true;
    if (def < kChunkHeaderSize + 10 || def + 24 > chunk.size()) return false;
    const uint8_t* d = chunk.data() + def;
    return d[-10] == 0x0c && loadLE<uint32_t>(d - 8) == p.templateId &&
           loadLE<uint32_t>(d - 4) == def;
}

std::string readRawInstance(Bytes chunk, const RecordHeader& rec, RawTemplateInstance& out) {
    auto prefix = readInstancePrefix(chunk, rec);
    if (!prefix) return "the record does not start with a template instance";
    out.definitionOffset = prefix->definitionOffset;
    out.values.clear();
    const size_t end = rec.binxmlEnd();
    const uint8_t* c = chunk.data();
    size_t p = rec.binxmlBegin() + (chunk[rec.binxmlBegin()] == 0x0f ? 4 : 0) + 10;
    if (definitionInPlace(chunk, *prefix)) {
        std::array<uint8_t, 16> guid;
        std::memcpy(guid.data(), c + prefix->definitionOffset + 4, 16);
        out.guid = guid;
    }
    if (prefix->inlineDefinition) {
        if (p + 24 > end) return "inline template definition runs past the record";
        const uint32_t size = loadLE<uint32_t>(c + p + 20);
        if (size > end - p - 24) return "inline template definition runs past the record";
        p += 24 + size;
    }
    if (p + 4 > end) return "template value count runs past the record";
    const uint32_t count = loadLE<uint32_t>(c + p);
    p += 4;
    if (count > (end - p) / 4) return "template value descriptors run past the record";
    const uint8_t* desc = c + p;
    p += size_t(count) * 4;
    out.values.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        const uint16_t size = loadLE<uint16_t>(desc + 4 * i);
        if (size > end - p)
            return "value " + std::to_string(i) + " of " + std::to_string(size) +
                   " bytes runs past the record";
        out.values.push_back(Value{c + p, size, desc[4 * i + 2]});
        p += size;
    }
    // What follows the values: the end-of-fragment token, then at most the
    // padding to the record's 8-byte alignment (not zeroed by Windows).
    if (p < end && (c[p] != 0 || end - p > 8))
        return "the template values end " + std::to_string(end - p) +
               " bytes before the record does";
    return {};
}

} // namespace evtx::recover
