#include "evtx/dump/dump.hpp"

#include "evtx/carve/carve.hpp"
#include "evtx/carve/live_records.hpp"
#include "evtx/carve/recovered_render.hpp"
#include "evtx/compile/record_renderer.hpp"
#include "evtx/format/chunk_opening.hpp"
#include "evtx/format/chunk_reader.hpp"
#include "evtx/threads/worker_arena.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>

namespace evtx {

namespace {

// Everything one chunk produced, handed to the in-order output stage.
struct ChunkOutput {
    uint64_t index = 0;
    OutBuffer text;
    std::vector<DumpError> errors;
    uint64_t records = 0;
    uint64_t recovered = 0, recoveredPartial = 0, recoveredConflicts = 0;
    std::vector<RecoveryNote> notes;
};

// Per-thread parsing state, reused from chunk to chunk.
struct Worker {
    RecordTree tree;
    std::unique_ptr<RecordRenderer> renderer; // made on first use, kept per thread
    std::unique_ptr<RecordWriter> writer;     // the same, for DumpOptions::makeWriter
    OutBuffer rawJson;                        // raw values of a recovered record
};

class ChunkDumper {
  public:
    ChunkDumper(Bytes file, const DumpOptions& opt, TemplateCache& cache, SharedShapes* shapes,
                const CarveContext& carve)
        : file_(file), opt_(opt), cache_(cache), shapes_(shapes), carve_(carve) {}

    void dump(uint64_t index, ChunkOutput& out, Worker& w) const {
        out.index = index;
        out.text.clear();
        out.errors.clear();
        out.records = 0;
        out.recovered = out.recoveredPartial = out.recoveredConflicts = 0;
        out.notes.clear();
        OpenedChunk opened = openChunk(file_, index, opt_.validateChecksums, out.errors);
        const size_t base = opened.fileOffset;
        if (opened.state == OpenedChunk::State::Damaged && opt_.recover) {
            ChunkBinXml binxml(opened.bytes, cache_);
            recover(index, binxml, kChunkHeaderSize, RecoverySource::DamagedChunk, out, w);
        }
        if (opened.state != OpenedChunk::State::Readable) return;
        ChunkReader& reader = *opened.reader;
        ChunkBinXml binxml(opened.bytes, cache_);
        RecordHeader rec;
        std::string error;
        for (;;) {
            auto step = reader.next(rec, error);
            if (step == ChunkReader::Step::End) break;
            if (step == ChunkReader::Step::Error) {
                out.errors.push_back(
                    DumpError{index, base + reader.position(), std::nullopt, error});
                break;
            }
            if (opt_.records && !opt_.records->contains(rec.id)) continue;
            std::string perr = binxml.parseRecord(rec.binxmlBegin(), rec.binxmlEnd(), w.tree);
            if (!perr.empty()) {
                out.errors.push_back(DumpError{index, base + rec.offset, rec.id, perr});
                if (opt_.stopAfterOneError) return;
                continue;
            }
            if (opt_.filter && !opt_.filter->matches(w.tree, rec.id, false)) continue;
            if (opt_.makeWriter)
                writerOf(w).write(out.text, &w.tree, {},
                                  RecordPlace{rec.id, index, base + rec.offset, false});
            else
                writeRecord(out.text, rec, w.tree, rendererOf(w));
            ++out.records;
        }
        if (opt_.recover)
            recover(index, binxml, slackCarveStart(reader), RecoverySource::Slack, out, w);
    }

