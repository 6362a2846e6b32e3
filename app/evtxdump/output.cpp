#include "evtxdump/output.hpp"

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace evtxdump {

int fail(const std::string& message) {
    std::fprintf(stderr, "evtxdump: %s\n", message.c_str());
    return 1;
}

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

void OutputWriter::operator()(std::string_view s) {
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

} // namespace evtxdump
