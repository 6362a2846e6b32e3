// A small hand-rolled EVTX writer for unit tests: a 4 KiB file header, 64 KiB
// chunks, event records and BinXML token streams, written byte by byte so a
// test controls (and can break) every field. Layouts follow
// ../shared/docs/evtx-format.md. BinXML names and template definitions are
// addressed by chunk offset, so the BinXML writers append straight into the
// chunk being built: pos() is always the chunk offset of the next byte.
#pragma once

#include "evtx/format/crc32.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

namespace evtxtest {

using ByteVec = std::vector<uint8_t>;

inline void putLE(ByteVec& b, uint64_t v, int n) {
    for (int i = 0; i < n; ++i)
        b.push_back(uint8_t(v >> (8 * i)));
}
inline void patchLE(ByteVec& b, size_t at, uint64_t v, int n) {
    for (int i = 0; i < n; ++i)
        b[at + size_t(i)] = uint8_t(v >> (8 * i));
}

// Value bytes.
inline ByteVec le(uint64_t v, int n) {
    ByteVec b;
    putLE(b, v, n);
    return b;
}
// UTF-16LE code units, optionally followed by a NUL unit.
inline ByteVec utf16(std::u16string_view s, bool nul = false) {
    ByteVec b;
    for (char16_t c : s)
        putLE(b, c, 2);
    if (nul) putLE(b, 0, 2);
    return b;
}

inline uint32_t chunkHeaderCrc(const ByteVec& c) {
    // Bytes 0..119 and 128..511: flags and the CRC itself are left out.
    return evtx::crc32(c.data() + 128, 384, evtx::crc32(c.data(), 120));
}
inline uint32_t chunkDataCrc(const ByteVec& c) {
    uint32_t freeSpace;
    std::memcpy(&freeSpace, c.data() + 48, 4);
    return evtx::crc32(c.data() + 512, freeSpace - 512);
}
// Recomputes both chunk checksums (after a test edited the chunk on purpose).
inline void fixChunkCrcs(ByteVec& c) {
    patchLE(c, 52, chunkDataCrc(c), 4);
    patchLE(c, 124, chunkHeaderCrc(c), 4);
}

// A 4096-byte file header announcing `chunkCount` chunks, with a valid CRC.
inline ByteVec fileHeader(uint16_t chunkCount, uint32_t flags = 0) {
    ByteVec h;
    for (char c : std::string_view("ElfFile\0", 8))
        h.push_back(uint8_t(c));
    putLE(h, 0, 8);                               // first chunk
    putLE(h, chunkCount ? chunkCount - 1 : 0, 8); // last chunk
    putLE(h, 1, 8);                               // next record id
    putLE(h, 128, 4);                             // header size
    putLE(h, 1, 2);                               // minor version
    putLE(h, 3, 2);                               // major version
    putLE(h, 4096, 2);                            // header block size
    putLE(h, chunkCount, 2);
    h.resize(4096, 0);
    patchLE(h, 120, flags, 4);
    patchLE(h, 124, evtx::crc32(h.data(), 120), 4);
    return h;
}

// File header followed by the given chunks (each normally 65536 bytes).
inline ByteVec makeFile(const std::vector<ByteVec>& chunks) {
    ByteVec f = fileHeader(uint16_t(chunks.size()));
    for (const ByteVec& c : chunks)
        f.insert(f.end(), c.begin(), c.end());
    return f;
}

// One value of a template instance: fixed bytes, or (for nested BinXML,
// whose inline names need their chunk offset) a writer called in place.
struct Val {
    uint8_t type;
    ByteVec bytes;
    std::function<void()> write = {};
};

class ChunkBuilder {
  public:
    ChunkBuilder() : c_(512, 0) {}

    size_t pos() const { return c_.size(); }
    ByteVec& bytes() { return c_; }
    void u8(uint8_t v) { c_.push_back(v); }
    void u16(uint16_t v) { putLE(c_, v, 2); }
    void u32(uint32_t v) { putLE(c_, v, 4); }
    void u64(uint64_t v) { putLE(c_, v, 8); }
    void raw(const ByteVec& b) { c_.insert(c_.end(), b.begin(), b.end()); }
    void raw(std::initializer_list<uint8_t> b) { c_.insert(c_.end(), b); }

    // --- records: header, then the caller's BinXML, then endRecord() ----
    size_t beginRecord(uint64_t id, uint64_t writtenTime = 0) {
        const size_t start = pos();
        lastRecord_ = uint32_t(start);
        u32(0x00002a2a);
        u32(0); // size, patched by endRecord
        u64(id);
        u64(writtenTime);
        return start;
    }
    void endRecord(size_t start) {
        const uint32_t size = uint32_t(pos() + 4 - start);
        u32(size);
        patchLE(c_, start + 4, size, 4);
    }

    // --- BinXML tokens ----------------------------------------------------
    void fragmentHeader() { raw({0x0f, 0x01, 0x01, 0x00}); }
    void endFragment() { u8(0x00); }

    // A name stored inline: its offset is the position right after the field.
    void name(std::u16string_view n) {
        u32(uint32_t(pos() + 4));
        u32(0); // next string in the hash chain
        u16(0); // hash (not checked by readers)
        u16(uint16_t(n.size()));
        raw(utf16(n, true));
    }

