#include "evtx/carve/recovery_census.hpp"

#include "evtx/carve/carve.hpp"
#include "evtx/carve/live_records.hpp"
#include "evtx/format/chunk_opening.hpp"

namespace evtx {

RecoveryCensus countRecoverable(Bytes file, bool validateChecksums, const std::atomic<bool>* cancel,
                                const std::function<void(Bytes)>& chunkDone) {
    RecoveryCensus census;
    if (file.size() < kFileHeaderBlock) return census;
    TemplateCache cache;
    const LiveRecords live = LiveRecords::scan(file, validateChecksums, chunkDone, cancel);
    const CarveContext context{file, &live, &cache,
                               TimeWindow::afterNewest(live.newestWrittenTime())};
    RecordTree tree;
    std::vector<CarveNote> notes;
    std::vector<DumpError> ignored;
    auto count = [&](const RecoveredRecord& r, const RecordTree&) {
        ++census.recovered;
        census.partial += r.raw ? 1 : 0;
        census.conflictsWithLive += r.conflictsWithLive ? 1 : 0;
    };
    const uint64_t chunks = chunkCountOf(file);
    for (uint64_t i = 0; i < chunks; ++i) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            census.cancelled = true;
            return census;
        }
        ignored.clear();
        notes.clear();
        OpenedChunk opened = openChunk(file, i, validateChecksums, ignored);
        ChunkBinXml binxml(opened.bytes, cache);
        if (opened.state == OpenedChunk::State::Damaged) {
            carveChunk(opened.bytes, kChunkHeaderSize, RecoverySource::DamagedChunk, binxml, tree,
                       context, count, &notes);
        } else if (opened.state == OpenedChunk::State::Readable) {
            RecordHeader rec;
            std::string error;
            while (opened.reader->next(rec, error) == ChunkReader::Step::Record) {
            }
            carveChunk(opened.bytes, slackCarveStart(*opened.reader), RecoverySource::Slack, binxml,
                       tree, context, count, &notes);
        }
        if (chunkDone) chunkDone(opened.bytes);
        for (const CarveNote& n : notes)
            ++(n.kind == CarveNote::Kind::CopyOfLive ? census.copiesOfLive : census.rejected);
    }
    return census;
}

} // namespace evtx
