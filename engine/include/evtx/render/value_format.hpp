// Writes BinXML values as text: XML text, JSON strings and numbers, and the
// individual formatters behind them.
#pragma once

#include "evtx/binxml/value.hpp"
#include "evtx/text/out_buffer.hpp"
#include "evtx/text/text.hpp"

#include <cstdint>

namespace evtx {

// Writes the text form of a non-array value (as XML text / JSON string body).
void writeValueText(OutBuffer& out, const Value& v, Escape mode, const AnsiCodec& ansi);

// Writes one JSON value: number, bool, quoted string or (arrays) a list.
void writeValueJson(OutBuffer& out, const Value& v, const AnsiCodec& ansi);

// Is this (non-array) type written as a bare JSON number/bool?
bool isJsonBare(uint8_t type);

// Individual formatters (exposed for tests and micro-benchmarks).
void formatFileTime(OutBuffer& out, uint64_t ticks);
bool formatSystemTime(OutBuffer& out, const uint8_t* p); // false if invalid
void formatGuid(OutBuffer& out, const uint8_t* p);
void formatSid(OutBuffer& out, const uint8_t* p, size_t n);
void formatHex(OutBuffer& out, uint64_t v);
void formatUnsigned(OutBuffer& out, uint64_t v);
void formatSigned(OutBuffer& out, int64_t v);
void formatReal(OutBuffer& out, double v, bool isFloat32);

} // namespace evtx
