// Writes a set of indexed records to JSONL / XML (the bytes evtxdump writes
// for them), CSV (the indexed columns) or through a RecordWriter a stage
// above supplies (the viewer's CSV: the timeline of evtxdump -o csv), in
// parallel, in the given order.
#pragma once

#include "evtx/binxml/template_cache.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/index/record_index.hpp"
#include "evtx/render/render.hpp"

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace evtx {

enum class ExportFormat { Jsonl, Xml, Csv };

struct ExportRequest {
    Bytes file;
    TemplateCache* cache = nullptr;
    const RecordIndex* index = nullptr; // must not change while exporting
    std::vector<uint32_t> rows;         // index rows, in output order
    ExportFormat format = ExportFormat::Jsonl;
    RenderOptions render;
    // CSV times: UTC ("2016-07-08T18:12:51.6816406Z", the default), or the
    // C library's local time (TZ) with each row's own offset, which DST
    // changes ("2016-07-08T14:12:51.6816406-04:00"). `csvZoneName` names
    // the zone in the header: "Date and Time (UTC-05:00)".
    bool csvLocalTimes = false;
    std::string csvZoneName = "UTC";
    // When set, each record goes through a writer it makes (one per worker
    // thread) with its RecordPlace (the index's record number, chunk, file
    // offset, recovered flag) instead of `format`; `header` is written first.
    RecordWriterFactory makeWriter;
    std::string header;
    unsigned threads = 0;                         // 0 = all cores
    std::function<void(Bytes chunk)> chunkLoaded; // see RecordReader::setChunkLoadHook
};

struct ExportResult {
    uint64_t written = 0;
    uint64_t failed = 0; // records that could not be rendered
    bool cancelled = false;
};

using ExportSink = std::function<void(std::string_view)>;
using ExportProgress = std::function<void(uint64_t done, uint64_t total)>;

ExportResult exportRecords(const ExportRequest& request, const ExportSink& sink,
                           const ExportProgress& progress = {},
                           const std::atomic<bool>* cancel = nullptr);

// The CSV header and one row (RFC 4180 quoting, times with 100 ns: UTC, or
// local with their offset when `localTimes`).
void writeCsvHeader(OutBuffer& out, std::string_view zoneName = "UTC");
void writeCsvRow(OutBuffer& out, const RecordIndex& index, uint32_t row, bool localTimes = false);

} // namespace evtx
