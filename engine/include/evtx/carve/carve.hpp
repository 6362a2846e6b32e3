// Record recovery: finds event records the normal walk does not reach (in a
// chunk's slack space after its last record, and in chunks whose header is
// damaged) by scanning for record-shaped bytes, and validates each one
// (README, evtxdump --recover). A record whose template definition was
// overwritten is still produced, with its raw substitution values (partial).
// Only plausible events are produced (evtx/carve/plausibility.hpp); a copy
// of a live record is counted, not produced again.
#pragma once

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/carve/plausibility.hpp"
#include "evtx/carve/recovery_note.hpp"
#include "evtx/format/bytes.hpp"
#include "evtx/format/chunk_reader.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace evtx {

enum class RecoverySource {
    Slack,        // after the last record the chunk header names (or a broken walk)
    DamagedChunk, // a chunk whose header is unusable (bad magic or checksum)
};

const char* recoverySourceName(RecoverySource s); // "slack", "damaged chunk"

// A template instance whose definition could not be resolved: its values as
// stored, typed by their descriptors.
struct RawTemplateInstance {
    uint32_t definitionOffset = 0;
    std::optional<std::array<uint8_t, 16>> guid; // when the definition header survived
    std::vector<Value> values;                   // spans into the chunk
    std::string reason;                          // why the template is unusable
};

struct RecoveredRecord {
    RecordHeader header; // chunk offset, size, id, written time
    RecoverySource source = RecoverySource::Slack;
    // Set when the record could not be parsed against its template: then
    // `raw` holds its values and the RecordTree passed along is empty.
    std::optional<RawTemplateInstance> raw;
    // It carries the record id of a live record of the file, with other
    // content (what tampering or a rewritten chunk leaves behind).
    bool conflictsWithLive = false;
};

// A record-shaped candidate that was not produced, and why.
struct CarveNote {
    enum class Kind {
        Rejected,   // not a plausible event (`reason`)
        CopyOfLive, // the same event as the live record with its id
        IsLive,     // the live record itself (never listed)
    };
    Kind kind = Kind::Rejected;
    RecordHeader header;
    std::string reason;
};

// The note a candidate of chunk `chunk` leaves (not for IsLive).
RecoveryNote recoveryNoteOf(CarveNote&& note, uint64_t chunk);

// The record-shape test: magic 2a2a0000, size at least 28 and inside the
// chunk, and the trailing size copy equal to the size.
bool looksLikeRecord(Bytes chunk, size_t offset, RecordHeader& rec);

// Validates the record-shaped bytes at `offset` as the carve does (the
// viewer reads a recovered record again this way): Recovered with `out`
// filled and `tree` holding the record unless it is raw; Rejected with
// `reason`; NoRecord when the bytes do not have a record's shape.
enum class CarveResult { NoRecord, Rejected, Recovered };
CarveResult carveRecordAt(Bytes chunk, size_t offset, RecoverySource source, ChunkBinXml& binxml,
                          RecordTree& tree, RecoveredRecord& out, std::string& reason);

// Scans chunk offsets [from, chunk end) and calls `found` for each record
// that validates, is plausible in `context` and is not a copy of a live
// record (with `tree` holding the parsed record unless it is raw). Produced
// records and copies are skipped over; other offsets are tried byte by byte.
// Candidates not produced go to `notes`. Returns the number produced.
using RecoveredSink = std::function<void(const RecoveredRecord&, const RecordTree&)>;
size_t carveChunk(Bytes chunk, size_t from, RecoverySource source, ChunkBinXml& binxml,
                  RecordTree& tree, const CarveContext& context, const RecoveredSink& found,
                  std::vector<CarveNote>* notes = nullptr);

// Where the carve of a walked chunk's slack starts: where the walk ended,
// or, when it broke off on bytes that are no record header, at the last
// record it read: a size that led the walk astray may hide a newer record
// in that record's tail (the record itself is not carved again).
size_t slackCarveStart(const ChunkReader& walked);

// Where the carve of a chunk starts: after the records the normal walk reads
// (their end, or where the walk broke off), or right after the header of a
// chunk whose header cannot be trusted. Nullopt for an all-zero chunk.
struct CarvePlan {
    size_t from = kChunkHeaderSize;
    RecoverySource source = RecoverySource::Slack;
};
std::optional<CarvePlan> planCarve(Bytes chunk, bool validateChecksums);

} // namespace evtx
