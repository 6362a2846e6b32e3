#include "evtx/carve/live_records.hpp"

#include "evtx/format/chunk_opening.hpp"

#include <algorithm>

namespace evtx {

LiveRecords LiveRecords::scan(Bytes file, bool validateChecksums,
                              const std::function<void(Bytes)>& chunkDone,
                              const std::atomic<bool>* cancel) {
    LiveRecords live;
    if (file.size() < kFileHeaderBlock) return live;
    std::vector<DumpError> ignored; // the walk itself reports them
    const uint64_t chunks = chunkCountOf(file);
    for (uint64_t i = 0; i < chunks; ++i) {
        if (cancel && cancel->load(std::memory_order_relaxed)) break;
        ignored.clear();
        OpenedChunk opened = openChunk(file, i, validateChecksums, ignored);
        if (opened.state != OpenedChunk::State::Readable) continue;
        RecordHeader rec;
        std::string error;
        while (opened.reader->next(rec, error) == ChunkReader::Step::Record) {
            live.refs_.push_back({rec.id, uint32_t(i), uint32_t(rec.offset), rec.size});
            live.newest_ = std::max(live.newest_, rec.writtenTime);
        }
        if (chunkDone) chunkDone(opened.bytes);
    }
    std::stable_sort(live.refs_.begin(), live.refs_.end(),
                     [](const LiveRecordRef& a, const LiveRecordRef& b) { return a.id < b.id; });
    return live;
}

std::span<const LiveRecordRef> LiveRecords::withId(uint64_t id) const {
    auto [lo, hi] = std::equal_range(
        refs_.begin(), refs_.end(), LiveRecordRef{id, 0, 0, 0},
        [](const LiveRecordRef& a, const LiveRecordRef& b) { return a.id < b.id; });
    return {lo, hi};
}

} // namespace evtx
