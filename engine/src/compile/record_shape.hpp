// The shape of a parsed record: everything besides the value bytes that the
// XML and JSON renderers' output depends on.
#pragma once

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/compile/record_renderer.hpp"

#include <string>

namespace evtx {

// Writes the record's shape into `key`. Returns false for records not worth
// compiling (raw text-heavy fragments, literals, very long arrays): those
// are rendered directly.
bool buildShapeKey(const RecordTree& tree, std::string& key);

} // namespace evtx
