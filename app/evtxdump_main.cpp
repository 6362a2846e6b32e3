// evtxdump: writes the records of .evtx files as XML, JSON, JSONL or CSV,
// with the command-line interface of the reference evtx_dump. Several
// inputs, or a folder, are found by discoverLogs and written one after the
// other, each as a run on that file alone writes it.
#include "evtx/case/discovery.hpp"
#include "evtx/case/source_tag.hpp"
#include "evtx/check/integrity.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"
#include "evtx/knowledge/csv_timeline.hpp"
#include "evtx/knowledge/evtxecmd_maps.hpp"
#include "evtx/query/record_filter.hpp"

#include <CLI/CLI.hpp>
#include <tbb/global_control.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <malloc.h>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace {

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

int fail(const std::string& message) {
    std::fprintf(stderr, "evtxdump: %s\n", message.c_str());
    return 1;
}

// "QUERY\n  ^" under a one-line query; "line:column" for a file.
std::string describeQueryError(const std::string& source, const std::string& text,
                               const evtx::QueryError& e, bool isFile) {
    if (!isFile)
        return source + ": " + e.toString() + "\n  " + text + "\n  " +
               std::string(e.position, ' ') + "^";
    const size_t at = std::min(e.position, text.size());
    const size_t lineStart = text.rfind('\n', at == 0 ? 0 : at - 1);
    const size_t line = size_t(std::count(text.begin(), text.begin() + long(at), '\n')) + 1;
    const size_t column = at - (lineStart == std::string::npos || at == 0 ? 0 : lineStart + 1) + 1;
    return source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + e.message;
}

