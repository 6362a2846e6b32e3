#include "sample_log.hpp"

#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"

#include <cstdlib>
#include <memory>

namespace bench {
namespace {

struct Loaded {
    std::unique_ptr<evtx::Input> input;
    SampleChunk chunk;
    std::string error;
};

Loaded load() {
    Loaded l;
    const char* env = std::getenv("EVTX_MICRO_BENCH_FILE");
    l.chunk.path = env && *env ? env : "/work/shared/bench/security-32mb.evtx";
    l.input = evtx::Input::openFile(l.chunk.path, l.error);
    if (!l.input) {
        l.error = l.chunk.path + ": " + l.error + " (set EVTX_MICRO_BENCH_FILE)";
        return l;
    }
    const evtx::Bytes file = l.input->bytes();
    if (!evtx::parseFileHeader(file, l.error)) {
        l.error = l.chunk.path + ": " + l.error;
        return l;
    }
    const size_t chunks = (file.size() - evtx::kFileHeaderBlock) / evtx::kChunkSize;
    // The middle chunk: past the log's first events, typical of the bulk.
    for (size_t i = chunks / 2; i < chunks; ++i) {
        const evtx::Bytes c =
            file.subspan(evtx::kFileHeaderBlock + i * evtx::kChunkSize, evtx::kChunkSize);
        evtx::ChunkReader reader(c, false);
        if (!reader.ok()) continue;
        evtx::RecordHeader rec;
        std::string err;
        while (reader.next(rec, err) == evtx::ChunkReader::Step::Record)
            l.chunk.records.push_back(rec);
        if (l.chunk.records.empty()) continue;
        l.chunk.index = i;
        l.chunk.bytes = c;
        return l;
    }
    l.error = l.chunk.path + ": no chunk with records in its second half";
    return l;
}

} // namespace

const SampleChunk* sampleChunk(std::string& error) {
    static const Loaded loaded = load();
    if (!loaded.error.empty()) {
        error = loaded.error;
        return nullptr;
    }
    return &loaded.chunk;
}

} // namespace bench
