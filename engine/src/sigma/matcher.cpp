#include "sigma/matcher.hpp"

#include <re2/re2.h>

#include <charconv>
#include <cstdlib>

namespace evtx::sigma {
namespace {

std::optional<double> parseNumber(std::string_view text) {
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

bool compare(double a, const std::string& op, double b) {
    if (op == "gt") return a > b;
    if (op == "gte") return a >= b;
    if (op == "lt") return a < b;
    return a <= b;
}

bool sameText(std::string_view a, std::string_view b, const std::string& shape, bool cased) {
    Glob g = literalGlob(b, cased);
    if (shape == "contains" || shape == "endswith") g.code.insert(g.code.begin(), Glob::kStar);
    if (shape == "contains" || shape == "startswith") g.code.push_back(Glob::kStar);
    return g.matches(a);
}

} // namespace

bool Matcher::test(const std::string* text, const EventFields& record) const {
    switch (kind) {
    case Kind::Null:
        return !text || text->empty();
    case Kind::Exists:
        return (text != nullptr) == exists;
    default:
        break;
    }
    if (!text) return false;
    switch (kind) {
    case Kind::Glob:
        return glob.matches(*text);
    case Kind::Regex:
        return RE2::PartialMatch(*text, *regex);
    case Kind::Cidr:
        return inNetwork(network, *text);
    case Kind::Compare: {
        auto v = parseNumber(*text);
        return v && compare(*v, op, this->number);
    }
    case Kind::FieldRef: {
        const std::string* other = lookupField(record, ref);
        return other && sameText(*text, *other, refShape, cased);
    }
    default:
        return false;
    }
}

// System values by the names Sigma rules use: an element ("EventID",
// "Channel"), or element_attribute ("Provider_Name" → Provider/@Name).
const std::string* lookupField(const EventFields& record, std::string_view name) {
    if (const EventField* f = record.data(name)) return &f->value;
    std::string path = "System/";
    const size_t underscore = name.find('_');
    if (underscore == std::string_view::npos) {
        path += name;
    } else {
        path += name.substr(0, underscore);
        path += "/@";
        path += name.substr(underscore + 1);
    }
    if (const EventField* f = record.at(path)) return &f->value;
    return nullptr;
}

} // namespace evtx::sigma
