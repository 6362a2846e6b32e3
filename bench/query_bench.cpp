// Times queries over an indexed log, the way the viewer filters: indexed
// System fields only, then Data.* and whole-record text (records parsed).
// Prints matches and the best of 3 runs per query.
// Usage: query_bench FILE [THREADS] [FILTER...]
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"
#include "evtx/index/index_builder.hpp"
#include "evtx/query/index_filter.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

const std::vector<std::string> kDefaultFilters = {
    "EventID == 4624",
    "EventID in (4624..4634, 4672) and Level == 0 and Provider contains \"auditing\"",
    "TimeCreated >= \"2017-01-01T00:00:00Z\" or Computer ~ \"^win-\"",
    "EventID == 4624 and Data.LogonType == 5",
    "Data.TargetUserName == \"SYSTEM\"",
    "Data.TargetUserName ~ \"^adm\"",
    "\"lsass.exe\"",
};

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: query_bench FILE [THREADS] [FILTER...]\n");
        return 2;
    }
    std::string error;
    auto input = evtx::Input::openFile(argv[1], error);
    if (!input || !evtx::parseFileHeader(input->bytes(), error)) {
        std::fprintf(stderr, "query_bench: %s: %s\n", argv[1], error.c_str());
        return 1;
    }
    const unsigned threads = argc > 2 ? unsigned(std::atoi(argv[2])) : 0;
    std::vector<std::string> filters(argv + std::min(argc, 3), argv + argc);
    if (filters.empty()) filters = kDefaultFilters;

    evtx::TemplateCache cache;
    evtx::RecordIndex index;
    evtx::IndexOptions options;
    options.threads = threads;
    const auto indexStart = Clock::now();
    evtx::IndexBuilder builder(input->bytes(), cache, options,
                               [&](evtx::IndexBatch&& b) { index.append(b); });
    builder.runHere();
    std::printf("%s: %zu records indexed in %.1f ms (threads %u)\n", argv[1], index.size(),
                msSince(indexStart), threads);

    evtx::IndexFilterRequest request;
    request.file = input->bytes();
    request.cache = &cache;
    request.index = &index;
    request.threads = threads;
    for (const std::string& filter : filters) {
        evtx::QueryError qerror;
        auto query = evtx::Query::parse(filter, qerror);
        if (!query) {
            std::fprintf(stderr, "query_bench: %s: %s\n", filter.c_str(),
                         qerror.toString().c_str());
            return 1;
        }
        double best = 1e300;
        size_t matches = 0;
        for (int run = 0; run < 3; ++run) {
            const auto start = Clock::now();
            matches = evtx::filterIndex(*query, request).rows.size();
            best = std::min(best, msSince(start));
        }
        std::printf("%9.2f ms %8zu matches %7.1f M rows/s  %s%s\n", best, matches,
                    double(index.size()) / best / 1000.0, filter.c_str(),
                    query->needsRecord() ? "  [parses records]" : "");
    }
    const auto namesStart = Clock::now();
    const auto names = evtx::collectDataFieldNames(request);
    std::printf("%9.2f ms %8zu Data.* names (collectDataFieldNames, every record)\n",
                msSince(namesStart), names.size());
    return 0;
}
