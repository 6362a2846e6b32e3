#include "evtx/index/index_builder.hpp"

#include "evtx/carve/carve.hpp"
#include "evtx/carve/live_records.hpp"
#include "evtx/format/chunk_opening.hpp"
#include "evtx/format/chunk_reader.hpp"
#include "evtx/render/system_fields.hpp"
#include "evtx/threads/worker_arena.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <memory>

namespace evtx {

namespace {

// The rows of one chunk; string ids are local to the chunk until the
// in-order stage renumbers them into the file's pool.
struct ChunkRows {
    uint64_t chunk = 0;
    IndexColumns rows;
    std::vector<std::string> strings{std::string()};
    std::vector<DumpError> errors;
};

// Per-thread scratch, reused from chunk to chunk.
struct Worker {
    RecordTree tree;
    SystemFields fields;
    SystemFieldReader fieldReader;
    std::unordered_map<std::string, uint32_t> localIds;

    // The last string seen per column: consecutive records mostly repeat
    // it, and comparing beats hashing.
    struct Recent {
        std::string text;
        uint32_t id = 0;
    };
    Recent recent[4];

    uint32_t intern(ChunkRows& out, const std::string& s, Recent& last) {
        if (s.empty()) return 0;
        if (last.id != 0 && last.text == s) return last.id;
        auto [it, inserted] = localIds.try_emplace(s, uint32_t(out.strings.size()));
        if (inserted) out.strings.push_back(s);
        last.text = s;
        last.id = it->second;
        return it->second;
    }
};

// The row of a parsed record (`w.tree`), or of a recovered one whose
// template is lost (only its header's id and written time are known).
void pushRow(ChunkRows& out, Worker& w, const RecordHeader& rec, uint64_t index, bool parsed,
             uint8_t recovery) {
    IndexRow row;
    row.recordId = rec.id;
    row.chunk = uint32_t(index);
    row.chunkOffset = uint16_t(rec.offset);
    row.recovery = recovery;
    if (!parsed) {
        row.timeCreated = rec.writtenTime;
        out.rows.push(row);
        return;
    }
    w.fieldReader.read(w.tree, w.fields);
    const SystemFields& f = w.fields;
    row.timeCreated = f.hasTimeCreated ? f.timeCreated : rec.writtenTime;
    row.keywords = f.keywords;
    row.provider = w.intern(out, f.provider, w.recent[0]);
    row.channel = w.intern(out, f.channel, w.recent[1]);
    row.computer = w.intern(out, f.computer, w.recent[2]);
    row.userSid = w.intern(out, f.userSid, w.recent[3]);
    row.processId = f.processId;
    row.threadId = f.threadId;
    row.eventId = f.eventId;
    row.task = f.task;
    row.level = f.level;
    row.opcode = f.opcode;
    out.rows.push(row);
}

// Recovery (IndexOptions::recover): rows for the records carved from chunk
// offsets [from, end), as evtxdump --recover finds them.
void carveRows(Bytes chunk, uint64_t index, size_t from, RecoverySource source, ChunkBinXml& binxml,
               const CarveContext& context, Worker& w, ChunkRows& out) {
    carveChunk(chunk, from, source, binxml, w.tree, context,
               [&](const RecoveredRecord& r, const RecordTree&) {
                   uint8_t recovery = source == RecoverySource::Slack ? row_recovery::Slack
                                                                      : row_recovery::DamagedChunk;
                   if (r.raw) recovery |= row_recovery::TemplateLost;
                   if (r.conflictsWithLive) recovery |= row_recovery::ConflictsWithLive;
                   pushRow(out, w, r.header, index, !r.raw, recovery);
               });
}

void indexChunk(Bytes file, uint64_t index, const IndexOptions& opt, TemplateCache& cache,
                const CarveContext& carve, Worker& w, ChunkRows& out) {
    out.chunk = index;
    out.rows.clear();
    out.strings.assign(1, std::string());
    out.errors.clear();
    w.localIds.clear();
    for (Worker::Recent& r : w.recent)
        r.id = 0; // ids are local to the chunk
    // The same rules as evtxdump: same errors, same records.
    OpenedChunk opened = openChunk(file, index, opt.validateChecksums, out.errors);
    const Bytes chunk = opened.bytes;
    const size_t base = opened.fileOffset;
    if (opened.state == OpenedChunk::State::Damaged && opt.recover) {
        ChunkBinXml binxml(chunk, cache);
        carveRows(chunk, index, kChunkHeaderSize, RecoverySource::DamagedChunk, binxml, carve, w,
                  out);
    }
    if (opened.state != OpenedChunk::State::Readable) return;
    ChunkReader& reader = *opened.reader;
    ChunkBinXml binxml(chunk, cache);
    RecordHeader rec;
    std::string error;
    for (;;) {
        auto step = reader.next(rec, error);
        if (step == ChunkReader::Step::End) break;
        if (step == ChunkReader::Step::Error) {
            out.errors.push_back(DumpError{index, base + reader.position(), std::nullopt, error});
            break;
        }
        std::string perr = binxml.parseRecord(rec.binxmlBegin(), rec.binxmlEnd(), w.tree);
        if (!perr.empty()) {
            out.errors.push_back(DumpError{index, base + rec.offset, rec.id, perr});
            continue;
        }
        pushRow(out, w, rec, index, true, row_recovery::None);
    }
    if (opt.recover)
        carveRows(chunk, index, slackCarveStart(reader), RecoverySource::Slack, binxml, carve, w,
                  out);
}

// The in-order stage: renumbers strings, gathers rows and sends batches.
class BatchAssembler {
  public:
    BatchAssembler(uint64_t chunksTotal, const IndexOptions& opt,
                   const IndexBuilder::BatchSink& sink)
        : total_(chunksTotal), opt_(opt), sink_(sink) {
        pending_.chunksTotal = total_;
    }

