// The built-in knowledge compiled at build time: engine/tools/knowledge_pack
// loads resources/knowledge/*.yaml and writes these bytes, which the
// binaries embed and read at start (parsing the YAML took ~25 ms per run).
#pragma once

#include "evtx/knowledge/knowledge_base.hpp"

#include <string>
#include <string_view>

namespace evtx::knowledge {

std::string packKnowledge(const KnowledgeBase& kb);
// False (and `error`) when the bytes are not a pack of this version.
bool unpackKnowledge(std::string_view bytes, KnowledgeBase& kb, std::string& error);

} // namespace evtx::knowledge
