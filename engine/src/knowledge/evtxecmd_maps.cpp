// One EvtxECmd map's YAML text -> an EventEntry (see map_entry.hpp for the
// Maps and Lookups parts). Problems name the map; reasons that start with
// "not loaded:" mean the whole map was refused.
#include "evtx/knowledge/evtxecmd_maps.hpp"

#include "knowledge/map_entry.hpp"

#include <charconv>
#include <set>

namespace evtx::knowledge {
namespace {

std::string scalar(const YAML::Node& map, const char* key) {
    const YAML::Node n = map[key];
    return n && n.IsScalar() ? n.Scalar() : std::string();
}

// EvtxECmd reads only these keys (and refuses a map with any other).
void reportUnknownKeys(const YAML::Node& root, const MapProblems& report) {
    static const std::set<std::string, std::less<>> known = {
        "Author", "Description", "EventId", "Channel", "Provider", "Maps", "Lookups"};
    for (const auto& kv : root)
        if (kv.first.IsScalar() && !known.contains(kv.first.Scalar()))
            report("unknown key '" + kv.first.Scalar() + "' ignored");
}

// EventId, Channel and Provider select the event; all three are required.
bool readHeader(const YAML::Node& root, EventEntry& entry, const MapProblems& report) {
    const std::string id = scalar(root, "EventId");
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (id.empty() || ec != std::errc() || end != id.data() + id.size() || value > 0xFFFF) {
        report(id.empty() ? "not loaded: no EventId"
                          : "not loaded: EventId '" + id + "' is not a number from 0 to 65535");
        return false;
    }
    entry.eventId = uint16_t(value);
    entry.provider = scalar(root, "Provider");
    entry.channel = scalar(root, "Channel");
    if (entry.provider.empty() || entry.channel.empty()) {
        report(entry.provider.empty() ? "not loaded: no Provider" : "not loaded: no Channel");
        return false;
    }
    entry.title = scalar(root, "Description");
    return true;
}

bool compileRoot(const YAML::Node& root, EventEntry& entry, const MapProblems& report) {
    if (!root.IsMap()) {
        report("not loaded: not a YAML mapping of map keys");
        return false;
    }
    if (!readHeader(root, entry, report)) return false;
    reportUnknownKeys(root, report);
    const MapLookups lookups = readMapLookups(root["Lookups"], report);
    const YAML::Node maps = root["Maps"];
    if (!maps || !maps.IsSequence() || maps.size() == 0) {
        report("not loaded: no Maps entries");
        return false;
    }
    for (const YAML::Node& m : maps)
        compileMapEntry(m, lookups, entry, report);
    return true;
}

} // namespace

bool compileEvtxecmdMap(std::string_view yaml, std::string_view sourceName, EventEntry& entry,
                        std::vector<LoadProblem>& problems) {
    const MapProblems report{sourceName, problems};
    entry = EventEntry{};
    entry.source = std::string(sourceName);
    try {
        return compileRoot(YAML::Load(std::string(yaml)), entry, report);
    } catch (const YAML::Exception& e) {
        report(std::string("not loaded: bad YAML: ") + e.what());
        return false;
    }
}

} // namespace evtx::knowledge
