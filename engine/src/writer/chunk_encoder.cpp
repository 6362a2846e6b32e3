#include "writer/chunk_encoder.hpp"

#include "evtx/format/crc32.hpp"
#include "evtx/format/file_header.hpp"
#include "writer/binxml_encoder.hpp"

#include <cstring>

namespace evtx::writer {
namespace {

constexpr uint32_t kRecordMagic = 0x00002a2a;
constexpr size_t kStringTable = 128;   // 64 x u32
constexpr size_t kTemplateTable = 384; // 32 x u32

} // namespace

uint16_t nameHash(std::u16string_view name) {
    uint32_t h = 0;
    for (char16_t u : name)
        h = h * 65599u + u;
    return uint16_t(h);
}

ChunkEncoder::ChunkEncoder() : buf_(kChunkHeaderSize, 0) {
    buf_.reserve(kChunkSize);
}

void ChunkEncoder::utf16(std::u16string_view s) {
    for (char16_t u : s)
        putLE(u, 2);
}

void ChunkEncoder::patch16(uint32_t at, uint16_t v) {
    buf_[at] = uint8_t(v);
    buf_[at + 1] = uint8_t(v >> 8);
}

void ChunkEncoder::patch32(uint32_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i)
        buf_[at + uint32_t(i)] = uint8_t(v >> (8 * i));
}

void ChunkEncoder::name(std::string_view utf8) {
    std::u16string n = toUtf16(utf8);
    if (auto it = names_.find(n); it != names_.end()) {
        u32(it->second);
        return;
    }
    // Inline: the offset names the position right after the field. The
    // string joins the head of its hash bucket's chain.
    const uint32_t at = pos() + 4;
    const uint16_t hash = nameHash(n);
    u32(at);
    u32(heads_[hash % 64]);
    u16(hash);
    u16(uint16_t(n.size()));
    utf16(n);
    u16(0);
    heads_[hash % 64] = at;
    newNames_.push_back(n);
    names_.emplace(std::move(n), at);
}

uint32_t ChunkEncoder::templateOffset(const Guid& guid) const {
    auto it = templates_.find(guid);
    return it == templates_.end() ? 0 : it->second;
}

uint32_t ChunkEncoder::addTemplate(const Guid& guid, uint32_t offset) {
    // Bucket by the GUID's first 32 bits (the template id written with
    // every instance).
    uint32_t id;
    std::memcpy(&id, guid.bytes.data(), 4);
    uint32_t& head = heads_[64 + id % 32];
    const uint32_t next = head;
    head = offset;
    templates_.emplace(guid, offset);
    newTemplates_.push_back(guid);
    ++definitions_;
    return next;
}

void ChunkEncoder::rollback(size_t mark, const std::array<uint32_t, 96>& heads) {
    buf_.resize(mark);
    heads_ = heads;
    for (const auto& n : newNames_)
        names_.erase(n);
    for (const auto& g : newTemplates_)
        templates_.erase(g);
    definitions_ -= newTemplates_.size();
}

ChunkEncoder::Result ChunkEncoder::append(uint64_t id, const Event& event, std::string& error) {
    const size_t mark = buf_.size();
    const auto heads = heads_;
    newNames_.clear();
    newTemplates_.clear();

    u32(kRecordMagic);
    u32(0); // size, patched below
    u64(id);
    u64(event.writtenTime);
    error = BinXmlEncoder(*this).fragment(event.body);
    if (!error.empty()) {
        rollback(mark, heads);
        return Result::Invalid;
    }
    const uint32_t size = uint32_t(buf_.size() + 4 - mark);
    u32(size);
    if (buf_.size() > kChunkSize) {
        rollback(mark, heads);
        return Result::Full;
    }
    patch32(uint32_t(mark + 4), size);
    if (records_++ == 0) firstId_ = id;
    lastId_ = id;
    lastRecord_ = uint32_t(mark);
    return Result::Ok;
}

std::vector<uint8_t> ChunkEncoder::finish() const {
    std::vector<uint8_t> c = buf_;
    c.resize(kChunkSize, 0);
    auto put = [&](size_t at, uint64_t v, int n) {
        for (int i = 0; i < n; ++i)
            c[at + size_t(i)] = uint8_t(v >> (8 * i));
    };
    std::memcpy(c.data(), "ElfChnk", 8); // with its NUL
    put(8, firstId_, 8);                 // record numbers equal ids here
    put(16, lastId_, 8);
    put(24, firstId_, 8);
    put(32, lastId_, 8);
    put(40, 128, 4);
    put(44, lastRecord_, 4);
    put(48, buf_.size(), 4);
    for (size_t i = 0; i < 64; ++i)
        put(kStringTable + 4 * i, heads_[i], 4);
    for (size_t i = 0; i < 32; ++i)
        put(kTemplateTable + 4 * i, heads_[64 + i], 4);
    put(52, crc32(c.data() + kChunkHeaderSize, buf_.size() - kChunkHeaderSize), 4);
    // The header checksum leaves out the flags (120) and itself (124).
    put(124, crc32(c.data() + 128, 384, crc32(c.data(), 120)), 4);
    return c;
}

} // namespace evtx::writer
