// The UTF-16LE -> UTF-8 transcoder behind writeUtf16, for callers that
// write into their own buffer (at least 6 bytes per unit of space).
#pragma once

#include "evtx/text.hpp"

#include <cstddef>
#include <cstdint>

namespace evtx::detail {

char* transcodeUtf16(char* d, const uint8_t* p, size_t units, Escape mode, bool stopAtNul);

} // namespace evtx::detail
