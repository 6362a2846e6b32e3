// The integrity report of a possibly damaged or tampered log (evtxdump
// --check, the viewer's integrity panel): file header state, chunk count and
// chunk damage, unreadable records, record id gaps and duplicates, time
// going backwards, and how many records recovery finds.
#pragma once

#include "evtx/carve/recovery_note.hpp"
#include "evtx/format/bytes.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evtx {

struct IntegrityReport {
    // --- file header -----------------------------------------------------
    uint64_t fileSize = 0;
    bool headerValid = false; // magic and size; nothing else is read without it
    std::string headerError;
    bool headerCrcOk = false;
    uint32_t flags = 0;
    bool dirty = false; // not closed cleanly
    bool full = false;
    uint16_t majorVersion = 0, minorVersion = 0;
    uint16_t headerChunkCount = 0;
    uint64_t headerNextRecordId = 0;

    // --- chunks ----------------------------------------------------------
    uint64_t chunkBlocks = 0; // 64 KiB blocks after the header (a partial one counts)
    uint64_t chunksWithMagic = 0;
    uint64_t emptyChunks = 0; // all zeros: unused, not damage
    struct ChunkIssue {
        uint64_t chunk = 0;
        uint64_t fileOffset = 0;
        std::string problem;
    };
    std::vector<ChunkIssue> chunkIssues; // bad magic, checksums, header ids, truncation

    // --- records (read by the normal walk) -------------------------------
    uint64_t records = 0; // parsed without error
    std::optional<uint64_t> firstRecordId, lastRecordId;
    struct RecordIssue {
        uint64_t chunk = 0;
        uint64_t fileOffset = 0;
        std::optional<uint64_t> recordId;
        std::string reason;
    };
    std::vector<RecordIssue> recordIssues;
    struct IdGap {
        uint64_t first = 0, last = 0; // missing ids, inclusive
    };
    std::vector<IdGap> idGaps;
    uint64_t missingIds = 0;
    struct DuplicateId {
        uint64_t id = 0;
        uint32_t count = 0;
    };
    std::vector<DuplicateId> duplicateIds;
    // A record (in id order) older than the one before it.
    struct TimeStep {
        uint64_t recordId = 0, previousRecordId = 0;
        uint64_t time = 0, previousTime = 0; // FILETIME
    };
    std::vector<TimeStep> writtenTimeBackwards; // record header's written time
    std::vector<TimeStep> createdTimeBackwards; // System/TimeCreated

    // --- recovery (evtxdump --recover) -----------------------------------
    uint64_t recovered = 0;
    uint64_t recoveredFromSlack = 0, recoveredFromDamagedChunks = 0;
    uint64_t recoveredTemplateLost = 0; // partial: written with raw values
    uint64_t recoveredNewIds = 0;       // ids none of the live records has
    uint64_t recoveredConflicts = 0;    // a live record's id with other content
    // Record-shaped candidates --recover does not write: copies of live
    // records, and bytes that are not a plausible event (with the reason).
    uint64_t carvedCopies = 0;
    std::vector<RecoveryNote> carveRejections; // kind Rejected

    bool cancelled = false; // checkIntegrity was cancelled: the report is partial

    bool chunkCountMatches() const { return headerChunkCount == chunksWithMagic; }
    // Nothing a responder should look at.
    bool clean() const;
};

// Reads the whole file (single-threaded; every record is parsed).
IntegrityReport checkIntegrity(Bytes file);
// The same, reporting chunks done of all chunk blocks after each chunk (on
// the calling thread) and stopping early, with `cancelled` set, on cancel.
using IntegrityProgress = std::function<void(uint64_t done, uint64_t total)>;
IntegrityReport checkIntegrity(Bytes file, const IntegrityProgress& progress,
                               const std::atomic<bool>* cancel);

// The report as text for people (the sections of integrity_sections.hpp,
// lists cut at `maxListed` items), or as one JSON object (README, evtxdump
// --check -o json).
std::string integrityText(const IntegrityReport& r, std::string_view fileName,
                          size_t maxListed = 20);
std::string integrityJson(const IntegrityReport& r, std::string_view fileName);

} // namespace evtx
