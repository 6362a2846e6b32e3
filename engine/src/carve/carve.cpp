#include "evtx/carve/carve.hpp"

#include "raw_instance.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace evtx {

const char* recoverySourceName(RecoverySource s) {
    return s == RecoverySource::Slack ? "slack" : "damaged chunk";
}

std::string RecoveryNote::toString() const {
    char where[112];
    std::snprintf(where, sizeof where,
                  "chunk %llu (file offset 0x%llx), record %llu: ", (unsigned long long)chunk,
                  (unsigned long long)fileOffset, (unsigned long long)recordId);
    return std::string(where) + "not written: " + reason;
}

RecoveryNote recoveryNoteOf(CarveNote&& note, uint64_t chunk) {
    return {note.kind == CarveNote::Kind::CopyOfLive ? RecoveryNote::Kind::CopyOfLive
                                                     : RecoveryNote::Kind::Rejected,
            chunk, kFileHeaderBlock + chunk * kChunkSize + note.header.offset, note.header.id,
            std::move(note.reason)};
}

bool looksLikeRecord(Bytes chunk, size_t offset, RecordHeader& rec) {
    if (offset + 28 > chunk.size()) return false;
    const uint8_t* p = chunk.data() + offset;
    if (loadLE<uint32_t>(p) != 0x00002a2a) return false;
    const uint32_t size = loadLE<uint32_t>(p + 4);
    if (size < 28 || size > chunk.size() - offset) return false;
    if (loadLE<uint32_t>(p + size - 4) != size) return false;
    rec.offset = offset;
    rec.size = size;
    rec.id = loadLE<uint64_t>(p + 8);
    rec.writtenTime = loadLE<uint64_t>(p + 16);
    return true;
}

namespace {

// The next offset >= from holding the record magic, or npos.
size_t findMagic(Bytes chunk, size_t from) {
    static constexpr uint8_t kMagic[4] = {0x2a, 0x2a, 0, 0};
    if (from >= chunk.size()) return std::string::npos;
    auto it = std::search(chunk.begin() + long(from), chunk.end(), kMagic, kMagic + 4);
    return it == chunk.end() ? std::string::npos : size_t(it - chunk.begin());
}

} // namespace

CarveResult carveRecordAt(Bytes chunk, size_t offset, RecoverySource source, ChunkBinXml& binxml,
                          RecordTree& tree, RecoveredRecord& out, std::string& reason) {
    out.source = source;
    out.raw.reset();
    reason.clear();
    if (!looksLikeRecord(chunk, offset, out.header)) return CarveResult::NoRecord;
    const auto prefix = recover::readInstancePrefix(chunk, out.header);
    std::string error;
    // A definition that is no longer in place would parse as whatever
    // overwrote it: use the raw values instead of rendering garbage.
    if (prefix && !recover::definitionInPlace(chunk, *prefix)) {
        error = "template definition at chunk offset " + std::to_string(prefix->definitionOffset) +
                " was overwritten";
    } else {
        error = binxml.parseRecord(out.header.binxmlBegin(), out.header.binxmlEnd(), tree);
        if (error.empty()) return CarveResult::Recovered;
    }
    RawTemplateInstance raw;
    std::string rawError = prefix ? recover::readRawInstance(chunk, out.header, raw) : error;
    if (!prefix || !rawError.empty()) {
        reason = prefix ? error + "; as raw values: " + rawError : error;
        return CarveResult::Rejected;
    }
    raw.reason = std::move(error);
    out.raw = std::move(raw);
    tree.clear();
    return CarveResult::Recovered;
}

namespace {

// Produced, or noted with why not (`note` filled).
bool acceptCarved(Bytes chunk, RecoveredRecord& r, const RecordTree& tree,
                  const CarveContext& context, CarveNote& note) {
    note.header = r.header;
    note.reason = implausibility(r, tree, context.window);
    if (!note.reason.empty()) {
        note.kind = CarveNote::Kind::Rejected;
        return false;
    }
    switch (relateToLive(chunk, r, tree, context)) {
    case LiveRelation::IsLive:
        note.kind = CarveNote::Kind::IsLive;
        return false;
    case LiveRelation::CopyOfLive:
        note.kind = CarveNote::Kind::CopyOfLive;
        note.reason = "copy of live record " + std::to_string(r.header.id);
        return false;
    case LiveRelation::ConflictsWithLive:
        r.conflictsWithLive = true;
        return true;
    case LiveRelation::NewId:
        return true;
    }
    return true;
}

} // namespace

size_t carveChunk(Bytes chunk, size_t from, RecoverySource source, ChunkBinXml& binxml,
                  RecordTree& tree, const CarveContext& context, const RecoveredSink& found,
                  std::vector<CarveNote>* notes) {
    size_t count = 0;
    RecoveredRecord r;
    CarveNote note;
    for (size_t off = findMagic(chunk, from); off != std::string::npos;
         off = findMagic(chunk, off)) {
        switch (carveRecordAt(chunk, off, source, binxml, tree, r, note.reason)) {
        case CarveResult::Recovered:
            r.conflictsWithLive = false;
            if (acceptCarved(chunk, r, tree, context, note)) {
                found(r, tree);
                ++count;
                off += r.header.size; // produced records are skipped over
            } else if (note.kind == CarveNote::Kind::IsLive) {
                ++off; // the walk read it; a newer record may sit in its tail
            } else if (note.kind == CarveNote::Kind::CopyOfLive) {
                if (notes) notes->push_back(note);
                off += r.header.size;
            } else {
                if (notes) notes->push_back(note);
                ++off;
            }
            break;
        case CarveResult::Rejected:
            if (notes) notes->push_back({CarveNote::Kind::Rejected, r.header, note.reason});
            ++off;
            break;
        case CarveResult::NoRecord:
            ++off;
            break;
        }
    }
    return count;
}

size_t slackCarveStart(const ChunkReader& walked) {
    if (walked.brokeOff() && walked.lastRecordOffset() != 0) return walked.lastRecordOffset();
    return walked.position();
}

std::optional<CarvePlan> planCarve(Bytes chunk, bool validateChecksums) {
    if (std::all_of(chunk.begin(), chunk.end(), [](uint8_t b) { return b == 0; }))
        return std::nullopt;
    ChunkReader reader(chunk, validateChecksums);
    if (!reader.ok()) return CarvePlan{kChunkHeaderSize, RecoverySource::DamagedChunk};
    RecordHeader rec;
    std::string error;
    while (reader.next(rec, error) == ChunkReader::Step::Record) {
    }
    return CarvePlan{slackCarveStart(reader), RecoverySource::Slack};
}

} // namespace evtx
