// The parts of an EvtxECmd map below its header: Lookups tables and Maps
// entries (one property's PropertyValue with its Values).
#pragma once

#include "evtx/knowledge/knowledge_base.hpp"

#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace evtx::knowledge {

// Collects one map's problems under its source name.
struct MapProblems {
    std::string_view source;
    std::vector<LoadProblem>& problems;
    void operator()(std::string reason) const {
        problems.push_back({std::string(source), std::move(reason)});
    }
};

using LookupTable = std::map<std::string, std::string, std::less<>>;
struct MapLookup {
    std::shared_ptr<const LookupTable> table;
    std::string defaultText;
};
// By upper-cased Name: EvtxECmd matches a Values Name to a Lookup's Name
// ignoring case.
using MapLookups = std::map<std::string, MapLookup, std::less<>>;

std::string upperAscii(std::string_view s);

MapLookups readMapLookups(const YAML::Node& lookups, const MapProblems& report);

// Compiles one Maps entry into its property of `entry`. False (reported):
// the entry is unusable and the property stays empty.
bool compileMapEntry(const YAML::Node& node, const MapLookups& lookups, EventEntry& entry,
                     const MapProblems& report);

} // namespace evtx::knowledge