  private:
    // Records carved from chunk offsets [from, end), written with a marker.
    void recover(uint64_t index, ChunkBinXml& binxml, size_t from, RecoverySource source,
                 ChunkOutput& out, Worker& w) const {
        const size_t base = kFileHeaderBlock + index * kChunkSize;
        const bool xml = opt_.format == OutputFormat::Xml;
        auto found = [&](const RecoveredRecord& r, const RecordTree& tree) {
            if (opt_.records && !opt_.records->contains(r.header.id)) return;
            // A filter cannot judge raw values: those records are left out.
            if (opt_.filter && (r.raw || !opt_.filter->matches(tree, r.header.id, true))) return;
            countRecovered(r, out);
            if (opt_.makeWriter) return writeRecovered(r, tree, index, base, out.text, w);
            RecordRenderer& renderer = rendererOf(w);
            OutBuffer& o = out.text;
            if (opt_.showRecordNumber && opt_.format != OutputFormat::Jsonl) {
                o.append("Record ");
                formatUnsigned(o, r.header.id);
                o.push('\n');
            }
            const size_t start = o.size();
            if (!r.raw)
                renderer.render(o, tree);
            else if (xml)
                renderRawXml(o, *r.raw, opt_.render);
            else
                renderRawJson(o, *r.raw, opt_.render);
            const auto where = RecoveredLocation::of(r, index, base + r.header.offset);
            if (xml)
                markRecoveredXml(o, start, where);
            else
                markRecoveredJson(o, start, where);
            o.push('\n');
        };
        std::vector<CarveNote> notes;
        carveChunk(chunkBytesOf(file_, index), from, source, binxml, w.tree, carve_, found, &notes);
        for (CarveNote& n : notes)
            out.notes.push_back(recoveryNoteOf(std::move(n), index));
    }

    static void countRecovered(const RecoveredRecord& r, ChunkOutput& out) {
        ++out.records;
        ++out.recovered;
        out.recoveredPartial += r.raw ? 1 : 0;
        out.recoveredConflicts += r.conflictsWithLive ? 1 : 0;
    }

    void writeRecovered(const RecoveredRecord& r, const RecordTree& tree, uint64_t index,
                        size_t base, OutBuffer& o, Worker& w) const {
        const RecordPlace place{r.header.id, index, base + r.header.offset, true};
        if (!r.raw) return writerOf(w).write(o, &tree, {}, place);
        w.rawJson.clear();
        renderRawJson(w.rawJson, *r.raw, opt_.render);
        writerOf(w).write(o, nullptr, w.rawJson.view(), place);
    }

    RecordWriter& writerOf(Worker& w) const {
        if (!w.writer) w.writer = opt_.makeWriter();
        return *w.writer;
    }

    void writeRecord(OutBuffer& o, const RecordHeader& rec, const RecordTree& tree,
                     RecordRenderer& renderer) const {
        const bool numbered = opt_.showRecordNumber && opt_.format != OutputFormat::Jsonl;
        if (numbered) {
            o.append("Record ");
            formatUnsigned(o, rec.id);
            o.push('\n');
        }
        renderer.render(o, tree);
        o.push('\n');
    }

    RecordRenderer& rendererOf(Worker& w) const {
        if (!w.renderer)
            w.renderer = std::make_unique<RecordRenderer>(opt_.format == OutputFormat::Xml
                                                              ? RecordRenderer::Format::Xml
                                                              : RecordRenderer::Format::Json,
                                                          opt_.render, shapes_);
        return *w.renderer;
    }

