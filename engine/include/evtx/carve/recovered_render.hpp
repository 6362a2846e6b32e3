// Text of recovered records (evtxdump --recover; format in README): the
// usual rendering plus a marker saying where the record was found, and for
// a record whose template is lost its raw values:
//   JSON  {"Event":{...},"#recovered":{"source":"slack","chunk":3,"file_offset":4660}}
//         plus "partial":true,"reason":"..." for a record whose template is lost
//         and "conflicts_with_live":true for one reusing a live record's id
//         template lost: "Event":{"#template_lost":{"TemplateOffset":N,
//         "TemplateGuid":"..."|null,"Reason":"..."},"Values":[{"Type":"UInt16","Value":7},...]}
//   XML   a comment after the XML declaration; template lost:
//         <Event><TemplateLost .../><Value Index="0" Type="UInt16">7</Value>...</Event>
//         (the comment says "partial" and "conflicts with a live record" too)
#pragma once

#include "evtx/carve/carve.hpp"
#include "evtx/render/render.hpp"
#include "evtx/text/out_buffer.hpp"

namespace evtx {

struct RecoveredLocation {
    uint64_t chunk = 0;      // 0-based chunk number
    uint64_t fileOffset = 0; // of the record
    RecoverySource source = RecoverySource::Slack;
    const std::string* partialReason = nullptr; // set: partial (template lost)
    bool conflictsWithLive = false;

    // Where `r`, carved from chunk `chunk` at `fileOffset`, was found.
    static RecoveredLocation of(const RecoveredRecord& r, uint64_t chunk, uint64_t fileOffset);
};

// The record's values as stored, for a record whose template is lost.
void renderRawJson(OutBuffer& out, const RawTemplateInstance& raw, const RenderOptions& opt);
void renderRawXml(OutBuffer& out, const RawTemplateInstance& raw, const RenderOptions& opt);

// Adds the marker to a rendered record that starts at `recordStart` in
// `out`: JSON gains the top-level "#recovered" key, XML a comment line. A
// rendering that is not one non-empty JSON object is replaced by
// {"#recovered":{...}} so that the line always parses.
void markRecoveredJson(OutBuffer& out, size_t recordStart, const RecoveredLocation& where);
void markRecoveredXml(OutBuffer& out, size_t recordStart, const RecoveredLocation& where);

// The name of a value type ("UInt16", "String[]"), or "0x2a" for unknown.
std::string valueTypeName(uint8_t type);

} // namespace evtx
