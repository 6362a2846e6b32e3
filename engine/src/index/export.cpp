#include "evtx/index/export.hpp"
#include "evtx/text/csv.hpp"

#include "evtx/carve/recovered_render.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/index/record_reader.hpp"
#include "evtx/render/filetime.hpp"
#include "evtx/threads/worker_arena.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <numeric>

namespace evtx {

namespace {

constexpr size_t kRowsPerBlock = 512;

struct Block {
    size_t begin = 0, end = 0;
    OutBuffer text;
    uint64_t written = 0, failed = 0;
};

// Renders a block's records grouped by chunk (each chunk's templates are
// then looked up once, whatever order the rows are in), and writes them out
// in the rows' order.
class BlockRenderer {
  public:
    explicit BlockRenderer(const ExportRequest& req)
        : reader_(req.file, *req.cache, req.render), render_(req.render) {
        reader_.setChunkLoadHook(req.chunkLoaded);
        if (req.makeWriter) writer_ = req.makeWriter();
    }

    void render(Block& b, const std::vector<uint32_t>& rows, const IndexColumns& cols,
                OutputFormat format) {
        const size_t n = b.end - b.begin;
        order_.resize(n);
        std::iota(order_.begin(), order_.end(), size_t(0));
        auto location = [&](size_t i) {
            const uint32_t row = rows[b.begin + i];
            return std::pair(cols.chunk(row), cols.chunkOffset(row));
        };
        std::sort(order_.begin(), order_.end(),
                  [&](size_t x, size_t y) { return location(x) < location(y); });
        scratch_.clear();
        spans_.assign(n, {0, 0});
        std::string error;
        for (size_t i : order_) {
            if (!reader_.loadRow(cols, rows[b.begin + i], error)) {
                ++b.failed;
                continue;
            }
            const size_t start = scratch_.size();
            if (writer_)
                writeThrough(cols, rows[b.begin + i]);
            else
                reader_.appendDump(scratch_, format);
            spans_[i] = {start, scratch_.size()};
            ++b.written;
        }
        for (const auto& [start, end] : spans_)
            b.text.append(scratch_.data() + start, end - start);
    }

  private:
    // The loaded record through the request's writer, placed as evtxdump
    // places it (a recovered record whose template is lost: its raw values).
    void writeThrough(const IndexColumns& cols, uint32_t row) {
        const RecordPlace place{cols.recordId(row), cols.chunk(row),
                                kFileHeaderBlock + uint64_t(cols.chunk(row)) * kChunkSize +
                                    cols.chunkOffset(row),
                                cols.isRecovered(row)};
        const RecoveredRecord* recovered = reader_.recovered();
        if (!recovered || !recovered->raw)
            return writer_->write(scratch_, &reader_.tree(), {}, place);
        rawJson_.clear();
        renderRawJson(rawJson_, *recovered->raw, render_);
        writer_->write(scratch_, nullptr, rawJson_.view(), place);
    }

    RecordReader reader_;
    RenderOptions render_;
    std::unique_ptr<RecordWriter> writer_;
    OutBuffer rawJson_;
    std::vector<size_t> order_;
    std::vector<std::pair<size_t, size_t>> spans_;
    OutBuffer scratch_;
};

// "2016-07-08T14:12:51.6816406-04:00": local time (TZ) and its offset then.
void localIsoTime(OutBuffer& out, uint64_t ticks) {
    const int64_t offset = localUtcOffsetSeconds(ticks);
    appendFileTime100ns(out, ticks, offset, true); // ends in Z when the offset is 0
    if (offset != 0) appendUtcOffset(out, offset);
}

} // namespace

void writeCsvHeader(OutBuffer& out, std::string_view zoneName) {
    out.append("Level,Date and Time (");
    out.append(zoneName);
    out.append("),Source,Event ID,Task Category,Opcode,Computer,Channel,"
               "Record ID,User,Keywords,Process ID,Thread ID\r\n");
}

void writeCsvRow(OutBuffer& out, const RecordIndex& index, uint32_t row, bool localTimes) {
    const IndexRow r = index.columns().row(row);
    formatUnsigned(out, r.level);
    out.push(',');
    if (localTimes)
        localIsoTime(out, r.timeCreated);
    else
        out.append(formatFileTime100ns(r.timeCreated, 0, true));
    out.push(',');
    appendCsvField(out, index.text(r.provider));
    out.push(',');
    formatUnsigned(out, r.eventId);
    out.push(',');
    formatUnsigned(out, r.task);
    out.push(',');
    formatUnsigned(out, r.opcode);
    out.push(',');
    appendCsvField(out, index.text(r.computer));
    out.push(',');
    appendCsvField(out, index.text(r.channel));
    out.push(',');
    formatUnsigned(out, r.recordId);
    out.push(',');
    appendCsvField(out, index.text(r.userSid));
    out.push(',');
    formatHex(out, r.keywords);
    out.push(',');
    formatUnsigned(out, r.processId);
    out.push(',');
    formatUnsigned(out, r.threadId);
    out.append("\r\n");
}

ExportResult exportRecords(const ExportRequest& req, const ExportSink& sink,
                           const ExportProgress& progress, const std::atomic<bool>* cancel) {
    ExportResult result;
    const size_t total = req.rows.size();
    auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };
    const IndexColumns& cols = req.index->columns();
    tbb::enumerable_thread_specific<std::unique_ptr<BlockRenderer>> renderers;

    auto fill = [&](Block& b) {
        b.text.clear();
        b.written = b.failed = 0;
        if (req.format == ExportFormat::Csv && !req.makeWriter) {
            for (size_t i = b.begin; i < b.end; ++i)
                writeCsvRow(b.text, *req.index, req.rows[i], req.csvLocalTimes);
            b.written = b.end - b.begin;
            return;
        }
        auto& r = renderers.local();
        if (!r) r = std::make_unique<BlockRenderer>(req);
        r->render(b, req.rows, cols,
                  req.format == ExportFormat::Xml ? OutputFormat::Xml : OutputFormat::Jsonl);
    };

    if (req.makeWriter) {
        if (!req.header.empty()) sink(req.header);
    } else if (req.format == ExportFormat::Csv) {
        OutBuffer header;
        writeCsvHeader(header, req.csvZoneName);
        sink(header.view());
    }

    const unsigned threads = req.threads ? req.threads : unsigned(tbb::info::default_concurrency());
    WorkerArena arena{threads};
    size_t next = 0;
    arena.execute([&] {
        tbb::parallel_pipeline(
            size_t(std::max(1u, threads)) * 4,
            tbb::make_filter<void, Block*>(tbb::filter_mode::serial_in_order,
                                           [&](tbb::flow_control& fc) -> Block* {
                                               if (next >= total || cancelled()) {
                                                   fc.stop();
                                                   return nullptr;
                                               }
                                               auto b = new Block;
                                               b->begin = next;
                                               b->end = std::min(total, next + kRowsPerBlock);
                                               next = b->end;
                                               return b;
                                           }) &
                tbb::make_filter<Block*, Block*>(tbb::filter_mode::parallel,
                                                 [&](Block* b) {
                                                     if (!cancelled()) fill(*b);
                                                     return b;
                                                 }) &
                tbb::make_filter<Block*, void>(tbb::filter_mode::serial_in_order, [&](Block* raw) {
                    std::unique_ptr<Block> b(raw);
                    if (cancelled()) return;
                    if (b->text.size()) sink(b->text.view());
                    result.written += b->written;
                    result.failed += b->failed;
                    if (progress) progress(b->end, total);
                }));
    });
    result.cancelled = cancelled();
    return result;
}

} // namespace evtx
