// libFuzzer target: one chunk through ChunkReader, ChunkBinXml and every
// renderer. Shapes and templates are kept across inputs, as in a real file.
#include "fuzz_support.hpp"

#include "evtx/format/chunk_reader.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static fuzz::Renderers renderers;
    evtx::Bytes chunk(data, size);
    if (chunk.size() < evtx::kChunkHeaderSize) return 0; // as dumpFile does
    evtx::ChunkReader reader(chunk, (size & 1) != 0);
    if (!reader.ok()) return 0;
    evtx::TemplateCache cache;
    evtx::ChunkBinXml binxml(chunk, cache);
    evtx::RecordTree tree;
    auto filter = renderers.filter();
    evtx::RecordHeader rec;
    std::string error;
    while (reader.next(rec, error) == evtx::ChunkReader::Step::Record) {
        if (!binxml.parseRecord(rec.binxmlBegin(), rec.binxmlEnd(), tree).empty()) continue;
        renderers.render(tree, rec.id, filter);
    }
    return 0;
}