// The query of --filter / --xpath / --query, or nullopt (and a message).
std::optional<evtx::Query> queryFromOptions(const std::string& filter, const std::string& xpath,
                                            const std::string& queryFile, std::string& message) {
    evtx::QueryError error;
    std::optional<evtx::Query> query;
    if (!filter.empty()) {
        query = evtx::Query::parse(filter, error);
        if (!query) message = describeQueryError("--filter", filter, error, false);
    } else if (!xpath.empty()) {
        query = evtx::Query::parseXPath(xpath, error);
        if (!query) message = describeQueryError("--xpath", xpath, error, false);
    } else if (!queryFile.empty()) {
        std::ifstream in(queryFile, std::ios::binary);
        if (!in) {
            message = "cannot read query file '" + queryFile + "'";
            return std::nullopt;
        }
        const std::string xml{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        query = evtx::Query::parseQueryList(xml, error);
        if (!query) message = describeQueryError(queryFile, xml, error, true);
    } else {
        query = evtx::Query();
    }
    return query;
}

// Joins TBB's worker threads when main returns: a worker can still hold
// TBB's record of the dump's last arena observer for a moment after the
// dump, and a process that exits then leaves it unfreed (LeakSanitizer
// reported it in CI).
struct TbbWorkersJoined {
    tbb::task_scheduler_handle handle{tbb::attach{}};
    ~TbbWorkersJoined() { tbb::finalize(handle, std::nothrow); }
};

// Everything the command line says.
struct Options {
    std::vector<std::string> inputs;
    std::string outputPath, format = "xml", events, ansiCodec = "windows-1252";
    unsigned threads = 0;
    bool noConfirm = false, validate = false, noIndent = false, separate = false,
         noRecordNumber = false, stopAfterOne = false;
    int verbosity = 0;
    std::string filter, xpath, queryFile;
    bool countOnly = false, recover = false, check = false, noPin = false, sourceFile = false;
    std::vector<std::string> maps;
};

void declareOptions(CLI::App& app, Options& o) {
    app.add_option("INPUT", o.inputs,
                   "EVTX logs (whatever their names) or folders of them (searched recursively), "
                   "or - for standard input")
        ->required();
    app.add_option("-o,--format", o.format, "output format")
        ->check(CLI::IsMember({"xml", "json", "jsonl", "csv"}))
        ->capture_default_str();
    app.add_option("-t,--threads", o.threads, "worker threads (0 = all cores)")
        ->capture_default_str();
    app.add_flag("--no-pin", o.noPin,
                 "let the OS place the worker threads (default: one CPU each when there are "
                 "enough)");
    app.add_option("-f,--output", o.outputPath, "write to FILE instead of standard output");
    app.add_flag("--no-confirm-overwrite", o.noConfirm, "overwrite the output file without asking");
    app.add_option("--events", o.events, "only these event record ids, e.g. 1-10,15");
    app.add_flag("--validate-checksums", o.validate, "skip chunks whose checksums do not match");
    app.add_flag("--no-indent", o.noIndent, "do not indent XML output");
    app.add_flag("--separate-json-attributes", o.separate,
                 "write attributes as NAME_attributes siblings instead of #attributes");
    app.add_flag("--dont-show-record-number", o.noRecordNumber,
                 "omit the 'Record N' lines of xml/json output");
    app.add_option("--ansi-codec", o.ansiCodec, "code page of ANSI strings")->capture_default_str();
    app.add_flag("--stop-after-one-error", o.stopAfterOne, "stop at the first damaged record");
    auto* filterOpt = app.add_option("--filter", o.filter,
                                     "only records matching EXPR, e.g. 'EventID == 4624 and "
                                     "Data.TargetUserName == \"SYSTEM\"'");
    auto* xpathOpt = app.add_option("--xpath", o.xpath,
                                    "only records matching an Event Viewer XPath query, e.g. "
                                    "'*[System[EventID=4624]]'");
    auto* queryOpt =
        app.add_option("--query", o.queryFile, "only records selected by a QueryList XML file");
    filterOpt->excludes(xpathOpt)->excludes(queryOpt);
    xpathOpt->excludes(queryOpt);
    app.add_flag("--count", o.countOnly, "print only the number of matching records");
    app.add_flag("--recover", o.recover,
                 "also write records carved from slack space and damaged chunks, marked "
                 "as recovered");
    app.add_flag("--check", o.check,
                 "print an integrity report instead of the records (-o json: as JSON)");
    app.add_option("--maps", o.maps,
                   "-o csv: EvtxECmd .map files (a folder, searched recursively, or a file) "
                   "for the map columns; repeatable, later maps win")
        ->type_name("DIR");
    app.add_flag("--source-file", o.sourceFile,
                 "-o json/jsonl: add the log's path to each record as the first key, "
                 "\"#source_file\"");
    app.add_flag("-v,--verbose", o.verbosity, "more messages on standard error (repeatable)");
}

// The engine's options from the command line's; false with `error` set.
bool dumpOptionsFrom(const Options& o, evtx::DumpOptions& opt, std::string& error) {
    opt.format = o.format == "xml" || o.format == "csv" ? evtx::OutputFormat::Xml
                 : o.format == "json"                   ? evtx::OutputFormat::Json
                                                        : evtx::OutputFormat::Jsonl;
    opt.threads = o.threads;
    opt.pinThreads = !o.noPin;
    opt.validateChecksums = o.validate;
    opt.showRecordNumber = !o.noRecordNumber;
    opt.stopAfterOneError = o.stopAfterOne;
    opt.recover = o.recover;
    opt.render.indent = !o.noIndent;
    opt.render.separateJsonAttributes = o.separate;
    opt.render.ansi = evtx::AnsiCodec::byName(o.ansiCodec);
    if (!opt.render.ansi) {
        error = "unknown ANSI codec '" + o.ansiCodec + "'";
        return false;
    }
    if (!o.events.empty()) {
        opt.records = evtx::RecordRanges::parse(o.events, error);
        if (!opt.records) return false;
    }
    return true;
}

// --check: the integrity report, as text or JSON.
int printIntegrity(const Options& o, const evtx::Input& in, const std::string& name) {
    const auto report = evtx::checkIntegrity(in.bytes());
    const std::string text = o.format == "xml" ? evtx::integrityText(report, name)
                                               : evtx::integrityJson(report, name) + "\n";
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
        return fail("write error on output");
    return 0;
}

// Standard output, or -f FILE (asking before replacing one); null with
// `error` set when it cannot be opened.
FILE* openOutput(const Options& o, std::string& error) {
    if (o.outputPath.empty()) return stdout;
    struct stat st {};
    if (::stat(o.outputPath.c_str(), &st) == 0 && !o.noConfirm) {
        const bool stdinRead = std::find(o.inputs.begin(), o.inputs.end(), "-") != o.inputs.end();
        if (!::isatty(STDIN_FILENO) || stdinRead) {
            error = "output file '" + o.outputPath +
                    "' exists; pass --no-confirm-overwrite to replace it";
            return nullptr;
        }
        std::fprintf(stderr, "Overwrite %s? [y/N] ", o.outputPath.c_str());
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "y" && answer != "Y" && answer != "yes") {
            error = "not overwritten";
            return nullptr;
        }
    }
    FILE* out = std::fopen(o.outputPath.c_str(), "wb");
    if (!out) error = "cannot write '" + o.outputPath + "'";
    return out;
}

