// evtxdump --check: integrity reports instead of records.
#pragma once

#include "evtx/case/discovery.hpp"
#include "evtx/format/input.hpp"
#include "evtxdump/options.hpp"

#include <string>
#include <vector>

namespace evtxdump {

// The integrity report of one log on stdout, as text (-o xml, the default)
// or JSON; the exit status.
int printIntegrity(const Options& o, const evtx::Input& in, const std::string& name);

// --check on several logs: one report each, text reports separated by a
// blank line, JSON reports one object per line (JSON Lines).
int printIntegrityOfLogs(const Options& o, const std::vector<evtx::CaseLog>& logs);

} // namespace evtxdump
