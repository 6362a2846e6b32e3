#include "evtx/format/chunk_opening.hpp"

#include <algorithm>
#include <string>

namespace evtx {

OpenedChunk openChunk(Bytes file, uint64_t index, bool validateChecksums,
                      std::vector<DumpError>& errors) {
    OpenedChunk c;
    c.bytes = chunkBytesOf(file, index);
    c.fileOffset = kFileHeaderBlock + index * kChunkSize;
    auto allZero = [&] {
        return std::all_of(c.bytes.begin(), c.bytes.end(), [](uint8_t b) { return b == 0; });
    };
    if (c.bytes.size() < kChunkSize) {
        if (allZero()) return c;
        errors.push_back(DumpError{index, c.fileOffset, std::nullopt,
                                   "incomplete chunk: the file ends after " +
                                       std::to_string(c.bytes.size()) + " of " +
                                       std::to_string(kChunkSize) + " bytes"});
        if (c.bytes.size() < kChunkHeaderSize) {
            c.state = OpenedChunk::State::TooShort;
            return c;
        }
    }
    c.reader.emplace(c.bytes, validateChecksums);
    if (c.reader->ok()) {
        c.state = OpenedChunk::State::Readable;
        return c;
    }
    if (allZero()) return c;
    errors.push_back(DumpError{index, c.fileOffset, std::nullopt, c.reader->error()});
    c.reader.reset();
    c.state = OpenedChunk::State::Damaged;
    return c;
}

} // namespace evtx
