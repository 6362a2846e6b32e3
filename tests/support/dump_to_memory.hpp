// The engine's dump of a file into memory: its text, the errors it reported
// and its totals (what the engine suites compare against expectations).
#pragma once

#include "evtx/dump/dump.hpp"

#include <QByteArray>

#include <string_view>
#include <vector>

struct DumpedText {
    QByteArray text;
    std::vector<evtx::DumpError> errors;
    evtx::DumpStats stats;
};

inline DumpedText dumpToMemory(evtx::Bytes file, const evtx::DumpOptions& options) {
    DumpedText d;
    d.stats = evtx::dumpFile(
        file, options, [&](std::string_view s) { d.text.append(s.data(), qsizetype(s.size())); },
        [&](const evtx::DumpError& e) { d.errors.push_back(e); });
    return d;
}
