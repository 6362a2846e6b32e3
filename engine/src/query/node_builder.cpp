#include "node_builder.hpp"

#include "time_literal.hpp"

#include <array>
#include <charconv>

namespace evtx {
namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
}

// Level names as Event Viewer shows them.
bool levelByName(std::string_view name, uint64_t& level) {
    static constexpr std::array<std::string_view, 6> kNames{"LogAlways", "Critical",    "Error",
                                                            "Warning",   "Information", "Verbose"};
    for (size_t i = 0; i < kNames.size(); ++i) {
        if (equalsIgnoringCase(kNames[i], name)) {
            level = i;
            return true;
        }
    }
    return false;
}

} // namespace

bool parseNumberText(std::string_view s, uint64_t& value) {
    const bool hex = s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    const char* begin = s.data() + (hex ? 2 : 0);
    const char* end = s.data() + s.size();
    if (begin == end) return false;
    auto r = std::from_chars(begin, end, value, hex ? 16 : 10);
    return r.ec == std::errc() && r.ptr == end;
}

bool typeLiteral(QueryField field, QueryLiteral& value, std::string& error, TimeLiteralZone zone) {
    if (isTextField(field)) return true;
    if (field == QueryField::TimeCreated) {
        if (value.isNumber) return true; // FILETIME ticks (or now - 24h)
        if (!value.isNumber &&
            parseTimeLiteral(value.text, value.number, zone == TimeLiteralZone::Local)) {
            value.isNumber = true;
            return true;
        }
        error = "expected a time for TimeCreated (ISO 8601 such as \"2016-07-08T18:12:51Z\", "
                "or now - 24h)";
        return false;
    }
    if (value.isNumber) return true;
    if (parseNumberText(value.text, value.number)) {
        value.isNumber = true;
        return true;
    }
    if (field == QueryField::Level && levelByName(value.text, value.number)) {
        value.isNumber = true;
        return true;
    }
    error = "expected a number for " + std::string(queryFieldName(field));
    if (field == QueryField::Level) error += " (or Critical, Error, Warning, Information, Verbose)";
    return false;
}

QueryLiteral numberLiteral(uint64_t n) {
    QueryLiteral v;
    v.number = n;
    v.isNumber = true;
    v.text = std::to_string(n);
    return v;
}

QueryLiteral textLiteral(std::string text) {
    QueryLiteral v;
    v.text = std::move(text);
    return v;
}

QueryNode fieldNode(QueryNode::Kind kind, QueryField field, std::string dataName, size_t position) {
    QueryNode n;
    n.kind = kind;
    n.field = field;
    n.dataName = std::move(dataName);
    n.position = position;
    return n;
}

QueryNode notNode(QueryNode child) {
    QueryNode n;
    n.kind = QueryNode::Kind::Not;
    n.position = child.position;
    n.children.push_back(std::move(child));
    return n;
}

QueryNode joinNodes(QueryNode::Kind kind, std::vector<QueryNode> children) {
    if (children.size() == 1) return std::move(children.front());
    QueryNode n;
    n.kind = kind;
    n.position = children.empty() ? 0 : children.front().position;
    for (QueryNode& c : children) {
        if (c.kind == kind) {
            for (QueryNode& g : c.children)
                n.children.push_back(std::move(g));
        } else {
            n.children.push_back(std::move(c));
        }
    }
    return n;
}

} // namespace evtx
