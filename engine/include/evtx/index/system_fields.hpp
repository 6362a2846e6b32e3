// Pulls the System fields (and the EventData / UserData pairs) out of a
// parsed record without rendering it.
#pragma once

#include "evtx/binxml_parser.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace evtx {

struct SystemFields {
    std::string provider, channel, computer, userSid;
    uint64_t timeCreated = 0;
    uint64_t keywords = 0;
    uint64_t eventRecordId = 0;
    uint32_t processId = 0, threadId = 0;
    uint16_t eventId = 0, task = 0;
    uint8_t level = 0, opcode = 0;
    bool hasTimeCreated = false;

    void clear() { *this = SystemFields{}; }
};

// Fills `f` from the record's <System> element (fields it lacks stay zero or
// empty). Values are read from their typed form; text is decoded as UTF-8.
void extractSystemFields(const RecordTree& tree, SystemFields& f);

// The leaf values under <EventData> / <UserData> as (name, text) pairs in
// document order: a <Data Name="X"> gives X, other elements their path.
std::vector<std::pair<std::string, std::string>> extractEventData(const RecordTree& tree);

// Parses "YYYY-MM-DDTHH:MM:SS[.fffffff]Z" into FILETIME ticks.
bool parseIsoTime(std::string_view text, uint64_t& ticks);

} // namespace evtx
