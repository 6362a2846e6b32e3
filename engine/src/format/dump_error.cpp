#include "evtx/format/dump_error.hpp"

#include <cstdio>

namespace evtx {

std::string DumpError::toString() const {
    char where[96];
    if (recordId)
        std::snprintf(where, sizeof where, "chunk %llu, record %llu (file offset 0x%llx)",
                      (unsigned long long)chunk, (unsigned long long)*recordId,
                      (unsigned long long)fileOffset);
    else
        std::snprintf(where, sizeof where, "chunk %llu (file offset 0x%llx)",
                      (unsigned long long)chunk, (unsigned long long)fileOffset);
    return std::string(where) + ": " + reason;
}

} // namespace evtx
