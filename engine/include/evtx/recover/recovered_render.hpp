// Text of recovered records (evtxdump --recover; format in README): the
// usual rendering plus a marker saying where the record was found, and for
// a record whose template is lost its raw values:
//   JSON  {"Event":{...},"#recovered":{"source":"slack","chunk":3,"file_offset":4660}}
//         template lost: "Event":{"#template_lost":{"TemplateOffset":N,
//         "TemplateGuid":"..."|null,"Reason":"..."},"Values":[{"Type":"UInt16","Value":7},...]}
//   XML   a comment after the XML declaration; template lost:
//         <Event><TemplateLost .../><Value Index="0" Type="UInt16">7</Value>...</Event>
#pragma once

#include "evtx/out_buffer.hpp"
#include "evtx/recover/carve.hpp"
#include "evtx/render.hpp"

namespace evtx {

struct RecoveredLocation {
    uint64_t chunk = 0;      // 0-based chunk number
    uint64_t fileOffset = 0; // of the record
    RecoverySource source = RecoverySource::Slack;
};

// The record's values as stored, for a record whose template is lost.
void renderRawJson(OutBuffer& out, const RawTemplateInstance& raw, const RenderOptions& opt);
void renderRawXml(OutBuffer& out, const RawTemplateInstance& raw, const RenderOptions& opt);

// Adds the marker to a rendered record that starts at `recordStart` in
// `out`: JSON gains the top-level "#recovered" key, XML a comment line.
void markRecoveredJson(OutBuffer& out, size_t recordStart, const RecoveredLocation& where);
void markRecoveredXml(OutBuffer& out, size_t recordStart, const RecoveredLocation& where);

// The name of a value type ("UInt16", "String[]"), or "0x2a" for unknown.
std::string valueTypeName(uint8_t type);

} // namespace evtx
