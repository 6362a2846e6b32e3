// libFuzzer target: a whole .evtx file through the header parser and
// dumpFile, rendered as JSON lines and as XML (the evtxdump path).
#include "evtx/dump/dump.hpp"
#include "evtx/format/file_header.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    evtx::Bytes file(data, size);
    std::string error;
    // evtxdump stops at an unreadable file header; dumpFile expects one.
    if (!evtx::parseFileHeader(file, error)) return 0;
    size_t written = 0;
    auto sink = [&](std::string_view s) { written += s.size(); };
    auto errors = [](const evtx::DumpError& e) { (void)e.toString(); };
    for (auto format : {evtx::OutputFormat::Jsonl, evtx::OutputFormat::Xml}) {
        evtx::DumpOptions opt;
        opt.format = format;
        opt.threads = 1;
        opt.validateChecksums = format == evtx::OutputFormat::Xml;
        opt.render.separateJsonAttributes = (size & 1) != 0;
        evtx::dumpFile(file, opt, sink, errors);
    }
    return 0;
}
