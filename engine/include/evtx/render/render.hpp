// Renders a parsed record (RecordTree) as XML or JSON text, matching the
// conventions of the reference evtx_dump (docs/json-output.md).
#pragma once

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/render/value_format.hpp"
#include "evtx/text/out_buffer.hpp"
#include "evtx/text/text.hpp"

namespace evtx {

struct RenderOptions {
    bool indent = true; // XML: two spaces per level
    bool separateJsonAttributes = false;
    const AnsiCodec* ansi = &AnsiCodec::windows1252();
};

// Appends `<?xml ...?>` and the event, ending with a newline.
void renderXml(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt);

// Appends one compact JSON object (no trailing newline).
void renderJson(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt);

} // namespace evtx
