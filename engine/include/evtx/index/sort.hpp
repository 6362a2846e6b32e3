// Sorting the index by a column: the keys are copied out (cheap, on the
// owner's thread), then sorted into a row permutation anywhere (TBB).
#pragma once

#include "evtx/index/record_index.hpp"

#include <cstdint>
#include <vector>

namespace evtx {

// One sortable key per row: numbers as they are, strings as their rank in
// text order, so that comparing keys compares the texts.
std::vector<uint64_t> sortKeys(const RecordIndex& index, IndexField field);

// Rows ordered by key (ties keep file order), ascending or descending.
std::vector<uint32_t> sortPermutation(const std::vector<uint64_t>& keys, bool descending);

} // namespace evtx
