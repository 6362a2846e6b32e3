// Finding the logs of a case: files and folders (walked recursively) to the
// EVTX files among them, recognised by their header, not their name. Every
// file that looks like a log but cannot be read is listed with the reason.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace evtx {

struct CaseLog {
    std::string path; // as found: the input, or input/sub/file
    std::string name; // for display: "Microsoft-Windows-Sysmon/Operational"
    uint64_t size = 0;
};

struct CaseFileNote {
    std::string path;
    std::string reason; // one line, without the path
};

struct LogDiscovery {
    // EVTX files ("ElfFile\0" and a file header that parses), in input order;
    // a folder's files sorted by path.
    std::vector<CaseLog> logs;
    // Always reported: an input that is missing or unreadable; in a folder, a
    // file that is empty, unreadable or not EVTX though named *.evtx; any
    // file whose header starts "ElfFile" but is damaged; a second path to a
    // file already found (a link, or the same input twice).
    std::vector<CaseFileNote> skipped;
    // Only for a verbose listing: files in a folder that are not named
    // *.evtx and are not EVTX (a triage folder holds many), links to a
    // folder already walked (loops), and entries that are not files.
    std::vector<CaseFileNote> ignored;
};

// Each path is a file (read whatever its name) or a folder (every file below
// it; symbolic links are followed, each folder walked once, so loops end).
// Nothing is written; files are opened read-only.
LogDiscovery discoverLogs(const std::vector<std::string>& paths);

// A log's display name from its path: the file name without ".evtx", with
// "%4" decoded to "/" as Windows names channel files.
std::string logDisplayName(std::string_view path);

// Whether the file name ends in ".evtx" (any case).
bool hasEvtxExtension(std::string_view path);

} // namespace evtx
