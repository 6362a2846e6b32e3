// Loads one knowledge file (the YAML format of resources/knowledge/README.md)
// into a knowledge base.
#pragma once

#include "evtx/knowledge/knowledge_base.hpp"

#include <string_view>
#include <vector>

namespace evtx::knowledge {

std::vector<LoadProblem> loadKnowledgeText(KnowledgeBase& kb, std::string_view yaml,
                                           std::string_view sourceName);

} // namespace evtx::knowledge
