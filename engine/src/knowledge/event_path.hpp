// The XPath subset EvtxECmd maps (and `{/Event/...}` placeholders) use to
// name one value of a record: element steps below /Event, a [@Name="X"] or
// [N] predicate on the last step, an optional final /@Attribute.
#pragma once

#include "evtx/knowledge/knowledge_base.hpp"

#include <string>
#include <string_view>

namespace evtx::knowledge {

// `/Event/EventData/Data[@Name="X"]` -> {"EventData/Data", "X", 0};
// `/Event/EventData/Data[2]` -> {"EventData/Data", "", 2};
// `/Event/System/Correlation/@ActivityID` -> {"System/Correlation/@ActivityID"}.
// Anything else (functions, `//`, `*`, other predicates) is refused with the
// reason in `error`.
bool parseEventPath(std::string_view xpath, FieldSelector& out, std::string& error);

} // namespace evtx::knowledge
