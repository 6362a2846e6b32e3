// Every value of a parsed record as a flat list of (path, text) fields, the
// form the knowledge base, EvtxECmd maps and the CSV timeline read: element
// text and attributes under <Event>, in document order, no rendering.
#pragma once

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/render/system_fields.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace evtx {

struct EventField {
    // Element path below <Event>, "/"-separated: "System/Computer",
    // "EventData/Data", "UserData/EventXML/Param1"; an attribute adds
    // "/@Name": "System/Provider/@Name".
    std::string path;
    // EventData / UserData leaves only: the Data element's Name attribute,
    // else the element's own name; an unnamed <Data> is "Data[N]" (N: its
    // 1-based place among its parent's <Data> children). Empty elsewhere.
    std::string name;
    std::string value;
    // 1-based place among the siblings with the same element name (the
    // XPath position `Data[2]` selects).
    unsigned position = 1;
    bool isData() const { return !name.empty(); }
};

struct EventFields {
    SystemFields system;
    std::vector<EventField> fields;
    size_t used = 0; // fields[0, used) are this record's; the rest keep buffers

    void clear() { used = 0; }
    const EventField* begin() const { return fields.data(); }
    const EventField* end() const { return fields.data() + used; }
    // The first EventData / UserData field with this name ("TargetUserName",
    // "Data[2]"), or null.
    const EventField* data(std::string_view name) const;
    // The first field at this path with a Name attribute equal to `nameAttr`
    // (empty: any) at `position` (0: the first match), or null.
    const EventField* at(std::string_view path, std::string_view nameAttr = {},
                         unsigned position = 0) const;
};

// Fills `out` from the record (System fields included). Reuses the
// buffers of earlier records; one EventFields per thread.
void readEventFields(const RecordTree& tree, EventFields& out);

// Only the fields outside <System> (EventData, UserData, ...); leaves
// `out.system` as it is, for callers that read it faster (SystemFieldReader).
void readEventDataFields(const RecordTree& tree, EventFields& out);

// Reads the same fields as readEventDataFields, faster: for each template,
// where every field sits (a value slot or static text) is worked out once,
// as SystemFieldReader does for <System>; records whose values change the
// element structure (nested BinXML, arrays) or templates that are not
// simple take the general walk. One per thread and file.
class EventDataReader {
  public:
    EventDataReader();
    ~EventDataReader();
    EventDataReader(const EventDataReader&) = delete;
    EventDataReader& operator=(const EventDataReader&) = delete;

    void read(const RecordTree& tree, EventFields& out);
    uint64_t plannedReads() const { return planned_; }
    uint64_t generalReads() const { return general_; }

    struct Plan;

  private:
    struct Scratch;
    const Plan& planFor(const Program* templateProgram, bool nested);
    bool readPlanned(const RecordTree& tree, EventFields& out);
    bool emitPlan(const Plan& plan, const RecordTree& tree, const TemplateUse& use,
                  EventFields& out);
    bool emitNested(const struct PlanItem& item, const RecordTree& tree, const TemplateUse& use,
                    EventFields& out);

    // Plans of <Event> templates, and of templates nested in BinXML values.
    std::unordered_map<const Program*, std::unique_ptr<Plan>> plans_, nestedPlans_;
    std::unique_ptr<Scratch> scratch_;
    uint64_t planned_ = 0, general_ = 0;
};

} // namespace evtx
