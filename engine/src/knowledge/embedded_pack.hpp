// The knowledge pack compiled into the binary (engine/tools/knowledge_pack
// writes it at build time; engine/cmake/embed_knowledge.cmake embeds it).
#pragma once

#include <string_view>

namespace evtx::knowledge {

std::string_view embeddedKnowledgePack();

} // namespace evtx::knowledge
