// The record's values of the fields a rule tests, shown with a detection.
#include "sigma/compiled_rule.hpp"

#include <algorithm>

namespace evtx::sigma {

void testedFields(const Rule& rule, const EventFields& record, std::vector<TestedField>& out) {
    out.clear();
    const auto& ways = rule.compiled().ways;
    const auto way =
        std::find_if(ways.begin(), ways.end(), [&](const auto& w) { return w.first.fits(record); });
    if (way == ways.end()) return;
    for (const Selection& selection : way->second.selections)
        for (const auto& alternative : selection.alternatives)
            for (const FieldTest& test : alternative) {
                // Keywords (no field) test every value: nothing to name.
                if (test.field.empty()) continue;
                const std::string_view name = test.field;
                if (std::any_of(out.begin(), out.end(),
                                [&](const TestedField& f) { return f.first == name; }))
                    continue;
                if (const std::string* value = lookupField(record, name))
                    out.emplace_back(name, value);
            }
}

} // namespace evtx::sigma
