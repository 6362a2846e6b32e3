#include "histogram/histogram_counts.hpp"

#include <QCoreApplication>

#include <algorithm>

namespace evtxui {

namespace {
// Rows between looks at the cancel flag.
constexpr size_t kCancelStride = size_t(1) << 16;

// Calls f(row) for each row (every index row when `rows` is null), in
// strides; false when cancelled.
template <typename F>
bool forEachRow(size_t size, const std::vector<uint32_t>* rows, const std::atomic<bool>* cancel,
                F f) {
    const size_t n = rows ? rows->size() : size;
    for (size_t begin = 0; begin < n; begin += kCancelStride) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return false;
        const size_t end = std::min(n, begin + kCancelStride);
        if (rows)
            for (size_t i = begin; i < end; ++i)
                f((*rows)[i]);
        else
            for (size_t i = begin; i < end; ++i)
                f(i);
    }
    return true;
}
} // namespace

LevelBand levelBand(uint8_t level) {
    switch (level) {
    case 1:
        return LevelBand::Critical;
    case 2:
        return LevelBand::Error;
    case 3:
        return LevelBand::Warning;
    case 0:
    case 4:
        return LevelBand::Information;
    case 5:
        return LevelBand::Verbose;
    default:
        return LevelBand::Other;
    }
}

QString levelBandName(LevelBand band) {
    static const char* const names[kLevelBandCount] = {"Critical",    "Error",   "Warning",
                                                       "Information", "Verbose", "Other levels"};
    return QCoreApplication::translate("Histogram", names[int(band)]);
}

uint64_t HistogramCounts::bucketTotal(int bucket) const {
    uint64_t n = 0;
    for (uint64_t c : counts[size_t(bucket)])
        n += c;
    return n;
}

uint64_t HistogramCounts::largestBucket() const {
    uint64_t most = 0;
    for (int b = 0; b < int(counts.size()); ++b)
        most = std::max(most, bucketTotal(b));
    return most;
}

HistogramCounts countHistogram(const evtx::RecordIndex& index, const std::vector<uint32_t>* rows,
                               int maxBuckets, TimeZoneMode mode, const std::atomic<bool>* cancel) {
    HistogramCounts out;
    const evtx::IndexColumns& c = index.columns();
    const size_t n = rows ? rows->size() : index.size();
    if (n == 0) return out;
    out.window = saneTimeWindow(c);
    const TimeWindow window = out.window;
    uint64_t first = UINT64_MAX, last = 0, inside = 0;
    if (!forEachRow(index.size(), rows, cancel, [&](size_t r) {
            const uint64_t t = c.timeCreated(r);
            if (!window.contains(t)) return;
            ++inside;
            first = std::min(first, t);
            last = std::max(last, t);
        })) {
        out.cancelled = true;
        return out;
    }
    out.outside = n - inside;
    if (inside == 0) return out; // nothing to draw: no buckets
    out.first = first;
    out.last = last;
    out.buckets = chooseTimeBuckets(first, last, maxBuckets, mode);
    out.counts.assign(size_t(out.buckets.size()), BandCounts{});
    // Fixed widths divide; calendar widths (days and longer) search the edges.
    const TimeBuckets& b = out.buckets;
    const uint64_t start = b.edges.front();
    std::array<uint8_t, 256> bandOf; // levelBand without its switch per row
    for (size_t level = 0; level < bandOf.size(); ++level)
        bandOf[level] = uint8_t(levelBand(uint8_t(level)));
    BandCounts* counts = out.counts.data();
    const auto count = [&](size_t r, size_t bucket) { ++counts[bucket][bandOf[c.level(r)]]; };
    const bool done = b.step ? forEachRow(index.size(), rows, cancel,
                                          [&](size_t r) {
                                              const uint64_t t = c.timeCreated(r);
                                              if (window.contains(t))
                                                  count(r, size_t((t - start) / b.step));
                                          })
                             : forEachRow(index.size(), rows, cancel, [&](size_t r) {
                                   const uint64_t t = c.timeCreated(r);
                                   if (window.contains(t)) count(r, size_t(b.bucketOf(t)));
                               });
    out.cancelled = !done;
    out.total = done ? inside : 0;
    return out;
}

} // namespace evtxui
