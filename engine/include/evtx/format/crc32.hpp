// CRC-32 (IEEE 802.3, reflected 0xEDB88320), as used by EVTX headers.
#pragma once

#include <cstddef>
#include <cstdint>

namespace evtx {

uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc = 0);

} // namespace evtx
