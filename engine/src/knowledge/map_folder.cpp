// loadEvtxecmdMaps: every *.map file under a folder, in name order, as
// EvtxECmd reads them. Like EvtxECmd, the first map of an event wins (a
// "1_" copy overrides the stock map); the maps replace what `kb` already
// has for their events.
#include "evtx/knowledge/evtxecmd_maps.hpp"

#include "knowledge/map_entry.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace evtx::knowledge {
namespace fs = std::filesystem;
namespace {

bool isMapFile(const fs::directory_entry& e) {
    std::error_code ec;
    return e.is_regular_file(ec) && upperAscii(e.path().extension().string()) == ".MAP";
}

std::vector<fs::path> mapFiles(const fs::path& path, std::vector<LoadProblem>& problems) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return {path};
    std::vector<fs::path> files;
    if (!fs::is_directory(path, ec)) {
        problems.push_back({path.string(), "not found (neither a .map file nor a folder)"});
        return files;
    }
    const auto options = fs::directory_options::skip_permission_denied;
    for (fs::recursive_directory_iterator it(path, options, ec), end; !ec && it != end;
         it.increment(ec))
        if (isMapFile(*it)) files.push_back(it->path());
    if (ec) problems.push_back({path.string(), "folder not fully read: " + ec.message()});
    std::sort(files.begin(), files.end());
    return files;
}

bool readText(const fs::path& file, std::string& text) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    text = std::move(s).str();
    return !in.bad() && in.is_open();
}

} // namespace

MapLoadResult loadEvtxecmdMaps(KnowledgeBase& kb, const fs::path& path) {
    MapLoadResult result;
    std::map<std::string, std::string> firstOf; // event key -> the map that maps it
    for (const fs::path& file : mapFiles(path, result.problems)) {
        const std::string source = file.string();
        std::string text;
        EventEntry entry;
        if (!readText(file, text)) {
            result.problems.push_back({source, "not loaded: cannot be read"});
            continue;
        }
        if (!compileEvtxecmdMap(text, source, entry, result.problems)) continue;
        // EvtxECmd's key: EventId, Channel and Provider, ignoring case.
        const std::string key = std::to_string(entry.eventId) + '\n' + upperAscii(entry.channel) +
                                '\n' + upperAscii(entry.provider);
        if (auto [at, added] = firstOf.emplace(key, source); !added) {
            result.problems.push_back(
                {source, "not loaded: maps the same event as " + at->second + ", read first"});
            continue;
        }
        kb.replaceEvent(std::move(entry));
        ++result.loaded;
    }
    return result;
}

} // namespace evtx::knowledge
