// Where evtxdump writes: the output file or standard output, the writer of
// dump text, and the messages on standard error.
#pragma once

#include "evtx/dump/dump.hpp"
#include "evtxdump/options.hpp"

#include <cstdio>
#include <string>
#include <string_view>

namespace evtxdump {

// Prints "evtxdump: MESSAGE" on stderr; returns the failing exit status, 1.
int fail(const std::string& message);

// Standard output, or -f FILE (asking before replacing one); null with
// `error` set when it cannot be opened.
FILE* openOutput(const Options& o, std::string& error);

// Writes dump text: large blocks (a chunk's worth) go straight to the
// descriptor, since copying them through the stdio buffer first costs as
// much as writing.
class OutputWriter {
  public:
    explicit OutputWriter(FILE* out) : out_(out) {}
    void operator()(std::string_view s);
    bool failed() const { return failed_; }

  private:
    FILE* out_;
    bool failed_ = false;
};

// The totals on stderr: counts with -v, recovery with --recover, the
// compiled shapes with -vv.
void printSummary(const Options& o, const evtx::DumpStats& stats);

} // namespace evtxdump