    // Open start element (0x01, or 0x41 with attributes). Template
    // definitions carry a dependency id; nested BinXML values do not.
    void open(std::u16string_view n, bool attrs = false, bool inTemplate = true) {
        u8(attrs ? 0x41 : 0x01);
        if (inTemplate) u16(0xFFFF);
        Open o{pos(), 0};
        u32(0); // data size, patched when the element ends
        name(n);
        if (attrs) {
            o.attrSize = pos();
            u32(0);
        }
        stack_.push_back(o);
    }
    void attr(std::u16string_view n, bool more = false) {
        u8(more ? 0x46 : 0x06);
        name(n);
    }
    void closeStart() {
        endAttrs();
        u8(0x02);
    }
    void closeEmpty() {
        endAttrs();
        u8(0x03);
        endOpen();
    }
    void end() {
        u8(0x04);
        endOpen();
    }
    void text(std::u16string_view s) {
        u8(0x05);
        u8(0x01);
        u16(uint16_t(s.size()));
        raw(utf16(s));
    }
    void subst(uint16_t index, uint8_t type, bool optional = false) {
        u8(optional ? 0x0e : 0x0d);
        u16(index);
        u8(type);
    }
    void cdata(std::u16string_view s) {
        u8(0x07);
        u16(uint16_t(s.size()));
        raw(utf16(s));
    }
    void charRef(uint16_t codePoint) {
        u8(0x08);
        u16(codePoint);
    }
    void entityRef(std::u16string_view n) {
        u8(0x09);
        name(n);
    }
    // Processing instruction: target token, then data token.
    void pi(std::u16string_view target, std::u16string_view data) {
        u8(0x0a);
        name(target);
        u8(0x0b);
        u16(uint16_t(data.size()));
        raw(utf16(data));
    }

    // Template instance whose definition follows inline; `body` writes the
    // definition's BinXML. Returns the definition's chunk offset.
    uint32_t templateInline(const std::array<uint8_t, 16>& guid,
                            const std::function<void()>& body) {
        u8(0x0c);
        u8(0x01);
        u32(0x4242); // template id (not used by readers)
        const uint32_t def = uint32_t(pos() + 4);
        u32(def);
        u32(0); // next definition
        raw(ByteVec(guid.begin(), guid.end()));
        const size_t sizeField = pos();
        u32(0);
        body();
        patchLE(c_, sizeField, pos() - (sizeField + 4), 4);
        return def;
    }
    // Template instance referring to a definition stored earlier.
    void templateRef(uint32_t def) {
        u8(0x0c);
        u8(0x01);
        u32(0x4242);
        u32(def);
    }
    // Value count, descriptors (u16 size, u8 type, u8 0), then the values.
    void values(const std::vector<Val>& vals) {
        u32(uint32_t(vals.size()));
        const size_t desc = pos();
        for (const Val& v : vals) {
            u16(uint16_t(v.bytes.size()));
            u8(v.type);
            u8(0);
        }
        for (size_t i = 0; i < vals.size(); ++i) {
            if (!vals[i].write) {
                raw(vals[i].bytes);
                continue;
            }
            const size_t start = pos();
            vals[i].write();
            patchLE(c_, desc + 4 * i, pos() - start, 2);
        }
    }

    // Fills in the chunk header (free space = current end) and checksums,
    // and returns the 65536-byte chunk.
    ByteVec finish(uint64_t firstId, uint64_t lastId) {
        ByteVec c = c_;
        const char magic[8] = {'E', 'l', 'f', 'C', 'h', 'n', 'k', '\0'};
        std::memcpy(c.data(), magic, 8);
        patchLE(c, 8, firstId, 8); // record numbers = ids here
        patchLE(c, 16, lastId, 8);
        patchLE(c, 24, firstId, 8);
        patchLE(c, 32, lastId, 8);
        patchLE(c, 40, 128, 4);
        patchLE(c, 44, lastRecord_, 4);
        patchLE(c, 48, c_.size(), 4);
        c.resize(65536, 0);
        fixChunkCrcs(c);
        return c;
    }

  private:
    struct Open {
        size_t dataSize;
        size_t attrSize;
    };
    void endAttrs() {
        Open& o = stack_.back();
        if (o.attrSize) patchLE(c_, o.attrSize, pos() - (o.attrSize + 4), 4);
        o.attrSize = 0;
    }
    void endOpen() {
        patchLE(c_, stack_.back().dataSize, pos() - (stack_.back().dataSize + 4), 4);
        stack_.pop_back();
    }

    ByteVec c_;
    std::vector<Open> stack_;
    uint32_t lastRecord_ = 0;
};

// A record without a template: <name>text</name> (names inline).
inline void simpleRecord(ChunkBuilder& b, uint64_t id, std::u16string_view name,
                         std::u16string_view text) {
    size_t r = b.beginRecord(id);
    b.fragmentHeader();
    b.open(name, false, false);
    b.closeStart();
    b.text(text);
    b.end();
    b.endFragment();
    b.endRecord(r);
}

// A record holding one template instance and its values. With def == 0 the
// definition (written by `body`: fragment header ... end of fragment) is
// stored inline, as on its first use in a chunk; otherwise the record refers
// to the definition at chunk offset `def`. Returns the definition's offset.
inline uint32_t templateRecord(ChunkBuilder& b, uint64_t id, uint32_t def,
                               const std::array<uint8_t, 16>& guid,
                               const std::function<void()>& body, const std::vector<Val>& vals,
                               uint64_t writtenTime = 0) {
    size_t r = b.beginRecord(id, writtenTime);
    b.fragmentHeader();
    if (def)
        b.templateRef(def);
    else
        def = b.templateInline(guid, body);
    b.values(vals);
    b.endFragment();
    b.endRecord(r);
    return def;
}

} // namespace evtxtest
