// The 4 KiB file header and the 64 KiB chunk header (evtx-format.md).
#pragma once

#include "evtx/format/bytes.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace evtx {

inline constexpr size_t kFileHeaderBlock = 4096;
inline constexpr size_t kChunkSize = 65536;
inline constexpr size_t kChunkHeaderSize = 512;

struct FileHeader {
    uint64_t firstChunk = 0;
    uint64_t lastChunk = 0;
    uint64_t nextRecordId = 0;
    uint32_t headerSize = 0;
    uint16_t minorVersion = 0;
    uint16_t majorVersion = 0;
    uint16_t headerBlockSize = 0;
    uint16_t chunkCount = 0;
    uint32_t flags = 0;
    uint32_t storedCrc = 0;
    uint32_t computedCrc = 0;

    bool isDirty() const { return flags & 0x1; }
    bool isFull() const { return flags & 0x2; }
    bool crcMatches() const { return storedCrc == computedCrc; }
};

// Parses the file header; fails (with a one-line reason) when the data is too
// short or the magic is not "ElfFile\0".
std::optional<FileHeader> parseFileHeader(Bytes file, std::string& error);

struct ChunkHeader {
    uint64_t firstRecordNumber = 0;
    uint64_t lastRecordNumber = 0;
    uint64_t firstRecordId = 0;
    uint64_t lastRecordId = 0;
    uint32_t headerSize = 0;
    uint32_t lastRecordOffset = 0;
    uint32_t freeSpaceOffset = 0;
    uint32_t dataCrc = 0;
    uint32_t flags = 0;
    uint32_t headerCrc = 0;
};

bool hasChunkMagic(Bytes chunk);
ChunkHeader parseChunkHeader(Bytes chunk); // caller checked size >= 512
uint32_t computeChunkHeaderCrc(Bytes chunk);
uint32_t computeChunkDataCrc(Bytes chunk, const ChunkHeader& h);

} // namespace evtx
