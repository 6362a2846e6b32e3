// Validates a 64 KiB chunk and walks its event records.
#pragma once

#include "evtx/format/bytes.hpp"
#include "evtx/format/file_header.hpp"

#include <string>

namespace evtx {

struct RecordHeader {
    size_t offset = 0;        // chunk offset of the record
    uint32_t size = 0;        // whole record, header and trailing size copy included
    uint64_t id = 0;          // event record identifier
    uint64_t writtenTime = 0; // FILETIME
    size_t binxmlBegin() const { return offset + 24; }
    size_t binxmlEnd() const { return offset + size - 4; }
};

// Number of 64 KiB chunks after the file header; a partial block at the end
// (a truncated file) counts, so that its loss is reported and its intact
// records are still read.
uint64_t chunkCountOf(Bytes file);
// The bytes of chunk `index` (< chunkCountOf(file)); the last may be partial.
Bytes chunkBytesOf(Bytes file, uint64_t index);

class ChunkReader {
  public:
    // `chunk` is the chunk's bytes (normally 65536). Check ok() before walking.
    ChunkReader(Bytes chunk, bool validateChecksums);

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    const ChunkHeader& header() const { return header_; }
    Bytes bytes() const { return chunk_; }
    bool headerCrcOk() const { return headerCrcOk_; }
    bool dataCrcOk() const { return dataCrcOk_; }
    size_t position() const { return offset_; } // chunk offset of the next record
    // The walk ended on bytes that are not a record (next() said Error).
    bool brokeOff() const { return brokeOff_; }
    // Chunk offset of the last record next() returned (0: none yet).
    size_t lastRecordOffset() const { return lastRecord_; }

    enum class Step { Record, Error, End };
    // Next record header; on Error, `error` says why and the walk has ended
    // (records are found by walking sizes, so nothing after can be trusted).
    Step next(RecordHeader& rec, std::string& error);

  private:
    Bytes chunk_;
    ChunkHeader header_;
    std::string error_;
    bool headerCrcOk_ = true;
    bool dataCrcOk_ = true;
    size_t offset_ = kChunkHeaderSize;
    size_t lastRecord_ = 0;
    bool done_ = false;
    bool brokeOff_ = false;
};

} // namespace evtx
