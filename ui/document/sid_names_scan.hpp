// Learns the account names a log gives its SIDs (evtx::knowledge::SidNames)
// by reading each of its records once, on a background job's thread.
#pragma once

#include "evtx/knowledge/sid_names.hpp"
#include "evtx/query/index_filter.hpp"

#include <memory>

namespace evtxui {

class JobToken;

// Every row of `request.index` (which must not change meanwhile); stops
// early when the token is cancelled. Progress: rows read of all rows.
std::shared_ptr<const evtx::knowledge::SidNames>
learnSidNames(const evtx::IndexFilterRequest& request, JobToken& token);

} // namespace evtxui
