// Indexes one .evtx file the way the viewer does and prints: time to the
// first batch, full index time, bytes per record of the index, peak RSS,
// and the time to sort the index by date. Usage: index_bench FILE [THREADS]
// EVTX_KEEP_PAGES=1 keeps indexed chunks' pages resident (the viewer releases
// them).
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"
#include "evtx/index/index_builder.hpp"
#include "evtx/index/sort.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// A /proc/self/status field in KiB (VmHWM: peak RSS; RssAnon: heap etc.,
// without the pages of the mapped file).
long statusKiB(const std::string& field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
    return -1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: index_bench FILE [THREADS]\n");
        return 2;
    }
    std::string error;
    auto input = evtx::Input::openFile(argv[1], error);
    if (!input) {
        std::fprintf(stderr, "index_bench: %s\n", error.c_str());
        return 1;
    }
    if (!evtx::parseFileHeader(input->bytes(), error)) {
        std::fprintf(stderr, "index_bench: %s: %s\n", argv[1], error.c_str());
        return 1;
    }
    evtx::IndexOptions opt;
    opt.threads = argc > 2 ? unsigned(std::atoi(argv[2])) : 0;
    const char* keep = std::getenv("EVTX_KEEP_PAGES");
    if (!keep || std::string(keep) != "1")
        opt.chunkIndexed = [&input](evtx::Bytes chunk) { input->releasePages(chunk); };

    evtx::TemplateCache cache;
    evtx::RecordIndex index;
    uint64_t errors = 0, batches = 0;
    double firstBatchMs = -1;
    const auto start = Clock::now();
    evtx::IndexBuilder builder(input->bytes(), cache, opt, [&](evtx::IndexBatch&& b) {
        if (firstBatchMs < 0 && !b.rows.empty()) firstBatchMs = msSince(start);
        ++batches;
        errors += b.errors.size();
        index.append(b);
    });
    builder.runHere();
    const double fullMs = msSince(start);

    const auto sortStart = Clock::now();
    auto perm = evtx::sortPermutation(evtx::sortKeys(index, evtx::IndexField::TimeCreated), false);
    const double sortMs = msSince(sortStart);

    const double mib = double(input->bytes().size()) / (1024.0 * 1024.0);
    const size_t n = index.size();
    std::printf("file               %s (%.1f MiB, %llu chunks)\n", argv[1], mib,
                (unsigned long long)evtx::chunkCountOf(input->bytes()));
    std::printf("records            %zu (%llu errors, %llu batches, %zu strings)\n", n,
                (unsigned long long)errors, (unsigned long long)batches, index.strings().size());
    std::printf("first batch        %.1f ms\n", firstBatchMs);
    std::printf("full index         %.1f ms (%.0f MiB/s, %.2f M records/s)\n", fullMs,
                mib / (fullMs / 1000.0), n / (fullMs / 1000.0) / 1e6);
    std::printf("bytes per record   %zu in columns, %.1f used with strings, %.1f reserved\n",
                evtx::IndexColumns::bytesPerRow(), n ? double(index.usedBytes()) / n : 0.0,
                n ? double(index.allocatedBytes()) / n : 0.0);
    std::printf("sort by time       %.1f ms (%zu rows)\n", sortMs, perm.size());
    std::printf("peak RSS           %.1f MiB (VmHWM, mapped file pages included)\n",
                statusKiB("VmHWM") / 1024.0);
    std::printf("anonymous RSS      %.1f MiB (RssAnon at the end)\n",
                statusKiB("RssAnon") / 1024.0);
    return 0;
}
