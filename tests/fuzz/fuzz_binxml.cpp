// libFuzzer target: one record's BinXML fragment, parsed and rendered from a
// synthetic chunk. The fragment sits where the first record's BinXML does
// (chunk offset 536), so template offsets in real first records still work.
#include "fuzz_support.hpp"

#include "evtx/format/file_header.hpp"

#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static fuzz::Renderers renderers;
    constexpr size_t kBegin = evtx::kChunkHeaderSize + 24;
    if (size > evtx::kChunkSize - kBegin) return 0;
    std::vector<uint8_t> chunk(kBegin + size);
    if (size) std::memcpy(chunk.data() + kBegin, data, size);
    evtx::TemplateCache cache;
    evtx::ChunkBinXml binxml(evtx::Bytes(chunk.data(), chunk.size()), cache);
    evtx::RecordTree tree;
    if (!binxml.parseRecord(kBegin, chunk.size(), tree).empty()) return 0;
    auto filter = renderers.filter();
    renderers.render(tree, 1, filter);
    return 0;
}
