// The UTF-16LE -> UTF-8 transcoder behind writeUtf16, for callers that
// write into their own buffer: room for the worst case, 3 bytes per unit
// without escaping and 6 with (whole vectors are stored inside it).
#pragma once

#include "evtx/text/text.hpp"

#include <cstddef>
#include <cstdint>

namespace evtx::detail {

char* transcodeUtf16(char* d, const uint8_t* p, size_t units, Escape mode, bool stopAtNul);

// The same for one mode, without the dispatch (compiled record shapes know
// each slot's mode).
char* transcodeUtf16None(char* d, const uint8_t* p, size_t units, bool stopAtNul);
char* transcodeUtf16Xml(char* d, const uint8_t* p, size_t units, bool stopAtNul);
char* transcodeUtf16XmlAttr(char* d, const uint8_t* p, size_t units, bool stopAtNul);
char* transcodeUtf16Json(char* d, const uint8_t* p, size_t units, bool stopAtNul);

} // namespace evtx::detail
