#include "evtxdump/runs.hpp"

#include "evtx/case/discovery.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"
#include "evtxdump/dumper.hpp"
#include "evtxdump/integrity.hpp"
#include "evtxdump/output.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <sys/stat.h>
#include <vector>

namespace evtxdump {
namespace {

// The bytes of PATH, or of standard input for "-"; null with `error` set.
std::unique_ptr<evtx::Input> readInput(const std::string& path, std::string& error) {
    if (path != "-") return evtx::Input::openFile(path, error);
    std::vector<uint8_t> bytes;
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0)
        bytes.insert(bytes.end(), buf, buf + n);
    if (std::ferror(stdin)) {
        error = "cannot read standard input";
        return nullptr;
    }
    return evtx::Input::fromBuffer(std::move(bytes));
}

// One input, a file or standard input: exactly the single-file evtxdump.
int runSingle(const Options& o, evtx::DumpOptions& opt,
              const evtx::QueryRecordFilter* countFilter) {
    std::string error;
    auto in = readInput(o.inputs[0], error);
    if (!in) return fail(error);
    const std::string path = o.inputs[0] == "-" ? std::string() : o.inputs[0];
    const std::string name = path.empty() ? std::string("<stdin>") : path;
    if (o.check) return printIntegrity(o, *in, name);
    if (!evtx::parseFileHeader(in->bytes(), error)) return fail(name + ": " + error);
    FILE* out = openOutput(o, error);
    if (!out) return fail(error);
    std::vector<Source> sources;
    sources.push_back({path, name, std::move(in)});
    return Dumper(o, opt, out, countFilter).run(sources);
}

// Several inputs or a folder: the logs discoverLogs finds, in its order;
// what it skips is named on stderr (what it ignores too, with -v).
int runCase(const Options& o, evtx::DumpOptions& opt, const evtx::QueryRecordFilter* countFilter) {
    if (std::find(o.inputs.begin(), o.inputs.end(), "-") != o.inputs.end())
        return fail("standard input (-) cannot be read with other inputs");
    const evtx::LogDiscovery found = evtx::discoverLogs(o.inputs);
    for (const auto& n : found.skipped)
        std::fprintf(stderr, "evtxdump: skipped %s: %s\n", n.path.c_str(), n.reason.c_str());
    if (o.verbosity > 0)
        for (const auto& n : found.ignored)
            std::fprintf(stderr, "evtxdump: ignored %s: %s\n", n.path.c_str(), n.reason.c_str());
    if (found.logs.empty()) return fail("no EVTX log found in the inputs");
    if (o.check) return printIntegrityOfLogs(o, found.logs);
    std::string error;
    FILE* out = openOutput(o, error);
    if (!out) return fail(error);
    std::vector<Source> sources;
    for (const evtx::CaseLog& log : found.logs)
        sources.push_back({log.path, log.path, nullptr});
    return Dumper(o, opt, out, countFilter).run(sources);
}

bool isFolder(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

} // namespace

int runInputs(const Options& o, evtx::DumpOptions& opt,
              const evtx::QueryRecordFilter* countFilter) {
    if (o.inputs.size() == 1 && !isFolder(o.inputs[0])) return runSingle(o, opt, countFilter);
    return runCase(o, opt, countFilter);
}

} // namespace evtxdump
