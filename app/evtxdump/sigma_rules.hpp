// evtxdump --sigma: loading the rules the command line names, and the
// --sigma-summary table.
#pragma once

#include "evtxdump/options.hpp"
#include "evtxdump/sigma_writer.hpp"

#include <cstdio>
#include <memory>
#include <string>

namespace evtxdump {

// The rules of --sigma at or above --min-level; each rule that cannot be
// used is named on stderr, then the counts. Null with `error` set when no
// rule is left.
std::unique_ptr<SigmaDetections> loadSigma(const Options& o, std::string& error);

// "count<TAB>level<TAB>rule_id<TAB>title" for each rule that matched, by
// count descending, then id.
void printSigmaSummary(FILE* out, const SigmaDetections& d);

// The rank of a Sigma level (informational 0 .. critical 4), -1 if unknown.
int sigmaLevelRank(std::string_view level);

} // namespace evtxdump
