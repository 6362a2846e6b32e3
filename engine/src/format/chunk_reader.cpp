#include "evtx/format/chunk_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace evtx {

uint64_t chunkCountOf(Bytes file) {
    return file.size() <= kFileHeaderBlock
               ? 0
               : (file.size() - kFileHeaderBlock + kChunkSize - 1) / kChunkSize;
}

Bytes chunkBytesOf(Bytes file, uint64_t index) {
    const size_t base = kFileHeaderBlock + index * kChunkSize;
    return file.subspan(base, std::min<size_t>(kChunkSize, file.size() - base));
}
namespace {
std::string bytesList(const uint8_t* p, size_t n) {
    std::string s = "[";
    char buf[8];
    for (size_t i = 0; i < n; ++i) {
        std::snprintf(buf, sizeof buf, "%s%2X", i ? ", " : "", p[i]);
        s += buf;
    }
    return s + "]";
}
} // namespace

ChunkReader::ChunkReader(Bytes chunk, bool validateChecksums) : chunk_(chunk) {
    if (chunk.size() < kChunkHeaderSize) {
        error_ = "chunk is only " + std::to_string(chunk.size()) + " bytes";
        return;
    }
    if (!hasChunkMagic(chunk)) {
        error_ = "invalid chunk header magic, expected `ElfChnk\\0`, found `" +
                 bytesList(chunk.data(), 8) + "`";
        return;
    }
    header_ = parseChunkHeader(chunk);
    if (validateChecksums) {
        headerCrcOk_ = computeChunkHeaderCrc(chunk) == header_.headerCrc;
        dataCrcOk_ = computeChunkDataCrc(chunk, header_) == header_.dataCrc;
        if (!headerCrcOk_)
            error_ = "chunk header checksum mismatch";
        else if (!dataCrcOk_)
            error_ = "chunk data checksum mismatch";
    }
}

ChunkReader::Step ChunkReader::next(RecordHeader& rec, std::string& error) {
    if (done_ || !ok()) return Step::End;
    const size_t end = std::min<size_t>(header_.freeSpaceOffset, chunk_.size());
    if (offset_ >= end) {
        done_ = true;
        return Step::End;
    }
    if (offset_ + 24 > chunk_.size()) {
        done_ = true;
        error = "record header at chunk offset " + std::to_string(offset_) + " runs past the chunk";
        brokeOff_ = true;
        return Step::Error;
    }
    const uint8_t* p = chunk_.data() + offset_;
    static constexpr uint8_t kMagic[4] = {0x2a, 0x2a, 0, 0};
    if (std::memcmp(p, kMagic, 4) != 0) {
        done_ = true;
        // Zeroed space where a record should be: the used part of a chunk
        // ends early (a log closed uncleanly); not an error, as in the reference.
        if (loadLE<uint32_t>(p) == 0) return Step::End;
        error = "invalid record header magic at chunk offset " + std::to_string(offset_) +
                ", expected `2a2a0000`, found `" + bytesList(p, 4) + "`";
        brokeOff_ = true;
        return Step::Error;
    }
    rec.offset = offset_;
    rec.size = loadLE<uint32_t>(p + 4);
    rec.id = loadLE<uint64_t>(p + 8);
    rec.writtenTime = loadLE<uint64_t>(p + 16);
    if (rec.size < 28) {
        done_ = true;
        error = "record " + std::to_string(rec.id) + " at chunk offset " + std::to_string(offset_) +
                " has data size " + std::to_string(rec.size) + ", less than the 28-byte minimum";
        brokeOff_ = true;
        return Step::Error;
    }
    if (offset_ + rec.size > chunk_.size()) {
        done_ = true;
        error = "record " + std::to_string(rec.id) + " at chunk offset " + std::to_string(offset_) +
                " has size " + std::to_string(rec.size) + " that runs past the chunk";
        brokeOff_ = true;
        return Step::Error;
    }
    lastRecord_ = offset_;
    offset_ += rec.size;
    // The header names the chunk's last record; anything after it is slack.
    if (rec.id == header_.lastRecordId) done_ = true;
    return Step::Record;
}

} // namespace evtx
