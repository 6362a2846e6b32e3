// What cannot be read in a file, and where: reported by the chunk opening
// rules (evtx/format/chunk_opening.hpp), evtxdump and the viewer's index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace evtx {

struct DumpError {
    uint64_t chunk = 0;               // chunk number, 0-based
    uint64_t fileOffset = 0;          // where the damaged structure starts
    std::optional<uint64_t> recordId; // when the record header was readable
    std::string reason;

    std::string toString() const;
};

} // namespace evtx
