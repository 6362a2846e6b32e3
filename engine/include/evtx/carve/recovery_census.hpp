// How many records recovery would add to a file, without rendering them:
// what lets a viewer offer "Show N recovered records" while showing only
// the live ones.
#pragma once

#include "evtx/format/bytes.hpp"

#include <atomic>
#include <cstdint>
#include <functional>

namespace evtx {

struct RecoveryCensus {
    uint64_t recovered = 0;         // what evtxdump --recover writes
    uint64_t partial = 0;           // of them: template lost
    uint64_t conflictsWithLive = 0; // of them: a live id, other content
    uint64_t copiesOfLive = 0;      // not written
    uint64_t rejected = 0;          // not written: not plausible events
    bool cancelled = false;
};

// Carves every chunk as the dump does with --recover (same chunks, same
// rules); stops early, with `cancelled` set, when `cancel` becomes true.
// `chunkDone`, when set, gets each chunk's bytes after each of the two
// passes over it (a viewer releases their pages there).
RecoveryCensus countRecoverable(Bytes file, bool validateChecksums,
                                const std::atomic<bool>* cancel = nullptr,
                                const std::function<void(Bytes)>& chunkDone = {});

} // namespace evtx
