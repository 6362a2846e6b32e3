// Pulls the System fields (and the EventData / UserData pairs) out of a
// parsed record without rendering it.
#pragma once

#include "evtx/binxml/binxml_parser.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
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

    // Keeps the strings' buffers: one SystemFields is reused per thread.
    void clear() {
        provider.clear();
        channel.clear();
        computer.clear();
        userSid.clear();
        timeCreated = keywords = eventRecordId = 0;
        processId = threadId = 0;
        eventId = task = 0;
        level = opcode = 0;
        hasTimeCreated = false;
    }
};

// Fills `f` from the record's <System> element (fields it lacks stay zero or
// empty). Values are read from their typed form; text is decoded as UTF-8.
void extractSystemFields(const RecordTree& tree, SystemFields& f);

// Reads System fields like extractSystemFields, faster: for each template,
// where every field sits (a substitution slot or static text) is worked out
// once; records that need more (nested BinXML or array values in a field,
// no template) take the general walk. One per thread and file: plans are
// keyed by template address, valid while the file's TemplateCache lives.
class SystemFieldReader {
  public:
    SystemFieldReader();
    ~SystemFieldReader();
    SystemFieldReader(const SystemFieldReader&) = delete;
    SystemFieldReader& operator=(const SystemFieldReader&) = delete;

    void read(const RecordTree& tree, SystemFields& f);
    uint64_t plannedReads() const { return planned_; }
    uint64_t generalReads() const { return general_; }

  private:
    struct Plan;
    struct Scratch;
    const Plan& planFor(const Program* templateProgram);
    bool readPlanned(const RecordTree& tree, SystemFields& f);

    std::unordered_map<const Program*, std::unique_ptr<Plan>> plans_;
    std::unique_ptr<Scratch> scratch_;
    uint64_t planned_ = 0, general_ = 0;
};

// The leaf values under <EventData> / <UserData> as (name, text) pairs in
// document order: a <Data Name="X"> gives X, an unnamed <Data> Data[N] (its
// 1-based place among its parent's <Data> children, as readEventFields;
// data_field_name.hpp), other elements their element name.
std::vector<std::pair<std::string, std::string>> extractEventData(const RecordTree& tree);

// Parses "YYYY-MM-DDTHH:MM:SS[.fffffff]Z" into FILETIME ticks.
bool parseIsoTime(std::string_view text, uint64_t& ticks);

} // namespace evtx
