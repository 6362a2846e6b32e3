// Walks every chunk as the dump does (without rendering), keeping what a
// responder needs: damage found on the way, ids and times of the records
// read, and what carving finds besides.
#include "evtx/check/integrity.hpp"

#include "evtx/carve/carve.hpp"
#include "evtx/carve/live_records.hpp"
#include "evtx/format/chunk_reader.hpp"
#include "evtx/render/system_fields.hpp"

#include <algorithm>
#include <cstdio>

namespace evtx {
namespace {

std::string hex32(uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

struct SeenRecord {
    uint64_t id = 0;
    uint64_t written = 0;
    uint64_t created = 0;
    bool hasCreated = false;
};

class Checker {
  public:
    Checker(IntegrityReport& r, Bytes file) : r_(r), live_(LiveRecords::scan(file, false)) {
        carve_ =
            CarveContext{file, &live_, &cache_, TimeWindow::afterNewest(live_.newestWrittenTime())};
    }

    void chunk(uint64_t index, Bytes file) {
        const size_t base = kFileHeaderBlock + index * kChunkSize;
        Bytes chunk = chunkBytesOf(file, index);
        if (std::all_of(chunk.begin(), chunk.end(), [](uint8_t b) { return b == 0; })) {
            ++r_.emptyChunks;
            return;
        }
        if (chunk.size() < kChunkSize)
            r_.chunkIssues.push_back({index, base,
                                      "truncated: the file ends after " +
                                          std::to_string(chunk.size()) + " of " +
                                          std::to_string(kChunkSize) + " bytes"});
        if (chunk.size() < kChunkHeaderSize) return;
        ChunkReader reader(chunk, false);
        ChunkBinXml binxml(chunk, cache_);
        if (!reader.ok()) {
            r_.chunkIssues.push_back({index, base, reader.error()});
            carve(index, chunk, binxml, kChunkHeaderSize, RecoverySource::DamagedChunk);
            return;
        }
        ++r_.chunksWithMagic;
        const ChunkHeader& h = reader.header();
        if (const uint32_t crc = computeChunkHeaderCrc(chunk); crc != h.headerCrc)
            r_.chunkIssues.push_back({index, base,
                                      "header checksum mismatch: stored " + hex32(h.headerCrc) +
                                          ", computed " + hex32(crc)});
        if (const uint32_t crc = computeChunkDataCrc(chunk, h); crc != h.dataCrc)
            r_.chunkIssues.push_back({index, base,
                                      "data checksum mismatch: stored " + hex32(h.dataCrc) +
                                          ", computed " + hex32(crc)});
        walk(index, base, chunk, reader, binxml);
        carve(index, chunk, binxml, slackCarveStart(reader), RecoverySource::Slack);
    }

    void finish() {
        std::stable_sort(seen_.begin(), seen_.end(),
                         [](const SeenRecord& a, const SeenRecord& b) { return a.id < b.id; });
        const SeenRecord* prev = nullptr;
        for (size_t i = 0; i < seen_.size(); ++i) {
            const SeenRecord& s = seen_[i];
            if (prev && s.id == prev->id) {
                if (r_.duplicateIds.empty() || r_.duplicateIds.back().id != s.id)
                    r_.duplicateIds.push_back({s.id, 1});
                ++r_.duplicateIds.back().count;
                continue;
            }
            if (prev) {
                if (s.id > prev->id + 1) {
                    r_.idGaps.push_back({prev->id + 1, s.id - 1});
                    r_.missingIds += s.id - prev->id - 1;
                }
                if (s.written < prev->written)
                    r_.writtenTimeBackwards.push_back({s.id, prev->id, s.written, prev->written});
                if (s.hasCreated && prev->hasCreated && s.created < prev->created)
                    r_.createdTimeBackwards.push_back({s.id, prev->id, s.created, prev->created});
            }
            prev = &s;
        }
        if (!seen_.empty()) {
            r_.firstRecordId = seen_.front().id;
            r_.lastRecordId = seen_.back().id;
        }
        for (uint64_t id : recoveredIds_) {
            auto it = std::lower_bound(seen_.begin(), seen_.end(), id,
                                       [](const SeenRecord& s, uint64_t v) { return s.id < v; });
            if (it == seen_.end() || it->id != id) ++r_.recoveredNewIds;
        }
    }

  private:
    void walk(uint64_t index, size_t base, Bytes chunk, ChunkReader& reader, ChunkBinXml& binxml) {
        RecordHeader rec;
        std::string error;
        std::optional<uint64_t> first, last;
        for (;;) {
            const auto step = reader.next(rec, error);
            if (step == ChunkReader::Step::End) break;
            if (step == ChunkReader::Step::Error) {
                r_.recordIssues.push_back({index, base + reader.position(), std::nullopt, error});
                break;
            }
            if (!first) first = rec.id;
            last = rec.id;
            const uint32_t copy = loadLE<uint32_t>(chunk.data() + rec.offset + rec.size - 4);
            if (copy != rec.size)
                r_.recordIssues.push_back({index, base + rec.offset, rec.id,
                                           "size copy at the record's end is " +
                                               std::to_string(copy) + ", not " +
                                               std::to_string(rec.size)});
            error = binxml.parseRecord(rec.binxmlBegin(), rec.binxmlEnd(), tree_);
            if (!error.empty()) {
                r_.recordIssues.push_back({index, base + rec.offset, rec.id, error});
                continue;
            }
            ++r_.records;
            fields_.clear();
            system_.read(tree_, fields_);
            seen_.push_back({rec.id, rec.writtenTime, fields_.timeCreated, fields_.hasTimeCreated});
        }
        const ChunkHeader& h = reader.header();
        if (first && (h.firstRecordId != *first || h.lastRecordId != *last))
            r_.chunkIssues.push_back({index, base,
                                      "header names records " + std::to_string(h.firstRecordId) +
                                          ".." + std::to_string(h.lastRecordId) +
                                          ", the chunk holds " + std::to_string(*first) + ".." +
                                          std::to_string(*last)});
    }

    void carve(uint64_t index, Bytes chunk, ChunkBinXml& binxml, size_t from,
               RecoverySource source) {
        notes_.clear();
        carveChunk(
            chunk, from, source, binxml, tree_, carve_,
            [&](const RecoveredRecord& rec, const RecordTree&) {
                ++r_.recovered;
                ++(source == RecoverySource::Slack ? r_.recoveredFromSlack
                                                   : r_.recoveredFromDamagedChunks);
                if (rec.raw) ++r_.recoveredTemplateLost;
                if (rec.conflictsWithLive) ++r_.recoveredConflicts;
                recoveredIds_.push_back(rec.header.id);
            },
            &notes_);
        for (CarveNote& n : notes_) {
            if (n.kind == CarveNote::Kind::CopyOfLive)
                ++r_.carvedCopies;
            else
                r_.carveRejections.push_back(recoveryNoteOf(std::move(n), index));
        }
    }

    IntegrityReport& r_;
    TemplateCache cache_;
    LiveRecords live_;
    CarveContext carve_;
    std::vector<CarveNote> notes_;
    RecordTree tree_;
    SystemFieldReader system_;
    SystemFields fields_;
    std::vector<SeenRecord> seen_;
    std::vector<uint64_t> recoveredIds_;
};

} // namespace

bool IntegrityReport::clean() const {
    return headerValid && headerCrcOk && !dirty && chunkCountMatches() && chunkIssues.empty() &&
           recordIssues.empty() && idGaps.empty() && duplicateIds.empty() &&
           writtenTimeBackwards.empty() && createdTimeBackwards.empty();
}

IntegrityReport checkIntegrity(Bytes file) {
    return checkIntegrity(file, {}, nullptr);
}

IntegrityReport checkIntegrity(Bytes file, const IntegrityProgress& progress,
                               const std::atomic<bool>* cancel) {
    IntegrityReport r;
    r.fileSize = file.size();
    auto h = parseFileHeader(file, r.headerError);
    if (!h) return r;
    r.headerValid = true;
    r.headerCrcOk = h->crcMatches();
    r.flags = h->flags;
    r.dirty = h->isDirty();
    r.full = h->isFull();
    r.majorVersion = h->majorVersion;
    r.minorVersion = h->minorVersion;
    r.headerChunkCount = h->chunkCount;
    r.headerNextRecordId = h->nextRecordId;
    r.chunkBlocks = chunkCountOf(file);
    Checker checker(r, file);
    for (uint64_t i = 0; i < r.chunkBlocks; ++i) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            r.cancelled = true;
            return r;
        }
        checker.chunk(i, file);
        if (progress) progress(i + 1, r.chunkBlocks);
    }
    checker.finish();
    return r;
}

} // namespace evtx
