// Facet value lists with counts (Level, Provider, Event ID, Channel,
// Computer, Task) over a set of index rows, read from the index columns
// alone; and the chosen facet values as a filter-language condition.
#pragma once

#include "evtx/index/record_index.hpp"

#include <QString>

#include <array>
#include <cstdint>
#include <vector>

namespace evtxui {

enum class Facet { Level, Provider, EventId, Channel, Computer, Task };
inline constexpr int kFacetCount = 6;

QString facetTitle(Facet f);     // "Event ID"
QString facetFieldName(Facet f); // the filter language's "EventID"

struct FacetValue {
    QString label;   // as shown: "Error (2)", "Microsoft-Windows-Security-Auditing"
    QString literal; // as written in a filter: 2, "Microsoft-Windows-Security-Auditing"
    uint64_t count = 0;
};

// Per facet, most frequent first (at most `maxValues` each).
using FacetCounts = std::array<std::vector<FacetValue>, kFacetCount>;

// `rows` null: every row. The index must not change meanwhile.
FacetCounts countFacets(const evtx::RecordIndex& index, const std::vector<uint32_t>* rows,
                        size_t maxValues = 500);

struct FacetChoice {
    Facet facet = Facet::Level;
    QString label;
    QString literal;
    bool exclude = false;

    bool operator==(const FacetChoice&) const = default;
};

// Included values of one facet are alternatives (or), facets and excluded
// values all apply (and): `(Provider == "a" or Provider == "b") and EventID != 4`.
QString facetConditionText(const std::vector<FacetChoice>& choices);

// "Provider = a" / "Provider ≠ a", for chips.
QString facetChoiceText(const FacetChoice& choice);

} // namespace evtxui
