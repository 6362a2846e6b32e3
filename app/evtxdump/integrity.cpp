#include "evtxdump/integrity.hpp"

#include "evtx/check/integrity.hpp"
#include "evtxdump/output.hpp"

#include <cstdio>

namespace evtxdump {

int printIntegrity(const Options& o, const evtx::Input& in, const std::string& name) {
    const auto report = evtx::checkIntegrity(in.bytes());
    const std::string text = o.format == "xml" ? evtx::integrityText(report, name)
                                               : evtx::integrityJson(report, name) + "\n";
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
        return fail("write error on output");
    return 0;
}

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

} // namespace evtxdump
