// Build tool: loads the knowledge files given on the command line and writes
// the pack the binaries embed. Any problem in any file fails the build.
#include "knowledge/knowledge_pack.hpp"
#include "knowledge/embedded_pack.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace evtx::knowledge {
// The tool builds the pack, so it has none of its own.
std::string_view embeddedKnowledgePack() {
    return {};
}
} // namespace evtx::knowledge

int main(int argc, char** argv) {
    using namespace evtx::knowledge;
    if (argc < 3) {
        std::fprintf(stderr, "usage: knowledge_pack OUT.pack FILE.yaml...\n");
        return 2;
    }
    KnowledgeBase kb;
    size_t problems = 0;
    for (int i = 2; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in),
                               std::istreambuf_iterator<char>()};
        const std::string path = argv[i];
        const std::string name = path.substr(path.find_last_of('/') + 1);
        for (const LoadProblem& p : kb.addKnowledgeText(text, name)) {
            std::fprintf(stderr, "knowledge_pack: %s: %s\n", p.source.c_str(), p.reason.c_str());
            ++problems;
        }
    }
    if (problems) return 1;
    const std::string pack = packKnowledge(kb);
    std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
    out.write(pack.data(), std::streamsize(pack.size()));
    return out ? 0 : 1;
}
