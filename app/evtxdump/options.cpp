#include "evtxdump/options.hpp"

namespace evtxdump {

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
    app.add_option("--sigma", o.sigma,
                   "print the detections of Sigma rules (a .yml file or a folder, searched "
                   "recursively; repeatable) as JSON lines instead of the records")
        ->type_name("PATH");
    app.add_option("--min-level", o.minLevel, "--sigma: only rules of this level or above")
        ->check(CLI::IsMember({"informational", "low", "medium", "high", "critical"}));
    app.add_flag("--sigma-summary", o.sigmaSummary,
                 "--sigma: print per-rule counts (count, level, id, title) instead");
    app.add_flag("-v,--verbose", o.verbosity, "more messages on standard error (repeatable)");
}

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

} // namespace evtxdump
