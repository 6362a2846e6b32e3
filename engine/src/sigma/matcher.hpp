// One compiled value test of a Sigma detection: a field's text against a
// wildcard pattern, a regex, a network, a number, presence or another field.
#pragma once

#include "evtx/render/event_fields.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace evtx::sigma {

// A value with Sigma wildcards: `*` any run, `?` one character; escapes
// already resolved. Codes: bytes 0..255, kStar, kOne.
struct Glob {
    static constexpr int kStar = -1, kOne = -2;
    std::vector<int> code;
    bool cased = false;
    bool matches(std::string_view text) const;
};

// Sigma's escaping: `\*`, `\?`, `\\` are literals; other backslashes stay.
Glob parseGlob(std::string_view value, bool cased);
// A literal (no wildcards).
Glob literalGlob(std::string_view value, bool cased);

struct Network {
    std::array<uint8_t, 16> bytes{};
    bool v6 = false;
    unsigned prefix = 0;
};
std::optional<Network> parseCidr(std::string_view text);
bool inNetwork(const Network& net, std::string_view address);

struct Matcher {
    enum class Kind { Glob, Regex, Cidr, Compare, Null, Exists, FieldRef };
    Kind kind = Kind::Glob;
    Glob glob;
    std::shared_ptr<const re2::RE2> regex;
    Network network;
    double number = 0;
    std::string op; // gt, gte, lt, lte
    bool exists = true;
    std::string ref;      // fieldref: the other field
    std::string refShape; // fieldref: "", contains, startswith, endswith
    bool cased = false;

    // `text` is null when the record lacks the field.
    bool test(const std::string* text, const EventFields& record) const;
};

// Where a rule's field name points in a record: an EventData / UserData
// name, else a System value ("EventID", "Provider_Name" → Provider/@Name).
const std::string* lookupField(const EventFields& record, std::string_view name);

} // namespace evtx::sigma
