// evtxdump's command line: what it says, and the engine's dump options made
// from it.
#pragma once

#include "evtx/dump/dump.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace evtxdump {

// Everything the command line says.
struct Options {
    std::vector<std::string> inputs;
    std::string outputPath, format = "xml", events, ansiCodec = "windows-1252";
    unsigned threads = 0;
    bool noConfirm = false, validate = false, noIndent = false, separate = false,
         noRecordNumber = false, stopAfterOne = false;
    int verbosity = 0;
    std::string filter, xpath, queryFile;
    bool countOnly = false, recover = false, check = false, noPin = false, sourceFile = false;
    std::vector<std::string> maps;
    std::vector<std::string> sigma; // rule files and folders
    std::string minLevel;
    bool sigmaSummary = false;
};

void declareOptions(CLI::App& app, Options& o);

// The engine's options from the command line's; false with `error` set.
bool dumpOptionsFrom(const Options& o, evtx::DumpOptions& opt, std::string& error);

} // namespace evtxdump
