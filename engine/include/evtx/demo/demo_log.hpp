// A realistic, deterministic demo log built with EvtxWriter: Security,
// System, Application, PowerShell and Sysmon-like events from several
// computers, with many templates, UserData (nested BinXML), arrays and every
// value type. The same options always give the same bytes.
#pragma once

#include "evtx/writer/evtx_writer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace evtx::writer {

struct DemoOptions {
    uint64_t records = 3000;
    uint64_t seed = 1;
};

// What the generator says it wrote for one record (for tests and tools).
struct DemoRecord {
    uint64_t id = 0;
    uint64_t writtenTime = 0; // record header FILETIME
    uint64_t timeCreated = 0; // System/TimeCreated FILETIME
    uint16_t eventId = 0;
    uint8_t level = 0;
    std::string provider;
    std::string channel;
    std::string computer;
};

struct DemoLog {
    std::vector<uint8_t> file;
    std::vector<DemoRecord> records;
    WriterStats stats;
};

std::optional<DemoLog> generateDemoLog(const DemoOptions& options, std::string& error);

} // namespace evtx::writer
