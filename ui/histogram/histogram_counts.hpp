// Events per time bucket and level over a set of index rows, read from the
// TimeCreated and Level columns alone (no record is parsed): what the time
// histogram draws. Runs on the pool; the index must not change meanwhile.
#pragma once

#include "document/time_window.hpp"
#include "histogram/time_buckets.hpp"

#include "evtx/index/record_index.hpp"

#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

namespace evtxui {

// The stacked bands, bottom to top. Level 0 (LogAlways, what audits use)
// counts as Information, as Event Viewer shows it; levels above 5 are
// provider-defined and go to Other.
enum class LevelBand { Critical, Error, Warning, Information, Verbose, Other };
inline constexpr int kLevelBandCount = 6;

LevelBand levelBand(uint8_t level);
QString levelBandName(LevelBand band);

using BandCounts = std::array<uint64_t, kLevelBandCount>;

struct HistogramCounts {
    TimeBuckets buckets;
    std::vector<BandCounts> counts; // one per bucket
    uint64_t total = 0;             // rows counted (all inside the window, unless cancelled)
    uint64_t outside = 0;           // rows left out: TimeCreated outside the window
    uint64_t first = 0, last = 0;   // the counted rows' earliest and latest TimeCreated
    TimeWindow window;              // the index's sane time window (time_window.hpp)
    bool cancelled = false;

    uint64_t bucketTotal(int bucket) const;
    uint64_t largestBucket() const;
};

// `rows` null: every row of the index. Rows whose time is outside the
// index's sane time window are left out (counted in `outside`); buckets are
// chosen from the other rows' time span (at most `maxBuckets`), then each
// of them is counted in one. `cancel` (may be null) stops early with
// `cancelled` set.
HistogramCounts countHistogram(const evtx::RecordIndex& index, const std::vector<uint32_t>* rows,
                               int maxBuckets, TimeZoneMode mode,
                               const std::atomic<bool>* cancel = nullptr);

} // namespace evtxui
