// The chunk-level rules evtxdump and the viewer's index share, so that both
// report the same errors at the same offsets and read the same records.
#pragma once

#include "evtx/format/chunk_reader.hpp"
#include "evtx/format/dump_error.hpp"

#include <optional>
#include <vector>

namespace evtx {

struct OpenedChunk {
    enum class State {
        Unused,   // all zeros: space a log has not used yet, not an error
        TooShort, // a partial last chunk without a whole header (reported)
        Damaged,  // the header does not check out (reported; may be carved)
        Readable, // `reader` walks its records (a partial one was reported)
    };
    State state = State::Unused;
    Bytes bytes;           // the chunk's bytes; the last may be partial
    size_t fileOffset = 0; // where they start in the file
    std::optional<ChunkReader> reader;
};

// Opens chunk `index` (< chunkCountOf(file)), adding what is wrong with it
// to `errors`.
OpenedChunk openChunk(Bytes file, uint64_t index, bool validateChecksums,
                      std::vector<DumpError>& errors);

} // namespace evtx