    Bytes file_;
    const DumpOptions& opt_;
    TemplateCache& cache_;
    SharedShapes* shapes_; // one thread's compiled shapes serve all (null: one thread)
    const CarveContext& carve_;
};

} // namespace

DumpStats dumpFile(Bytes file, const DumpOptions& opt, const TextSink& sink,
                   const ErrorSink& errSink) {
    TemplateCache cache;
    SharedShapes shapes;
    const unsigned threads = opt.threads ? opt.threads : unsigned(tbb::info::default_concurrency());
    // One thread has no one to share with: it skips the shared map's lookups.
    // Recovery compares what it carves with the live records of the file.
    LiveRecords live;
    CarveContext carve{file, &live, &cache, {}};
    if (opt.recover) {
        live = LiveRecords::scan(file, opt.validateChecksums);
        carve.window = TimeWindow::afterNewest(live.newestWrittenTime());
    }
    ChunkDumper dumper(file, opt, cache, threads > 1 ? &shapes : nullptr, carve);
    DumpStats stats;
    stats.chunks = chunkCountOf(file);
    bool stop = false;
    if (file.size() < kFileHeaderBlock) {
        // The 4096-byte header block itself is cut short: no chunk can follow.
        ++stats.errors;
        errSink(DumpError{0, 0, std::nullopt,
                          "truncated file: it ends after " + std::to_string(file.size()) +
                              " bytes, inside the " + std::to_string(kFileHeaderBlock) +
                              "-byte file header"});
        return stats;
    }

    auto deliver = [&](const ChunkOutput& out) {
        if (stop) return;
        if (out.text.size()) sink(out.text.view());
        stats.records += out.records;
        stats.recovered += out.recovered;
        stats.recoveredPartial += out.recoveredPartial;
        stats.recoveredConflicts += out.recoveredConflicts;
        for (const RecoveryNote& n : out.notes) {
            ++(n.kind == RecoveryNote::Kind::CopyOfLive ? stats.carvedCopies
                                                        : stats.carvedRejected);
            if (opt.recoveryNotes) opt.recoveryNotes(n);
        }
        for (const DumpError& e : out.errors) {
            ++stats.errors;
            errSink(e);
        }
        if (opt.stopAfterOneError && !out.errors.empty()) stop = true;
    };

    auto addRenderStats = [&](const Worker& w) {
        if (!w.renderer) return;
        stats.shapesCompiled += w.renderer->stats().compiled;
        stats.recordsReplayed += w.renderer->stats().replayed;
        stats.recordsDirect += w.renderer->stats().direct;
    };

    if (threads <= 1 || stats.chunks <= 1) {
        Worker w;
        ChunkOutput out;
        for (uint64_t i = 0; i < stats.chunks && !stop; ++i) {
            dumper.dump(i, out, w);
            deliver(out);
        }
        addRenderStats(w);
        return stats;
    }

    // Parallel: chunks are parsed and rendered by any thread; the serial
    // in-order output stage writes them in file order.
    WorkerArena arena{threads, opt.pinThreads ? WorkerArena::Placement::OneCpuPerThread
                                              : WorkerArena::Placement::Scheduler};
    const size_t tokens = size_t(threads) * 4;
    std::vector<std::unique_ptr<ChunkOutput>> pool;
    std::mutex poolMutex;
    auto take = [&]() {
        std::lock_guard lock(poolMutex);
        if (pool.empty()) return std::make_unique<ChunkOutput>();
        auto p = std::move(pool.back());
        pool.pop_back();
        return p;
    };
    auto give = [&](std::unique_ptr<ChunkOutput> p) {
        std::lock_guard lock(poolMutex);
        pool.push_back(std::move(p));
    };
    tbb::enumerable_thread_specific<Worker> workers;
    std::atomic<uint64_t> next{0};

    arena.execute([&] {
        tbb::parallel_pipeline(
            tokens,
            tbb::make_filter<void, uint64_t>(tbb::filter_mode::serial_in_order,
                                             [&](tbb::flow_control& fc) -> uint64_t {
                                                 uint64_t i = next++;
                                                 if (i >= stats.chunks || stop) {
                                                     fc.stop();
                                                     return 0;
                                                 }
                                                 return i;
                                             }) &
                tbb::make_filter<uint64_t, ChunkOutput*>(tbb::filter_mode::parallel,
                                                         [&](uint64_t i) {
                                                             auto out = take();
                                                             dumper.dump(i, *out, workers.local());
                                                             return out.release();
                                                         }) &
                tbb::make_filter<ChunkOutput*, void>(tbb::filter_mode::serial_in_order,
                                                     [&](ChunkOutput* out) {
                                                         deliver(*out);
                                                         give(std::unique_ptr<ChunkOutput>(out));
                                                     }));
    });
    for (const Worker& w : workers)
        addRenderStats(w);
    return stats;
}

} // namespace evtx
