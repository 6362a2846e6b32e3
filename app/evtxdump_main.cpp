// evtxdump: writes the records of an .evtx file as XML, JSON or JSONL, with
// the command-line interface of the reference evtx_dump.
#include "evtx/check/integrity.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"
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

    std::string input, outputPath, format = "xml", events, ansiCodec = "windows-1252";
    unsigned threads = 0;
    bool noConfirm = false, validate = false, noIndent = false, separate = false,
         noRecordNumber = false, stopAfterOne = false;
    int verbosity = 0;
    std::string filter, xpath, queryFile;
    bool countOnly = false, recover = false, check = false, noPin = false;

    app.add_option("INPUT", input, "the .evtx file to read, or - for standard input")->required();
    app.add_option("-o,--format", format, "output format")
        ->check(CLI::IsMember({"xml", "json", "jsonl"}))
        ->capture_default_str();
    app.add_option("-t,--threads", threads, "worker threads (0 = all cores)")
        ->capture_default_str();
    app.add_flag("--no-pin", noPin,
                 "let the OS place the worker threads (default: one CPU each when there are "
                 "enough)");
    app.add_option("-f,--output", outputPath, "write to FILE instead of standard output");
    app.add_flag("--no-confirm-overwrite", noConfirm, "overwrite the output file without asking");
    app.add_option("--events", events, "only these event record ids, e.g. 1-10,15");
    app.add_flag("--validate-checksums", validate, "skip chunks whose checksums do not match");
    app.add_flag("--no-indent", noIndent, "do not indent XML output");
    app.add_flag("--separate-json-attributes", separate,
                 "write attributes as NAME_attributes siblings instead of #attributes");
    app.add_flag("--dont-show-record-number", noRecordNumber,
                 "omit the 'Record N' lines of xml/json output");
    app.add_option("--ansi-codec", ansiCodec, "code page of ANSI strings")->capture_default_str();
    app.add_flag("--stop-after-one-error", stopAfterOne, "stop at the first damaged record");
    auto* filterOpt = app.add_option("--filter", filter,
                                     "only records matching EXPR, e.g. 'EventID == 4624 and "
                                     "Data.TargetUserName == \"SYSTEM\"'");
    auto* xpathOpt = app.add_option("--xpath", xpath,
                                    "only records matching an Event Viewer XPath query, e.g. "
                                    "'*[System[EventID=4624]]'");
    auto* queryOpt =
        app.add_option("--query", queryFile, "only records selected by a QueryList XML file");
    filterOpt->excludes(xpathOpt)->excludes(queryOpt);
    xpathOpt->excludes(queryOpt);
    app.add_flag("--count", countOnly, "print only the number of matching records");
    app.add_flag("--recover", recover,
                 "also write records carved from slack space and damaged chunks, marked "
                 "as recovered");
    app.add_flag("--check", check,
                 "print an integrity report instead of the records (-o json: as JSON)");
    app.add_flag("-v,--verbose", verbosity, "more messages on standard error (repeatable)");
    CLI11_PARSE(app, argc, argv);

    evtx::DumpOptions opt;
    opt.format = format == "xml"    ? evtx::OutputFormat::Xml
                 : format == "json" ? evtx::OutputFormat::Json
                                    : evtx::OutputFormat::Jsonl;
    opt.threads = threads;
    opt.pinThreads = !noPin;
    opt.validateChecksums = validate;
    opt.showRecordNumber = !noRecordNumber;
    opt.stopAfterOneError = stopAfterOne;
    opt.recover = recover;
    opt.render.indent = !noIndent;
    opt.render.separateJsonAttributes = separate;
    opt.render.ansi = evtx::AnsiCodec::byName(ansiCodec);
    if (!opt.render.ansi) return fail("unknown ANSI codec '" + ansiCodec + "'");
    if (!events.empty()) {
        std::string error;
        opt.records = evtx::RecordRanges::parse(events, error);
        if (!opt.records) return fail(error);
    }

    std::string queryMessage;
    auto query = queryFromOptions(filter, xpath, queryFile, queryMessage);
    if (!query) return fail(queryMessage);
    std::optional<evtx::QueryRecordFilter> recordFilter;
    if (countOnly || !query->matchesAll()) {
        recordFilter.emplace(*query, countOnly);
        opt.filter = &*recordFilter;
    }

    std::string error;
    auto in = readInput(input, error);
    if (!in) return fail(error);
    const std::string name = input == "-" ? std::string("<stdin>") : input;
    if (check) {
        const auto report = evtx::checkIntegrity(in->bytes());
        const std::string text = format == "xml" ? evtx::integrityText(report, name)
                                                 : evtx::integrityJson(report, name) + "\n";
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
            std::fflush(stdout) != 0)
            return fail("write error on output");
        return 0;
    }
    auto header = evtx::parseFileHeader(in->bytes(), error);
    if (!header) return fail((input == "-" ? std::string("<stdin>") : input) + ": " + error);

    FILE* out = stdout;
    if (!outputPath.empty()) {
        struct stat st {};
        if (::stat(outputPath.c_str(), &st) == 0 && !noConfirm) {
            if (!::isatty(STDIN_FILENO) || input == "-")
                return fail("output file '" + outputPath +
                            "' exists; pass --no-confirm-overwrite to replace it");
            std::fprintf(stderr, "Overwrite %s? [y/N] ", outputPath.c_str());
            std::string answer;
            std::getline(std::cin, answer);
            if (answer != "y" && answer != "Y" && answer != "yes") return fail("not overwritten");
        }
        out = std::fopen(outputPath.c_str(), "wb");
        if (!out) return fail("cannot write '" + outputPath + "'");
    }
    static char outBuf[1 << 20];
    std::setvbuf(out, outBuf, _IOFBF, sizeof outBuf);

    if (verbosity > 0)
        std::fprintf(stderr, "evtxdump: %s: %u chunks in header, flags 0x%x%s%s\n", input.c_str(),
                     header->chunkCount, header->flags, header->isDirty() ? " (dirty)" : "",
                     header->isFull() ? " (full)" : "");

    // Large blocks (a chunk's worth of text) go straight to the descriptor:
    // copying them through the stdio buffer first costs as much as writing.
    bool writeFailed = false;
    auto writeOut = [&](std::string_view s) {
        if (s.size() < (size_t(1) << 16)) {
            if (std::fwrite(s.data(), 1, s.size(), out) != s.size()) writeFailed = true;
            return;
        }
        if (std::fflush(out) != 0) writeFailed = true;
        const int fd = ::fileno(out);
        while (!s.empty() && !writeFailed) {
            const ssize_t n = ::write(fd, s.data(), s.size());
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0)
                writeFailed = true;
            else
                s.remove_prefix(size_t(n));
        }
    };
    // Only when threads are used: attaching starts TBB (~0.8 ms).
    // Carved candidates not written are named, one line each (README).
    if (recover)
        opt.recoveryNotes = [&](const evtx::RecoveryNote& n) {
            std::fprintf(stderr, "evtxdump: recover: %s\n", n.toString().c_str());
        };
    std::optional<TbbWorkersJoined> tbbWorkersJoined;
    if (threads != 1) tbbWorkersJoined.emplace();
    auto stats = evtx::dumpFile(in->bytes(), opt, writeOut, [&](const evtx::DumpError& e) {
        std::fprintf(stderr, "evtxdump: %s\n", e.toString().c_str());
    });
    if (countOnly) std::fprintf(out, "%llu\n", (unsigned long long)recordFilter->matched());
    if (std::fflush(out) != 0 || writeFailed) return fail("write error on output");
    if (out != stdout) std::fclose(out);
    if (verbosity > 0)
        std::fprintf(stderr, "evtxdump: %llu records, %llu errors, %llu chunks\n",
                     (unsigned long long)stats.records, (unsigned long long)stats.errors,
                     (unsigned long long)stats.chunks);
    if (recover)
        std::fprintf(
            stderr,
            "evtxdump: recover: %llu records recovered (%llu partial, %llu conflicting "
            "with a live record); not written: %llu copies of live records, %llu "
            "candidates that are not plausible events\n",
            (unsigned long long)stats.recovered, (unsigned long long)stats.recoveredPartial,
            (unsigned long long)stats.recoveredConflicts, (unsigned long long)stats.carvedCopies,
            (unsigned long long)stats.carvedRejected);
    if (verbosity > 1)
        std::fprintf(stderr,
                     "evtxdump: %llu record shapes compiled, %llu records replayed, %llu rendered "
                     "directly\n",
                     (unsigned long long)stats.shapesCompiled,
                     (unsigned long long)stats.recordsReplayed,
                     (unsigned long long)stats.recordsDirect);
    return 0;
}
