#include "evtx/format/file_header.hpp"

#include "evtx/format/crc32.hpp"

#include <cstring>

namespace evtx {

std::optional<FileHeader> parseFileHeader(Bytes file, std::string& error) {
    static constexpr char kMagic[8] = {'E', 'l', 'f', 'F', 'i', 'l', 'e', '\0'};
    if (file.size() < 128) {
        error = "not an EVTX file: " + std::to_string(file.size()) +
                " bytes is too short for a file header";
        return std::nullopt;
    }
    if (std::memcmp(file.data(), kMagic, 8) != 0) {
        error = "not an EVTX file: the file header magic is not 'ElfFile'";
        return std::nullopt;
    }
    const uint8_t* p = file.data();
    FileHeader h;
    h.firstChunk = loadLE<uint64_t>(p + 8);
    h.lastChunk = loadLE<uint64_t>(p + 16);
    h.nextRecordId = loadLE<uint64_t>(p + 24);
    h.headerSize = loadLE<uint32_t>(p + 32);
    h.minorVersion = loadLE<uint16_t>(p + 36);
    h.majorVersion = loadLE<uint16_t>(p + 38);
    h.headerBlockSize = loadLE<uint16_t>(p + 40);
    h.chunkCount = loadLE<uint16_t>(p + 42);
    h.flags = loadLE<uint32_t>(p + 120);
    h.storedCrc = loadLE<uint32_t>(p + 124);
    h.computedCrc = crc32(p, 120);
    return h;
}

bool hasChunkMagic(Bytes chunk) {
    static constexpr char kMagic[8] = {'E', 'l', 'f', 'C', 'h', 'n', 'k', '\0'};
    return chunk.size() >= 8 && std::memcmp(chunk.data(), kMagic, 8) == 0;
}

ChunkHeader parseChunkHeader(Bytes chunk) {
    const uint8_t* p = chunk.data();
    ChunkHeader h;
    h.firstRecordNumber = loadLE<uint64_t>(p + 8);
    h.lastRecordNumber = loadLE<uint64_t>(p + 16);
    h.firstRecordId = loadLE<uint64_t>(p + 24);
    h.lastRecordId = loadLE<uint64_t>(p + 32);
    h.headerSize = loadLE<uint32_t>(p + 40);
    h.lastRecordOffset = loadLE<uint32_t>(p + 44);
    h.freeSpaceOffset = loadLE<uint32_t>(p + 48);
    h.dataCrc = loadLE<uint32_t>(p + 52);
    h.flags = loadLE<uint32_t>(p + 120);
    h.headerCrc = loadLE<uint32_t>(p + 124);
    return h;
}

uint32_t computeChunkHeaderCrc(Bytes chunk) {
    uint32_t c = crc32(chunk.data(), 120);
    return crc32(chunk.data() + 128, kChunkHeaderSize - 128, c);
}

uint32_t computeChunkDataCrc(Bytes chunk, const ChunkHeader& h) {
    size_t end = h.freeSpaceOffset;
    if (end < kChunkHeaderSize) end = kChunkHeaderSize;
    if (end > chunk.size()) end = chunk.size();
    return crc32(chunk.data() + kChunkHeaderSize, end - kChunkHeaderSize);
}

} // namespace evtx
