// The sample log the file-based micro-benchmarks read: one chunk from the
// middle of the file named by $EVTX_MICRO_BENCH_FILE (default: the canonical
// security-32mb.evtx of PERF.md), mapped once per process.
#pragma once

#include "evtx/format/bytes.hpp"
#include "evtx/format/chunk_reader.hpp"

#include <string>
#include <vector>

namespace bench {

struct SampleChunk {
    std::string path;
    size_t index = 0;                        // chunk number in the file
    evtx::Bytes bytes;                       // the chunk's 64 KiB
    std::vector<evtx::RecordHeader> records; // every record the walk found
};

// The chunk, or null with `error` saying why (file absent, unreadable, or
// no chunk with records).
const SampleChunk* sampleChunk(std::string& error);

} // namespace bench
