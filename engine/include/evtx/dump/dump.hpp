// Reads every chunk of a file (in parallel when asked) and writes each
// record as XML / JSON / JSONL in file order, reporting what cannot be read.
#pragma once

#include "evtx/carve/recovery_note.hpp"
#include "evtx/format/dump_error.hpp"
#include "evtx/format/input.hpp"
#include "evtx/render/render.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evtx {

enum class OutputFormat { Xml, Json, Jsonl };

// Inclusive ranges of event record identifiers ("1-10,15").
class RecordRanges {
  public:
    // Parses "a-b,c,..."; returns nullopt (and sets error) on bad syntax.
    static std::optional<RecordRanges> parse(std::string_view text, std::string& error);
    bool contains(uint64_t id) const;
    bool empty() const { return ranges_.empty(); }

  private:
    std::vector<std::pair<uint64_t, uint64_t>> ranges_;
};

// Chooses which parsed records are written (evtxdump --filter). Called on
// worker threads, so matches() must be safe to call concurrently.
class RecordFilter {
  public:
    virtual ~RecordFilter() = default;
    // `recovered`: the record was carved by --recover (the query field
    // `Recovered`).
    virtual bool matches(const RecordTree& tree, uint64_t recordId, bool recovered) const = 0;
};

// Where a record was found, for writers that show it (the CSV timeline).
struct RecordPlace {
    uint64_t recordNumber = 0; // the record header's number
    uint64_t chunkIndex = 0;
    uint64_t fileOffset = 0;
    bool recovered = false;
};

// Writes records in a format a stage above dump owns (evtxdump -o csv).
// Each worker thread makes its own, so write() needs no locking.
class RecordWriter {
  public:
    virtual ~RecordWriter() = default;
    // Appends the record's output, newline included. `tree` is null for a
    // recovered record whose template is lost; `rawJson` then holds the
    // JSON of its raw values.
    virtual void write(OutBuffer& out, const RecordTree* tree, std::string_view rawJson,
                       const RecordPlace& place) = 0;
};
using RecordWriterFactory = std::function<std::unique_ptr<RecordWriter>()>;

struct DumpOptions {
    OutputFormat format = OutputFormat::Xml;
    RenderOptions render;
    unsigned threads = 1; // 0 = all cores
    // With threads > 1: each thread of the dump gets a CPU of its own while
    // it works (not done when there are fewer CPUs than threads).
    bool pinThreads = false;
    bool validateChecksums = false;
    bool showRecordNumber = true; // "Record N" lines for xml/json
    bool stopAfterOneError = false;
    std::optional<RecordRanges> records;  // only these record ids
    const RecordFilter* filter = nullptr; // only records it accepts (not owned)
    // Also write records found by carving (slack space, damaged chunks),
    // marked as recovered (evtx/carve/recovered_render.hpp). Candidates
    // not written (implausible, copies of live records) go to `recoveryNotes`
    // in file order, when set.
    bool recover = false;
    std::function<void(const RecoveryNote&)> recoveryNotes;
    // Set: records are written by these writers instead of `format`'s.
    RecordWriterFactory makeWriter;
};

struct DumpStats {
    uint64_t chunks = 0;
    uint64_t records = 0; // recovered ones included
    uint64_t errors = 0;
    uint64_t recovered = 0;          // with DumpOptions::recover
    uint64_t recoveredPartial = 0;   // of them: template lost, raw values
    uint64_t recoveredConflicts = 0; // of them: a live record's id, other content
    uint64_t carvedCopies = 0;       // not written: copies of live records
    uint64_t carvedRejected = 0;     // not written: not plausible events
    // How records were rendered (see RecordRenderer): shapes compiled,
    // records replayed from a compiled shape, records rendered directly.
    uint64_t shapesCompiled = 0;
    uint64_t recordsReplayed = 0;
    uint64_t recordsDirect = 0;
};

using TextSink = std::function<void(std::string_view)>;
using ErrorSink = std::function<void(const DumpError&)>;

// Dumps `input` (already known to have a valid file header).
DumpStats dumpFile(Bytes input, const DumpOptions& opt, const TextSink& out, const ErrorSink& err);

} // namespace evtx
