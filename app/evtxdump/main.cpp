// evtxdump: writes the records of .evtx files as XML, JSON, JSONL or CSV,
// with the command-line interface of the reference evtx_dump. Several
// inputs, or a folder, are found by discoverLogs and written one after the
// other, each as a run on that file alone writes it.
#include "evtx/query/record_filter.hpp"
#include "evtxdump/options.hpp"
#include "evtxdump/output.hpp"
#include "evtxdump/query_options.hpp"
#include "evtxdump/runs.hpp"

#include <CLI/CLI.hpp>

#include <malloc.h>
#include <optional>
#include <string>

int main(int argc, char** argv) {
    using evtxdump::fail;
#ifdef __GLIBC__
    // Grow malloc's heaps 4 MB at a time: with -t 2 the worker's arena grew
    // by one mprotect per few pages, ~390 calls per 32 MB log, each taking
    // the address-space lock that the other thread's page faults need
    // (PERF.md, H22).
    mallopt(M_TOP_PAD, 4 << 20);
#endif
    CLI::App app{"Dump Windows Event Log (.evtx) records as XML, JSON or JSONL", "evtxdump"};
    app.set_version_flag("--version", std::string("evtxdump ") + EVTXVIEW_VERSION);
    evtxdump::Options o;
    evtxdump::declareOptions(app, o);
    CLI11_PARSE(app, argc, argv);

    evtx::DumpOptions opt;
    std::string error;
    if (!evtxdump::dumpOptionsFrom(o, opt, error)) return fail(error);
    if (!o.maps.empty() && o.format != "csv") return fail("--maps applies to -o csv");
    if (o.sigma.empty() && (o.sigmaSummary || !o.minLevel.empty()))
        return fail("--sigma-summary and --min-level apply to --sigma");
    if (!o.sigma.empty() && (o.check || o.countOnly || o.format == "csv"))
        return fail("--sigma cannot be used with --check, --count or -o csv");
    std::string queryMessage;
    auto query = evtxdump::queryFromOptions(o.filter, o.xpath, o.queryFile, queryMessage);
    if (!query) return fail(queryMessage);
    std::optional<evtx::QueryRecordFilter> recordFilter;
    if (o.countOnly || !query->matchesAll()) {
        recordFilter.emplace(*query, o.countOnly);
        opt.filter = &*recordFilter;
    }

    if (o.sourceFile && o.format != "json" && o.format != "jsonl")
        return fail(
            "--source-file applies to -o json and -o jsonl (CSV has its SourceFile column)");
    const evtx::QueryRecordFilter* countFilter = o.countOnly ? &*recordFilter : nullptr;
    return evtxdump::runInputs(o, opt, countFilter);
}