// Writes dump text: large blocks (a chunk's worth) go straight to the
// descriptor, since copying them through the stdio buffer first costs as
// much as writing.
class OutputWriter {
  public:
    explicit OutputWriter(FILE* out) : out_(out) {}
    void operator()(std::string_view s) {
        if (s.size() < (size_t(1) << 16)) {
            if (std::fwrite(s.data(), 1, s.size(), out_) != s.size()) failed_ = true;
            return;
        }
        if (std::fflush(out_) != 0) failed_ = true;
        const int fd = ::fileno(out_);
        while (!s.empty() && !failed_) {
            const ssize_t n = ::write(fd, s.data(), s.size());
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0)
                failed_ = true;
            else
                s.remove_prefix(size_t(n));
        }
    }
    bool failed() const { return failed_; }

  private:
    FILE* out_;
    bool failed_ = false;
};

void printSummary(const Options& o, const evtx::DumpStats& stats) {
    using ull = unsigned long long;
    if (o.verbosity > 0)
        std::fprintf(stderr, "evtxdump: %llu records, %llu errors, %llu chunks\n",
                     ull(stats.records), ull(stats.errors), ull(stats.chunks));
    if (o.recover)
        std::fprintf(stderr,
                     "evtxdump: recover: %llu records recovered (%llu partial, %llu conflicting "
                     "with a live record); not written: %llu copies of live records, %llu "
                     "candidates that are not plausible events\n",
                     ull(stats.recovered), ull(stats.recoveredPartial),
                     ull(stats.recoveredConflicts), ull(stats.carvedCopies),
                     ull(stats.carvedRejected));
    if (o.verbosity > 1)
        std::fprintf(stderr,
                     "evtxdump: %llu record shapes compiled, %llu records replayed, %llu rendered "
                     "directly\n",
                     ull(stats.shapesCompiled), ull(stats.recordsReplayed),
                     ull(stats.recordsDirect));
}

// The knowledge for -o csv: the built-in one, or a copy with the user's
// maps (each map not used is named on stderr).
evtx::knowledge::KnowledgeBase knowledgeWithMaps(const Options& o) {
    evtx::knowledge::KnowledgeBase kb = evtx::knowledge::KnowledgeBase::builtIn().copy();
    for (const std::string& path : o.maps) {
        const auto result = evtx::knowledge::loadEvtxecmdMaps(kb, path);
        for (const auto& p : result.problems)
            std::fprintf(stderr, "evtxdump: maps: %s: %s\n", p.source.c_str(), p.reason.c_str());
        if (o.verbosity > 0 || !result.problems.empty())
            std::fprintf(stderr, "evtxdump: maps: %s: %zu maps loaded, %zu problems\n",
                         path.c_str(), result.loaded, result.problems.size());
    }
    return kb;
}

