// The event ids a rule's detection can match at all, read from its
// `EventID: N` tests, so the rule index can file rules by event id.
#pragma once

#include "sigma/detection.hpp"

#include <optional>
#include <set>
#include <string>

namespace evtx::sigma {

// Event ids outside the set never satisfy the condition; nullopt when the
// condition does not bound them (a test on EventID other than plain digits,
// a `not`, an alternative without an EventID test).
std::optional<std::set<std::string>> eventIdBound(const Detection& detection);

} // namespace evtx::sigma
