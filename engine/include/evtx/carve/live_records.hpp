// The records the normal walk reads, located by id: what recovery compares a
// carved record against (a copy of a live record is not written again; one
// that reuses a live id with other content is marked) and where the window
// of plausible times ends.
#pragma once

#include "evtx/format/bytes.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace evtx {

struct LiveRecordRef {
    uint64_t id = 0;
    uint32_t chunk = 0;
    uint32_t offset = 0; // chunk offset of the record header
    uint32_t size = 0;   // the whole record
};

class LiveRecords {
  public:
    // Walks the record headers of every chunk the dump reads (same rules as
    // openChunk); records are not parsed. `chunkDone`, when set, gets each
    // chunk's bytes once walked (a viewer releases their pages there). Stops
    // early, with what it has, when `cancel` becomes true.
    static LiveRecords scan(Bytes file, bool validateChecksums,
                            const std::function<void(Bytes)>& chunkDone = {},
                            const std::atomic<bool>* cancel = nullptr);

    std::span<const LiveRecordRef> withId(uint64_t id) const;
    // The newest record header written time, 0 when no record was read.
    uint64_t newestWrittenTime() const { return newest_; }
    size_t size() const { return refs_.size(); }

  private:
    std::vector<LiveRecordRef> refs_; // sorted by id
    uint64_t newest_ = 0;
};

} // namespace evtx