// One log to dump: its path ("" for standard input), its name in messages,
// and its bytes once opened.
struct Source {
    std::string path, name;
    std::unique_ptr<evtx::Input> in;
};

// Writes the records of each source in turn to `out` (each as a run on that
// file alone would), reporting errors and recovery notes on stderr.
class Dumper {
  public:
    Dumper(const Options& o, evtx::DumpOptions& opt, FILE* out,
           const evtx::QueryRecordFilter* countFilter)
        : o_(o), opt_(opt), out_(out), writer_(out), countFilter_(countFilter),
          knowledge_(o.maps.empty() ? evtx::knowledge::KnowledgeBase() : knowledgeWithMaps(o)) {
        // Times in UTC, as EvtxECmd writes them.
        timeline_.knowledge =
            o.maps.empty() ? &evtx::knowledge::KnowledgeBase::builtIn() : &knowledge_;
        timeline_.render = opt.render;
        static char outBuf[1 << 20];
        std::setvbuf(out, outBuf, _IOFBF, sizeof outBuf);
        // Carved candidates not written are named, one line each (README).
        if (o.recover)
            opt.recoveryNotes = [](const evtx::RecoveryNote& n) {
                std::fprintf(stderr, "evtxdump: recover: %s\n", n.toString().c_str());
            };
        if (o.format == "csv") useTimeline();
    }

    // The exit status: 0 when at least one log was read.
    int run(std::vector<Source>& sources) {
        // Only when threads are used: attaching starts TBB (~0.8 ms).
        std::optional<TbbWorkersJoined> tbbWorkersJoined;
        if (o_.threads != 1) tbbWorkersJoined.emplace();
        size_t read = 0;
        perFileCounts_ = countFilter_ && o_.verbosity > 0 && sources.size() > 1;
        for (Source& s : sources)
            read += dumpOne(s) ? 1 : 0;
        if (countFilter_) std::fprintf(out_, "%llu\n", (unsigned long long)countFilter_->matched());
        if (std::fflush(out_) != 0 || writer_.failed()) return fail("write error on output");
        if (out_ != stdout) std::fclose(out_);
        printSummary(o_, stats_);
        return read > 0 ? 0 : fail("no log could be read");
    }

  private:
    // -o csv: the timeline's header once, then one writer per thread.
    void useTimeline() {
        evtx::OutBuffer header;
        evtx::knowledge::writeTimelineHeader(header, timeline_);
        writer_(header.view());
        const bool shared = o_.threads != 1;
        opt_.makeWriter = [this, shared] {
            return std::make_unique<evtx::knowledge::TimelineWriter>(
                timeline_, shared ? timelineShapes_.get() : nullptr);
        };
    }

    bool open(Source& s) {
        std::string error;
        if (!s.in) s.in = evtx::Input::openFile(s.path, error);
        auto header = s.in ? evtx::parseFileHeader(s.in->bytes(), error) : std::nullopt;
        if (!header) {
            std::fprintf(stderr, "evtxdump: skipped %s: %s\n", s.name.c_str(), error.c_str());
            return false;
        }
        if (o_.verbosity > 0)
            std::fprintf(stderr, "evtxdump: %s: %u chunks in header, flags 0x%x%s%s\n",
                         s.name.c_str(), header->chunkCount, header->flags,
                         header->isDirty() ? " (dirty)" : "", header->isFull() ? " (full)" : "");
        return true;
    }

