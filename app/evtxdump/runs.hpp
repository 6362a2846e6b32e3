// The inputs of one evtxdump command: a single file or standard input, or
// several logs and folders (a case).
#pragma once

#include "evtx/dump/dump.hpp"
#include "evtx/query/record_filter.hpp"
#include "evtxdump/options.hpp"

namespace evtxdump {

// Dumps (or, with --check, checks) the inputs; the exit status. `countFilter`
// is the filter whose matches --count prints, or null.
int runInputs(const Options& o, evtx::DumpOptions& opt, const evtx::QueryRecordFilter* countFilter);

} // namespace evtxdump
