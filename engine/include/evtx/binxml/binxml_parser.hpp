// Reads BinXML token streams of one chunk into Programs: template
// definitions (compiled once per file through TemplateCache) and records'
// own fragments (template instances with their values, nested BinXML).
#pragma once

#include "evtx/binxml/program.hpp"
#include "evtx/binxml/template_cache.hpp"
#include "evtx/format/bytes.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace evtx {

// Everything a record's BinXML resolved to; reused from record to record.
struct RecordTree {
    Program raw;               // the record's own nodes
    std::vector<Value> values; // all template-instance values
    std::vector<TemplateUse> templates;
    // Filled while parsing, for the renderer's shape key: per value its type,
    // emptiness (bit 8) and non-zero size (bit 9); and the values whose part
    // of the shape needs more (BinXML fragments, arrays, ANSI strings).
    std::vector<uint16_t> layout;
    std::vector<uint32_t> layoutExtras;

    // Scratch kept from record to record (no allocation per record): per
    // BinXML nesting level, the expansion costs of fragment values.
    std::vector<std::vector<std::pair<uint32_t, uint64_t>>> fragmentCosts;

    void clear() {
        raw.clear();
        values.clear();
        templates.clear();
        layout.clear();
        layoutExtras.clear();
    }
};

class ChunkBinXml {
  public:
    ChunkBinXml(Bytes chunk, TemplateCache& cache) : chunk_(chunk), cache_(cache) {}

    // Parses the BinXML at chunk offsets [begin, end) into `tree`. Returns an
    // empty string on success, else the reason (with the chunk offset).
    std::string parseRecord(size_t begin, size_t end, RecordTree& tree);

    // Compiles (or finds) the template whose definition is at `offset`.
    const Program* templateAt(uint32_t offset, std::string& error);

  private:
    friend class FragmentReader;
    Bytes chunk_;
    TemplateCache& cache_;
    // A chunk holds a handful of template definitions: a short list scanned
    // from the most recently used beats hashing on every record.
    std::vector<std::pair<uint32_t, const Program*>> byOffset_;
    size_t lastHit_ = 0;
    // Crafted chunks may hold thousands: past a few, look them up by hash.
    std::unordered_map<uint32_t, const Program*> manyByOffset_;
    // Definitions that failed (parsed once, not once per reference).
    std::unordered_map<uint32_t, std::string> failed_;
    size_t templateBytes_ = 0; // definition bytes read (kMaxTemplateBytesPerChunk)
    // Names of records' own BinXML (not templates) decoded once per chunk:
    // records of a chunk refer to the same name strings again and again.
    std::unordered_map<uint32_t, std::string> names_;
    const Program* remember(uint32_t offset, const Program* p);
};

} // namespace evtx
