#include "knowledge/map_entry.hpp"

#include "knowledge/event_path.hpp"
#include "knowledge/map_refine.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace evtx::knowledge {
namespace {

constexpr std::array<std::string_view, size_t(MapProperty::Count)> kPropertyNames = {
    "UserName",     "RemoteHost",   "ExecutableInfo", "PayloadData1", "PayloadData2",
    "PayloadData3", "PayloadData4", "PayloadData5",   "PayloadData6"};

// One Values item: where %name% reads and how its text is refined.
struct MapValue {
    std::string name;
    bool usable = false; // false: its XPath was refused; it writes nothing
    FieldSelector field;
    FieldFormat format;
};

std::string scalar(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    return n && n.IsScalar() ? n.Scalar() : std::string();
}

// EvtxECmd upper-cases the Property before matching it.
std::optional<MapProperty> propertyNamed(std::string_view name) {
    for (size_t i = 0; i < kPropertyNames.size(); ++i)
        if (upperAscii(kPropertyNames[i]) == upperAscii(name)) return MapProperty(i);
    return std::nullopt;
}

MapValue readValue(const YAML::Node& v, const MapLookups& lookups, std::string_view where,
                   const MapProblems& report) {
    MapValue out;
    out.name = scalar(v, "Name");
    const std::string xpath = scalar(v, "Value");
    const std::string what = std::string(where) + ": value '" + out.name + "'";
    std::string error;
    out.usable = parseEventPath(xpath, out.field, error);
    if (!out.usable) report(what + ": XPath " + xpath + " not supported (" + error + ")");
    const std::string refine = scalar(v, "Refine");
    if (!refine.empty() && !convertRefine(refine, out.format.refine, error)) {
        out.format.refine.clear();
        report(what + ": Refine " + refine + " not converted (" + error + "); the value is raw");
    }
    if (auto l = lookups.find(upperAscii(out.name)); l != lookups.end()) {
        out.format.lookup = l->second.table;
        out.format.lookupDefault = l->second.defaultText;
        out.format.show = FieldFormat::Show::Meaning;
    }
    return out;
}

bool plausibleName(std::string_view s) {
    if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != ' ')
            return false;
    return true;
}

// "%domain%\%user%" -> pieces; %name% without a Values item stays text
// (EvtxECmd replaces only the names it has).
TextTemplate compileTemplate(std::string_view text, const std::vector<MapValue>& values,
                             std::string_view where, const MapProblems& report) {
    TextTemplate t;
    std::string literal;
    for (size_t i = 0; i < text.size();) {
        const size_t close = text[i] == '%' ? text.find('%', i + 1) : std::string_view::npos;
        if (close == std::string_view::npos) {
            literal += text[i++];
            continue;
        }
        const std::string_view name = text.substr(i + 1, close - i - 1);
        const auto v = std::find_if(values.begin(), values.end(),
                                    [&](const MapValue& m) { return m.name == name; });
        if (v == values.end()) {
            if (!plausibleName(name)) {
                literal += text[i++];
                continue;
            }
            report(std::string(where) + ": %" + std::string(name) +
                   "% has no Values item; written as it is");
            literal += text.substr(i, close + 1 - i);
        } else if (v->usable) {
            t.pieces.push_back({std::move(literal), true, v->field, v->format});
            literal.clear();
        }
        i = close + 1;
    }
    if (!literal.empty()) t.pieces.push_back({std::move(literal), false, {}, {}});
    return t;
}

} // namespace

std::string upperAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

MapLookups readMapLookups(const YAML::Node& lookups, const MapProblems& report) {
    MapLookups out;
    if (!lookups) return out;
    if (!lookups.IsSequence()) {
        report("Lookups is not a list; ignored");
        return out;
    }
    for (const YAML::Node& l : lookups) {
        const std::string name = scalar(l, "Name");
        const YAML::Node values = l["Values"];
        if (name.empty() || !values || !values.IsMap()) {
            report("a Lookup without a Name or a Values table; ignored");
            continue;
        }
        auto table = std::make_shared<LookupTable>();
        for (const auto& kv : values)
            if (kv.first.IsScalar() && kv.second.IsScalar())
                table->emplace(kv.first.Scalar(), kv.second.Scalar());
        if (!out.emplace(upperAscii(name), MapLookup{table, scalar(l, "Default")}).second)
            report("Lookup " + name + " appears twice; the first is used");
    }
    return out;
}

bool compileMapEntry(const YAML::Node& node, const MapLookups& lookups, EventEntry& entry,
                     const MapProblems& report) {
    const std::string property = scalar(node, "Property");
    const auto which = propertyNamed(property);
    if (!which) {
        report("unknown Property '" + property + "'; entry ignored");
        return false;
    }
    const YAML::Node values = node["Values"];
    if (!node["PropertyValue"] || !values || !values.IsSequence() || values.size() == 0) {
        report(property + ": no PropertyValue or no Values; entry ignored");
        return false;
    }
    std::vector<MapValue> compiled;
    for (const YAML::Node& v : values) {
        if (!v.IsMap() || scalar(v, "Name").empty() || scalar(v, "Value").empty()) {
            report(property + ": a Values item without Name or Value; ignored");
            continue;
        }
        MapValue m = readValue(v, lookups, property, report);
        if (std::any_of(compiled.begin(), compiled.end(),
                        [&](const MapValue& c) { return c.name == m.name; }))
            report(property + ": value '" + m.name + "' appears twice; the first is used");
        else
            compiled.push_back(std::move(m));
    }
    entry.properties[size_t(*which)] =
        compileTemplate(scalar(node, "PropertyValue"), compiled, property, report);
    return true;
}

} // namespace evtx::knowledge