    bool dumpOne(Source& s) {
        if (!open(s)) return false;
        timeline_.sourceFile = s.path;
        // Shapes are compiled from one file's templates: not shared across files.
        timelineShapes_ = std::make_unique<evtx::SharedShapes>();
        const uint64_t matchedBefore = countFilter_ ? countFilter_->matched() : 0;
        std::optional<evtx::SourceFileTagger> tagger;
        if (o_.sourceFile) tagger.emplace(s.path);
        std::string tagged;
        const auto stats = evtx::dumpFile(
            s.in->bytes(), opt_,
            [&](std::string_view text) {
                if (!tagger) return writer_(text);
                tagged.clear();
                tagger->tag(text, tagged);
                writer_(tagged);
            },
            [](const evtx::DumpError& e) {
                std::fprintf(stderr, "evtxdump: %s\n", e.toString().c_str());
            });
        if (perFileCounts_)
            std::fprintf(stderr, "evtxdump: %s: %llu matching records\n", s.name.c_str(),
                         (unsigned long long)(countFilter_->matched() - matchedBefore));
        add(stats);
        s.in.reset(); // done with its pages
        return true;
    }

    void add(const evtx::DumpStats& st) {
        for (auto [sum, part] : {std::pair{&stats_.chunks, st.chunks},
                                 {&stats_.records, st.records},
                                 {&stats_.errors, st.errors},
                                 {&stats_.recovered, st.recovered},
                                 {&stats_.recoveredPartial, st.recoveredPartial},
                                 {&stats_.recoveredConflicts, st.recoveredConflicts},
                                 {&stats_.carvedCopies, st.carvedCopies},
                                 {&stats_.carvedRejected, st.carvedRejected},
                                 {&stats_.shapesCompiled, st.shapesCompiled},
                                 {&stats_.recordsReplayed, st.recordsReplayed},
                                 {&stats_.recordsDirect, st.recordsDirect}})
            *sum += part;
    }

    const Options& o_;
    evtx::DumpOptions& opt_;
    FILE* out_;
    OutputWriter writer_;
    const evtx::QueryRecordFilter* countFilter_;
    const evtx::knowledge::KnowledgeBase knowledge_;
    evtx::knowledge::TimelineOptions timeline_;
    std::unique_ptr<evtx::SharedShapes> timelineShapes_;
    evtx::DumpStats stats_;
    bool perFileCounts_ = false;
};

// --check on several logs: one report each, text reports separated by a
// blank line, JSON reports one object per line (JSON Lines).
int printIntegrityOfLogs(const Options& o, const std::vector<evtx::CaseLog>& logs) {
    size_t read = 0;
    for (const evtx::CaseLog& log : logs) {
        std::string error;
        const auto in = evtx::Input::openFile(log.path, error);
        if (!in) {
            std::fprintf(stderr, "evtxdump: skipped %s: %s\n", log.path.c_str(), error.c_str());
            continue;
        }
        if (o.format == "xml" && read > 0) std::fputc('\n', stdout);
        if (printIntegrity(o, *in, log.path) != 0) return 1;
        ++read;
    }
    return read > 0 ? 0 : fail("no log could be read");
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

int main(int argc, char** argv) {
#ifdef __GLIBC__
    // Grow malloc's heaps 4 MB at a time: with -t 2 the worker's arena grew
    // by one mprotect per few pages, ~390 calls per 32 MB log, each taking
    // the address-space lock that the other thread's page faults need
    // (PERF.md, H22).
    mallopt(M_TOP_PAD, 4 << 20);
#endif
    CLI::App app{"Dump Windows Event Log (.evtx) records as XML, JSON or JSONL", "evtxdump"};
    app.set_version_flag("--version", std::string("evtxdump ") + EVTXVIEW_VERSION);
    Options o;
    declareOptions(app, o);
    CLI11_PARSE(app, argc, argv);

    evtx::DumpOptions opt;
    std::string error;
    if (!dumpOptionsFrom(o, opt, error)) return fail(error);
    if (!o.maps.empty() && o.format != "csv") return fail("--maps applies to -o csv");
    std::string queryMessage;
    auto query = queryFromOptions(o.filter, o.xpath, o.queryFile, queryMessage);
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
    if (o.inputs.size() == 1 && !isFolder(o.inputs[0])) return runSingle(o, opt, countFilter);
    return runCase(o, opt, countFilter);
}
