// A compiled rule's insides, shared by the loader and the rule index.
#pragma once

#include "sigma/detection.hpp"
#include "sigma/log_source_table.hpp"

#include <utility>
#include <vector>

namespace evtx::sigma {

// One detection per way the log source can be met, with that way's field
// names.
struct CompiledRule {
    std::vector<std::pair<LogSourceWay, Detection>> ways;
};

} // namespace evtx::sigma