    void add(ChunkRows& c) {
        remap_.resize(c.strings.size());
        for (size_t i = 0; i < c.strings.size(); ++i)
            remap_[i] = pool_.intern(c.strings[i]);
        c.rows.remapStrings(remap_);
        pending_.rows.append(c.rows);
        for (DumpError& e : c.errors)
            pending_.errors.push_back(std::move(e));
        pending_.chunksDone = c.chunk + 1;
        const auto now = std::chrono::steady_clock::now();
        // The first rows go out at once so that a viewer shows them early.
        if ((!sentAny_ && !pending_.rows.empty()) || now - lastSent_ >= opt_.batchInterval)
            flush(false, false);
    }

    void flush(bool last, bool cancelled) {
        for (size_t i = sentStrings_; i < pool_.size(); ++i)
            pending_.newStrings.push_back(pool_.text(uint32_t(i)));
        sentStrings_ = pool_.size();
        pending_.last = last;
        pending_.cancelled = cancelled;
        if (last && !cancelled) pending_.chunksDone = total_;
        sentAny_ = sentAny_ || !pending_.rows.empty();
        lastSent_ = std::chrono::steady_clock::now();
        IndexBatch out = std::move(pending_);
        pending_ = IndexBatch{};
        pending_.chunksTotal = total_;
        pending_.chunksDone = out.chunksDone;
        sink_(std::move(out));
    }

  private:
    uint64_t total_;
    const IndexOptions& opt_;
    const IndexBuilder::BatchSink& sink_;
    StringPool pool_;
    size_t sentStrings_ = 1; // id 0 (empty) is implied
    std::vector<uint32_t> remap_;
    IndexBatch pending_;
    bool sentAny_ = false;
    std::chrono::steady_clock::time_point lastSent_ = std::chrono::steady_clock::now();
};

} // namespace

IndexBuilder::IndexBuilder(Bytes file, TemplateCache& cache, IndexOptions options, BatchSink sink)
    : file_(file), cache_(cache), options_(options), sink_(std::move(sink)) {}

IndexBuilder::~IndexBuilder() {
    cancel();
    wait();
}

void IndexBuilder::start() {
    thread_ = std::thread([this] { run(); });
}

void IndexBuilder::runHere() {
    run();
}

void IndexBuilder::wait() {
    if (thread_.joinable()) thread_.join();
}

void IndexBuilder::run() {
    const uint64_t total = chunkCountOf(file_);
    BatchAssembler assembler(total, options_, sink_);
    const unsigned threads =
        options_.threads ? options_.threads : unsigned(tbb::info::default_concurrency());
    WorkerArena arena{threads};
    tbb::enumerable_thread_specific<Worker> workers;
    uint64_t next = 0;
    // As evtxdump --recover: carved records are compared with the live ones.
    LiveRecords live;
    CarveContext carve{file_, &live, &cache_, {}};
    if (options_.recover) {
        live = LiveRecords::scan(file_, options_.validateChecksums);
        carve.window = TimeWindow::afterNewest(live.newestWrittenTime());
    }

    arena.execute([&] {
        tbb::parallel_pipeline(
            size_t(std::max(1u, threads)) * 4,
            tbb::make_filter<void, uint64_t>(tbb::filter_mode::serial_in_order,
                                             [&](tbb::flow_control& fc) -> uint64_t {
                                                 if (next >= total || cancelled_) {
                                                     fc.stop();
                                                     return 0;
                                                 }
                                                 return next++;
                                             }) &
                tbb::make_filter<uint64_t, ChunkRows*>(
                    tbb::filter_mode::parallel,
                    [&](uint64_t i) {
                        auto out = std::make_unique<ChunkRows>();
                        if (!cancelled_) {
                            indexChunk(file_, i, options_, cache_, carve, workers.local(), *out);
                            if (options_.chunkIndexed)
                                options_.chunkIndexed(chunkBytesOf(file_, i));
                        } else
                            out->chunk = i;
                        return out.release();
                    }) &
                tbb::make_filter<ChunkRows*, void>(tbb::filter_mode::serial_in_order,
                                                   [&](ChunkRows* raw) {
                                                       std::unique_ptr<ChunkRows> c(raw);
                                                       if (!cancelled_) assembler.add(*c);
                                                   }));
    });
    assembler.flush(true, cancelled_);
}

} // namespace evtx
