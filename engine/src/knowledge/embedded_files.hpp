// The knowledge files compiled into the binary (see embed_knowledge.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace evtx::knowledge {

struct EmbeddedFile {
    std::string_view name; // "security.yaml"
    std::string_view text;
};

const std::vector<EmbeddedFile>& embeddedKnowledgeFiles();

} // namespace evtx::knowledge
