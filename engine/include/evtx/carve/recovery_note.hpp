// A carved candidate recovery did not write, and why: what evtxdump prints
// on stderr and the integrity report lists.
#pragma once

#include <cstdint>
#include <string>

namespace evtx {

struct RecoveryNote {
    enum class Kind { Rejected, CopyOfLive };
    Kind kind = Kind::Rejected;
    uint64_t chunk = 0;
    uint64_t fileOffset = 0;
    uint64_t recordId = 0; // from the candidate's record header
    std::string reason;

    // "chunk 3 (file offset 0x31270), record 17: not written: <reason>"
    std::string toString() const;
};

} // namespace evtx
