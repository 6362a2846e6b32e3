// One 64 KiB chunk being filled: the record area (built as a growing byte
// buffer whose index is the chunk offset), the string table of names and
// the template table, and the chunk header written when it is closed. A
// record that does not fit is rolled back, leaving the chunk as it was.
#pragma once

#include "evtx/writer/value.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace evtx::writer {

class ChunkEncoder {
  public:
    ChunkEncoder();

    enum class Result { Ok, Full, Invalid };
    // Appends a record; on Full (it does not fit) or Invalid (see `error`)
    // the chunk is unchanged.
    Result append(uint64_t id, const Event& event, std::string& error);

    bool empty() const { return records_ == 0; }
    uint64_t definitionsWritten() const { return definitions_; }
    // The finished chunk: header, tables and checksums filled, 65,536 bytes.
    std::vector<uint8_t> finish() const;

    // --- used by the BinXML encoder -------------------------------------
    uint32_t pos() const { return uint32_t(buf_.size()); }
    void u8(uint8_t v) { buf_.push_back(v); }
    void u16(uint16_t v) { putLE(v, 2); }
    void u32(uint32_t v) { putLE(v, 4); }
    void u64(uint64_t v) { putLE(v, 8); }
    void raw(const uint8_t* p, size_t n) { buf_.insert(buf_.end(), p, p + n); }
    void utf16(std::u16string_view s);
    void patch16(uint32_t at, uint16_t v);
    void patch32(uint32_t at, uint32_t v);

    // Writes a name field: the offset of the name stored earlier in the
    // chunk, or the name itself right here the first time it is used.
    void name(std::string_view utf8);
    // Chunk offset of the template's definition, 0 when not yet in the chunk.
    uint32_t templateOffset(const Guid& guid) const;
    // Registers a definition about to be written at `offset`; returns the
    // "next definition" link to store in it (the bucket's previous head).
    uint32_t addTemplate(const Guid& guid, uint32_t offset);

  private:
    void putLE(uint64_t v, int n) {
        for (int i = 0; i < n; ++i)
            buf_.push_back(uint8_t(v >> (8 * i)));
    }
    void rollback(size_t mark, const std::array<uint32_t, 96>& heads);

    std::vector<uint8_t> buf_;
    // Heads of the 64 string buckets, then the 32 template buckets.
    std::array<uint32_t, 96> heads_{};
    std::unordered_map<std::u16string, uint32_t> names_;
    std::map<Guid, uint32_t> templates_;
    // Entries added by the record being written, dropped on rollback.
    std::vector<std::u16string> newNames_;
    std::vector<Guid> newTemplates_;
    uint64_t firstId_ = 0, lastId_ = 0, records_ = 0, definitions_ = 0;
    uint32_t lastRecord_ = 0;
};

// The u16 hash stored with a name (hash = hash * 65599 + unit, low 16 bits);
// its value modulo 64 picks the string bucket.
uint16_t nameHash(std::u16string_view name);

} // namespace evtx::writer
