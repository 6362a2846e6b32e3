// EvtxECmd's event maps (.map, YAML), read as they are: Channel + Provider +
// EventId select the event; each Maps entry fills one property
// (UserName, RemoteHost, ExecutableInfo, PayloadData1-6) from a
// PropertyValue with %name% placeholders whose Values are XPaths below
// /Event (with Refine regexes and Lookups tables). They compile to the same
// EventEntry tables as the built-in knowledge.
#pragma once

#include "evtx/knowledge/knowledge_base.hpp"

#include <filesystem>
#include <string_view>
#include <vector>

namespace evtx::knowledge {

struct MapLoadResult {
    size_t loaded = 0;                 // maps now in the knowledge base
    std::vector<LoadProblem> problems; // maps (or parts of them) not used, and why
};

// Compiles one map's text into an entry; problems say what was not usable.
// Returns false (nothing added) when the map cannot be used at all.
bool compileEvtxecmdMap(std::string_view yaml, std::string_view sourceName, EventEntry& entry,
                        std::vector<LoadProblem>& problems);

// Loads every *.map file under `path` (a folder, recursively, or one file)
// into `kb`, replacing the entries of the events they map. Within one call
// the first map of an event in path order wins, as in EvtxECmd (a "1_"
// copy overrides the stock map); a later one is listed as not loaded.
MapLoadResult loadEvtxecmdMaps(KnowledgeBase& kb, const std::filesystem::path& path);

} // namespace evtx::knowledge
