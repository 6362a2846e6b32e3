// Text and typed values of BinXML content, for reading System fields: the
// text of a content list plus its value when it is exactly one typed value
// (so that numbers and times need no text round trip).
#pragma once

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/render/system_fields.hpp"
#include "evtx/render/value_format.hpp"
#include "render/content_walk.hpp"

#include <string_view>

namespace evtx {

struct FieldText {
    const Value* single = nullptr;
    int pieces = 0;

    void clear() {
        buf_.clear();
        pending_ = nullptr;
        single = nullptr;
        pieces = 0;
    }
    void appendText(std::string_view s) {
        flush();
        buf_.append(s);
    }
    // One typed value; its text is only written when someone asks for it
    // (numbers and times are read from the value itself).
    void setValue(const Value& v) {
        flush();
        ++pieces;
        single = &v;
        pending_ = &v;
    }
    std::string_view view() const {
        flush();
        return buf_.view();
    }

  private:
    void flush() const;
    mutable OutBuffer buf_;
    mutable const Value* pending_ = nullptr;
};

void collectText(const RecordTree& tree, const Scope& s, int32_t first, const ArrayItem* within,
                 FieldText& t);
void elementText(const RecordTree& tree, const ContentItem& element, FieldText& t);
bool attributeText(const RecordTree& tree, const ContentItem& element, std::string_view name,
                   FieldText& t);

// Unsigned number (decimal or 0x hex text, or an integer value); 0 if none.
uint64_t numberOf(const FieldText& t);
// FILETIME of a FILETIME / SYSTEMTIME value or of ISO 8601 text.
bool timeOf(const FieldText& t, uint64_t& ticks);

// Where each indexed System field lives: <element> content or an attribute.
enum class SystemField : uint8_t {
    Provider,
    EventId,
    EventRecordId,
    Level,
    Task,
    Opcode,
    Keywords,
    TimeCreated,
    ProcessId,
    ThreadId,
    Channel,
    Computer,
    UserSid,
};
struct FieldLocation {
    std::string_view element;
    std::string_view attribute; // empty: the element's content
    SystemField field;
};
inline constexpr FieldLocation kFieldLocations[] = {
    {"Provider", "Name", SystemField::Provider},
    {"EventID", "", SystemField::EventId},
    {"EventRecordID", "", SystemField::EventRecordId},
    {"Level", "", SystemField::Level},
    {"Task", "", SystemField::Task},
    {"Opcode", "", SystemField::Opcode},
    {"Keywords", "", SystemField::Keywords},
    {"TimeCreated", "SystemTime", SystemField::TimeCreated},
    {"Execution", "ProcessID", SystemField::ProcessId},
    {"Execution", "ThreadID", SystemField::ThreadId},
    {"Channel", "", SystemField::Channel},
    {"Computer", "", SystemField::Computer},
    {"Security", "UserID", SystemField::UserSid},
};

void assignField(SystemField field, const FieldText& t, SystemFields& f);

} // namespace evtx
