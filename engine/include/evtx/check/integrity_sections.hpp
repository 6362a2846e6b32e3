// The integrity report's wording, written once for both of its forms for
// people: the text of evtxdump --check and the viewer's integrity dialog.
// Each section is one heading line with the items it lists.
#pragma once

#include "evtx/check/integrity.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace evtx {

struct IntegrityLine {
    std::string text;
    // The record the line points at (the viewer selects it): the damaged
    // record, the one before an id gap, the duplicate, the step backwards.
    std::optional<uint64_t> recordId;
};

struct IntegritySection {
    // "header", "chunks", "chunkProblems", "records", "recordProblems",
    // "gaps", "duplicates", "writtenBackwards", "createdBackwards",
    // "recovered", "carvedCopies", "carveRejected", "verdict".
    std::string key;
    std::string heading;              // "chunk problems: 2"
    bool problem = false;             // it shows something a responder should look at
    std::vector<IntegrityLine> lines; // every item; the text form cuts long lists
};

// The sections in the order evtxdump --check prints them; only the header
// when the file header is unreadable.
std::vector<IntegritySection> integritySections(const IntegrityReport& r);

} // namespace evtx
