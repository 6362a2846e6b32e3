// The knowledge files' template text: literal text with "{Field}",
// "{Field:meaning}" and "{/Event/...}" placeholders; "{{" and "}}" are braces.
#pragma once

#include "evtx/knowledge/knowledge_base.hpp"

#include <string>
#include <string_view>

namespace evtx::knowledge {

// Compiles `text`; false with `error` set when a placeholder is malformed.
bool parseBraceTemplate(std::string_view text, TextTemplate& out, std::string& error);

} // namespace evtx::knowledge
