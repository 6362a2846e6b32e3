// Writes events as a valid .evtx file: a 4 KiB file header and 64 KiB chunks,
// each with its string and template tables and checksums. Events are
// encoded as they are added; an event that does not fit in the current
// chunk starts a new one. The file is built in memory.
#pragma once

#include "evtx/writer/value.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace evtx::writer {

struct WriterOptions {
    uint64_t firstRecordId = 1;
};

struct WriterStats {
    uint64_t records = 0;
    uint64_t chunks = 0;              // chunks in the file, the open one included
    uint64_t templateDefinitions = 0; // definitions written (once per template per chunk)
    uint64_t distinctTemplates = 0;   // distinct template GUIDs seen
};

class ChunkEncoder;

class EvtxWriter {
  public:
    explicit EvtxWriter(WriterOptions options = {});
    ~EvtxWriter();
    EvtxWriter(const EvtxWriter&) = delete;
    EvtxWriter& operator=(const EvtxWriter&) = delete;

    // Encodes one record and returns its record id, or nullopt with `error`
    // when the event cannot be stored (larger than a chunk, a value over
    // 65,535 bytes, a malformed template); the writer is unchanged then.
    std::optional<uint64_t> add(const Event& event, std::string& error);

    // The complete file (header and every chunk, the open one closed).
    std::vector<uint8_t> bytes() const;
    bool save(const std::string& path, std::string& error) const;

    const WriterStats& stats() const { return stats_; }
    // The id the next added event will get (its EventRecordID, if it has one).
    uint64_t nextRecordId() const { return nextId_; }

  private:
    WriterOptions options_;
    WriterStats stats_;
    std::vector<std::vector<uint8_t>> closed_;
    std::unique_ptr<ChunkEncoder> open_;
    uint64_t nextId_;
    std::set<Guid> seen_;
};

} // namespace evtx::writer
