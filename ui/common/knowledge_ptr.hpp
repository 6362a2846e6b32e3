// The knowledge base the table, details and export describe events with,
// shared with the background work that reads it (knowledge/knowledge_source
// swaps in a new one when the user's maps folder loads).
#pragma once

#include "evtx/knowledge/knowledge_base.hpp"

#include <memory>

namespace evtxui {

using KnowledgePtr = std::shared_ptr<const evtx::knowledge::KnowledgeBase>;

// The built-in knowledge base as a KnowledgePtr (it lives as long as the
// program: the pointer does not own it).
inline KnowledgePtr builtInKnowledge() {
    static const KnowledgePtr kb(&evtx::knowledge::KnowledgeBase::builtIn(),
                                 [](const evtx::knowledge::KnowledgeBase*) {});
    return kb;
}

} // namespace evtxui
