// The Sigma modifiers that rewrite a value before it is matched: UTF-16
// encodings, base64 (plain and at the three offsets) and windash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace evtx::sigma {

std::string base64(std::string_view bytes);
// The parts of base64 that stay the same wherever the value sits in a
// longer encoded text (its three alignments).
std::vector<std::string> base64Offsets(std::string_view bytes);
// UTF-8 to UTF-16 bytes (little or big endian); `bom` adds the byte order mark.
std::string utf16(std::string_view utf8, bool bigEndian, bool bom);
// Each variant with the leading `-` or `/` of options (at the start, or
// after a space) replaced by `-`, `/`, en dash, em dash, horizontal bar.
std::vector<std::string> windashVariants(std::string_view value);

} // namespace evtx::sigma
