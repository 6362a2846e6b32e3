#include "evtx/query/query_ast.hpp"

#include "evtx/render/data_field_name.hpp"

#include <array>
#include <cstdio>

namespace evtx {
namespace {

struct FieldName {
    QueryField field;
    std::string_view name;
};

// Canonical names first; later entries are accepted aliases.
constexpr std::array kFieldNames{
    FieldName{QueryField::EventId, "EventID"},
    FieldName{QueryField::Level, "Level"},
    FieldName{QueryField::Provider, "Provider"},
    FieldName{QueryField::Channel, "Channel"},
    FieldName{QueryField::Computer, "Computer"},
    FieldName{QueryField::Task, "Task"},
    FieldName{QueryField::Opcode, "Opcode"},
    FieldName{QueryField::Keywords, "Keywords"},
    FieldName{QueryField::RecordId, "RecordID"},
    FieldName{QueryField::TimeCreated, "TimeCreated"},
    FieldName{QueryField::UserId, "UserID"},
    FieldName{QueryField::ProcessId, "ProcessID"},
    FieldName{QueryField::ThreadId, "ThreadID"},
    FieldName{QueryField::Recovered, "Recovered"},
    FieldName{QueryField::Data, "Data"},
    FieldName{QueryField::AnyText, "*"},
    FieldName{QueryField::RecordId, "EventRecordID"},
    FieldName{QueryField::TimeCreated, "SystemTime"},
};

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

std::string literalText(const QueryLiteral& v) {
    return v.isNumber ? std::to_string(v.number) : quoted(v.text);
}

std::string fieldText(const QueryNode& n) {
    if (n.field == QueryField::Data && isUnnamedDataName(n.dataName)) return n.dataName;
    if (n.field == QueryField::Data && !n.dataName.empty()) return "Data." + quoted(n.dataName);
    return std::string(queryFieldName(n.field));
}

std::string hex(uint64_t v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
    return buf;
}

} // namespace

std::string_view queryFieldName(QueryField f) {
    for (const FieldName& n : kFieldNames)
        if (n.field == f) return n.name;
    return "?";
}

std::optional<QueryField> queryFieldByName(std::string_view name) {
    for (const FieldName& n : kFieldNames)
        if (n.field != QueryField::AnyText && equalsIgnoringCase(n.name, name)) return n.field;
    return std::nullopt;
}

const std::vector<std::string_view>& queryFieldNames() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> v;
        for (const FieldName& n : kFieldNames) {
            if (n.field == QueryField::Data) break;
            v.push_back(n.name);
        }
        return v;
    }();
    return names;
}

std::string_view compareOpText(CompareOp op) {
    switch (op) {
    case CompareOp::Eq:
        return "==";
    case CompareOp::Ne:
        return "!=";
    case CompareOp::Lt:
        return "<";
    case CompareOp::Le:
        return "<=";
    case CompareOp::Gt:
        return ">";
    case CompareOp::Ge:
        return ">=";
    }
    return "?";
}

std::string QueryNode::toString() const {
    switch (kind) {
    case Kind::And:
    case Kind::Or: {
        std::string out = "(";
        for (size_t i = 0; i < children.size(); ++i) {
            if (i) out += kind == Kind::And ? " and " : " or ";
            out += children[i].toString();
        }
        return out + ")";
    }
    case Kind::Not:
        return "not " + children.at(0).toString();
    case Kind::Compare:
        return fieldText(*this) + " " + std::string(compareOpText(op)) + " " +
               literalText(values.at(0));
    case Kind::InSet: {
        std::string out = fieldText(*this) + " in (";
        for (size_t i = 0; i + 1 < values.size(); i += 2) {
            if (i) out += ", ";
            out += literalText(values[i]);
            if (values[i].number != values[i + 1].number || values[i].text != values[i + 1].text)
                out += ".." + literalText(values[i + 1]);
        }
        return out + ")";
    }
    case Kind::Contains:
        return fieldText(*this) + " contains " + quoted(text);
    case Kind::Regex:
        return fieldText(*this) + " ~ " + quoted(text);
    case Kind::BitAnd:
        return "band(" + fieldText(*this) + ", " + hex(mask) + ") " +
               std::string(compareOpText(op)) + " " + literalText(values.at(0));
    case Kind::Exists:
        return "exists " + fieldText(*this);
    case Kind::Constant:
        return truth ? "true" : "false";
    }
    return "?";
}

} // namespace evtx
