// Record parsing and rendering on one chunk of a real log (sample_log.hpp):
// ChunkBinXml::parseRecord alone, RecordRenderer::render (compiled shape
// replay) against renderJson / renderXml (direct tree walk), per record and
// per chunk. Skipped with a message when the sample log is absent. Bytes/s
// counts record bytes read from the file, items/s records.
#include "sample_log.hpp"

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/binxml/template_cache.hpp"
#include "evtx/compile/record_renderer.hpp"
#include "evtx/format/chunk_reader.hpp"
#include "evtx/render/render.hpp"

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

namespace {

using evtx::OutBuffer;
using evtx::RecordRenderer;
using evtx::RecordTree;

enum class Mode { Replay, TreeWalk };

// Every record of the sample chunk parsed once, with the template cache and
// chunk parser that their trees point into.
struct ParsedChunk {
    const bench::SampleChunk* sample = nullptr;
    evtx::TemplateCache cache;
    std::unique_ptr<evtx::ChunkBinXml> binxml;
    std::vector<RecordTree> trees;
    uint64_t recordBytes = 0;
};

std::unique_ptr<ParsedChunk> parseSample(benchmark::State& state) {
    std::string error;
    const bench::SampleChunk* sample = bench::sampleChunk(error);
    if (!sample) {
        state.SkipWithError(("sample log unavailable: " + error).c_str());
        return nullptr;
    }
    auto p = std::make_unique<ParsedChunk>();
    p->sample = sample;
    p->binxml = std::make_unique<evtx::ChunkBinXml>(sample->bytes, p->cache);
    p->trees.resize(sample->records.size());
    for (size_t i = 0; i < sample->records.size(); ++i) {
        const auto& rec = sample->records[i];
        error = p->binxml->parseRecord(rec.binxmlBegin(), rec.binxmlEnd(), p->trees[i]);
        if (!error.empty()) {
            state.SkipWithError(("parse error in the sample chunk: " + error).c_str());
            return nullptr;
        }
        p->recordBytes += rec.size;
    }
    state.SetLabel("chunk " + std::to_string(sample->index) + ", " +
                   std::to_string(sample->records.size()) + " records");
    return p;
}

// Renders `tree` the way `mode` and `format` say.
struct Renderer {
    Renderer(Mode mode, RecordRenderer::Format format)
        : mode(mode), format(format), compiled(format, opt) {}
    void operator()(OutBuffer& out, const RecordTree& tree) {
        if (mode == Mode::Replay)
            compiled.render(out, tree);
        else if (format == RecordRenderer::Format::Json)
            evtx::renderJson(out, tree, opt);
        else
            evtx::renderXml(out, tree, opt);
    }
    Mode mode;
    RecordRenderer::Format format;
    evtx::RenderOptions opt;
    RecordRenderer compiled;
};

// Replay must write what the tree walk writes: checked on the whole chunk
// before timing (this also compiles every shape, so replay runs warm).
bool replayMatchesTreeWalk(const ParsedChunk& p, RecordRenderer::Format format) {
    Renderer replay(Mode::Replay, format), walk(Mode::TreeWalk, format);
    OutBuffer a, b;
    for (const auto& tree : p.trees) {
        a.clear();
        b.clear();
        replay(a, tree);
        walk(b, tree);
        if (a.view() != b.view()) return false;
    }
    return true;
}

// --- one record -------------------------------------------------------------

void BM_ParseRecord(benchmark::State& state) {
    auto p = parseSample(state);
    if (!p) return;
    const auto& rec = p->sample->records.front();
    RecordTree tree;
    for (auto _ : state) {
        auto err = p->binxml->parseRecord(rec.binxmlBegin(), rec.binxmlEnd(), tree);
        benchmark::DoNotOptimize(err);
        benchmark::DoNotOptimize(tree.values.data());
    }
    state.SetBytesProcessed(int64_t(state.iterations() * rec.size));
    state.SetItemsProcessed(int64_t(state.iterations()));
    state.SetLabel("record " + std::to_string(rec.id) + ", " + std::to_string(rec.size) + " B");
}
BENCHMARK(BM_ParseRecord);

void BM_RenderRecord(benchmark::State& state, Mode mode, RecordRenderer::Format format) {
    auto p = parseSample(state);
    if (!p) return;
    if (!replayMatchesTreeWalk(*p, format))
        return state.SkipWithError("replay output differs from the tree walk");
    const auto& rec = p->sample->records.front();
    const RecordTree& tree = p->trees.front();
    Renderer render(mode, format);
    OutBuffer out(1 << 16);
    render(out, tree); // compiles the shape before timing
    for (auto _ : state) {
        out.clear();
        render(out, tree);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(state.iterations() * rec.size));
    state.SetItemsProcessed(int64_t(state.iterations()));
    state.counters["out_B"] = double(out.size());
    if (mode == Mode::Replay) state.counters["direct"] = double(render.compiled.stats().direct > 0);
    state.SetLabel("record " + std::to_string(rec.id) + ", " + std::to_string(rec.size) + " B");
}
BENCHMARK_CAPTURE(BM_RenderRecord, replay_json, Mode::Replay, RecordRenderer::Format::Json);
BENCHMARK_CAPTURE(BM_RenderRecord, treewalk_json, Mode::TreeWalk, RecordRenderer::Format::Json);
BENCHMARK_CAPTURE(BM_RenderRecord, replay_xml, Mode::Replay, RecordRenderer::Format::Xml);
BENCHMARK_CAPTURE(BM_RenderRecord, treewalk_xml, Mode::TreeWalk, RecordRenderer::Format::Xml);

// --- whole chunk ----------------------------------------------------------

// What the dumper does per chunk before rendering: walk the record headers
// and parse each record with a fresh chunk parser (the template cache is
// warm, as it is for every chunk after the first few).
void BM_ParseChunk(benchmark::State& state) {
    auto p = parseSample(state);
    if (!p) return;
    RecordTree tree;
    for (auto _ : state) {
        evtx::ChunkReader reader(p->sample->bytes, false);
        evtx::ChunkBinXml binxml(p->sample->bytes, p->cache);
        evtx::RecordHeader rec;
        std::string error;
        while (reader.next(rec, error) == evtx::ChunkReader::Step::Record) {
            auto err = binxml.parseRecord(rec.binxmlBegin(), rec.binxmlEnd(), tree);
            benchmark::DoNotOptimize(err);
        }
        benchmark::DoNotOptimize(tree.values.data());
    }
    state.SetBytesProcessed(int64_t(state.iterations() * p->recordBytes));
    state.SetItemsProcessed(int64_t(state.iterations() * p->trees.size()));
}
BENCHMARK(BM_ParseChunk);

// Renders the pre-parsed records of the chunk, one line each.
void BM_RenderChunk(benchmark::State& state, Mode mode, RecordRenderer::Format format) {
    auto p = parseSample(state);
    if (!p) return;
    if (!replayMatchesTreeWalk(*p, format))
        return state.SkipWithError("replay output differs from the tree walk");
    Renderer render(mode, format);
    OutBuffer out(1 << 20);
    for (const auto& tree : p->trees)
        render(out, tree); // compile the shapes
    for (auto _ : state) {
        out.clear();
        for (const auto& tree : p->trees) {
            render(out, tree);
            out.push('\n');
        }
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(state.iterations() * p->recordBytes));
    state.SetItemsProcessed(int64_t(state.iterations() * p->trees.size()));
    state.counters["out_B"] = double(out.size());
    if (mode == Mode::Replay) {
        const auto& s = render.compiled.stats();
        // Records per chunk pass that found no compiled shape (the warm-up
        // pass above included).
        state.counters["shapes"] = double(s.compiled);
        state.counters["direct"] = double(s.direct) / double(state.iterations() + 1);
    }
}
BENCHMARK_CAPTURE(BM_RenderChunk, replay_json, Mode::Replay, RecordRenderer::Format::Json);
BENCHMARK_CAPTURE(BM_RenderChunk, treewalk_json, Mode::TreeWalk, RecordRenderer::Format::Json);
BENCHMARK_CAPTURE(BM_RenderChunk, replay_xml, Mode::Replay, RecordRenderer::Format::Xml);
BENCHMARK_CAPTURE(BM_RenderChunk, treewalk_xml, Mode::TreeWalk, RecordRenderer::Format::Xml);

// Parse and replay together: one chunk of evtxdump -o jsonl, single thread,
// without the output write.
void BM_ParseRenderChunk(benchmark::State& state, RecordRenderer::Format format) {
    auto p = parseSample(state);
    if (!p) return;
    Renderer render(Mode::Replay, format);
    OutBuffer out(1 << 20);
    for (const auto& tree : p->trees)
        render(out, tree);
    RecordTree tree;
    for (auto _ : state) {
        out.clear();
        evtx::ChunkReader reader(p->sample->bytes, false);
        evtx::ChunkBinXml binxml(p->sample->bytes, p->cache);
        evtx::RecordHeader rec;
        std::string error;
        while (reader.next(rec, error) == evtx::ChunkReader::Step::Record) {
            if (!binxml.parseRecord(rec.binxmlBegin(), rec.binxmlEnd(), tree).empty()) continue;
            render(out, tree);
            out.push('\n');
        }
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(state.iterations() * p->recordBytes));
    state.SetItemsProcessed(int64_t(state.iterations() * p->trees.size()));
    const auto& s = render.compiled.stats();
    state.counters["shapes"] = double(s.compiled);
    state.counters["direct"] = double(s.direct) / double(state.iterations() + 1);
}
BENCHMARK_CAPTURE(BM_ParseRenderChunk, json, RecordRenderer::Format::Json);
BENCHMARK_CAPTURE(BM_ParseRenderChunk, xml, RecordRenderer::Format::Xml);

} // namespace
