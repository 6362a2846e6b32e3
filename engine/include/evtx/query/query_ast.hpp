// The syntax tree every query form compiles to: the filter language, Event
// Viewer XPath and QueryList XML all produce these nodes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evtx {

enum class QueryField : uint8_t {
    EventId,
    Level,
    Provider,
    Channel,
    Computer,
    Task,
    Opcode,
    Keywords,
    RecordId,
    TimeCreated,
    UserId,
    ProcessId,
    ThreadId,
    Data,    // an EventData / UserData value (dataName; empty = any of them)
    AnyText, // the whole record as rendered (JSON)
    // 1 for a record found by recovery (IndexOptions::recover), else 0;
    // `Recovered`, `Recovered == true`: carved by recovery (the viewer's
    // recovered rows; evtxdump --recover's marked records).
    Recovered,
};

// Fields held as text (the rest are numbers; TimeCreated is FILETIME ticks).
constexpr bool isTextField(QueryField f) {
    return f == QueryField::Provider || f == QueryField::Channel || f == QueryField::Computer ||
           f == QueryField::UserId || f == QueryField::Data || f == QueryField::AnyText;
}

// Fields that need the record itself, not just its index row.
constexpr bool needsRecordContent(QueryField f) {
    return f == QueryField::Data || f == QueryField::AnyText;
}

// Canonical name ("EventID", "TimeCreated", ...; "Data" for Data fields).
std::string_view queryFieldName(QueryField f);
// Looks a field up by name, case-insensitively; "Data.X" is not handled here.
std::optional<QueryField> queryFieldByName(std::string_view name);
// The System field names, for completion.
const std::vector<std::string_view>& queryFieldNames();

enum class CompareOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
std::string_view compareOpText(CompareOp op);

// A literal: numbers (and times as FILETIME ticks) keep their value, every
// literal keeps its text (compared with text fields).
struct QueryLiteral {
    std::string text;
    uint64_t number = 0;
    bool isNumber = false;
};

struct QueryNode {
    enum class Kind : uint8_t {
        And,      // children
        Or,       // children
        Not,      // children[0]
        Compare,  // field op values[0]
        InSet,    // field in values, each a range [values[2i], values[2i+1]]
        Contains, // field contains text (AnyText: anywhere in the record)
        Regex,    // field ~ text (RE2, case-insensitive)
        BitAnd,   // (field & mask) != 0
        Exists,   // the Data field is present
        Constant, // truth
    };
    Kind kind = Kind::Constant;
    QueryField field = QueryField::EventId;
    CompareOp op = CompareOp::Eq;
    bool truth = true;                // Constant
    std::string dataName;             // Data fields
    std::vector<QueryLiteral> values; // Compare / InSet
    std::string text;                 // Contains / Regex
    uint64_t mask = 0;                // BitAnd
    size_t position = 0;              // where it starts in the query text
    std::vector<QueryNode> children;

    // A readable canonical form, fully parenthesised (tests, debugging).
    std::string toString() const;
};

} // namespace evtx
