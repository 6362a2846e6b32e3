// When a carved record counts as an event (README, "Recovery"): bytes that
// merely have a record's shape are common in slack space, and a carve that
// writes them as records hands analysts events that never happened.
//
// The rule: the record header's sizes agree (looksLikeRecord), its record id
// is not 0, its BinXML parses (or, template lost, its values decode: then
// it is partial), it has a System/TimeCreated (unless partial), and both
// the header's written time and TimeCreated lie in the plausible window:
// from 1990-01-01 to one year after the newest live record's written time
// (2100-01-01 when the file has no live record).
#pragma once

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/format/bytes.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace evtx {

class LiveRecords;
struct RecoveredRecord;

inline constexpr uint64_t kFileTime1990 = 122756256000000000ull; // 1990-01-01 UTC
inline constexpr uint64_t kFileTime2100 = 157469184000000000ull; // 2100-01-01 UTC
inline constexpr uint64_t kFileTimeYear = 315360000000000ull;    // 365 days

struct TimeWindow {
    uint64_t earliest = kFileTime1990;
    uint64_t latest = kFileTime2100;
    bool contains(uint64_t t) const { return t >= earliest && t <= latest; }
    // The window for a file whose newest live record was written at
    // `newestLive` (0: none was read).
    static TimeWindow afterNewest(uint64_t newestLive);
};

// What a carve compares candidates with. Without `live` no candidate is
// compared with the live records (neither dropped as a copy nor marked).
struct CarveContext {
    Bytes file;
    const LiveRecords* live = nullptr;
    TemplateCache* cache = nullptr; // parses live records to compare content
    TimeWindow window;
};

// Empty when the recovered record is a plausible event, else why not.
std::string implausibility(const RecoveredRecord& r, const RecordTree& tree,
                           const TimeWindow& window);

// How a plausible carved record relates to the live records of its file.
enum class LiveRelation { NewId, IsLive, CopyOfLive, ConflictsWithLive };
// `chunk` holds the carved record; `tree` is its parse (empty when raw).
// IsLive: the candidate is a live record, at its place. A copy: the same
// record bytes, the same template values, or (parsed) the
// same rendering as a live record with its id.
LiveRelation relateToLive(Bytes chunk, const RecoveredRecord& r, const RecordTree& tree,
                          const CarveContext& context);

} // namespace evtx
