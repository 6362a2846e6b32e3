// Renders one record on demand, located by chunk number and offset, with
// exactly the bytes evtxdump writes for it. One renderer per thread; the
// TemplateCache is shared by all renderers (and the index builder) of a file.
#pragma once

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/carve/carve.hpp"
#include "evtx/compile/record_renderer.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/index/record_index.hpp"
#include "evtx/render/render.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace evtx {

class RecordReader {
  public:
    RecordReader(Bytes file, TemplateCache& cache, RenderOptions options = {});
    ~RecordReader();

    // Called with the chunk's bytes each time a record comes from another
    // chunk than the last one (a viewer releases the mapping's pages of the
    // chunk it left there, to bound RSS).
    void setChunkLoadHook(std::function<void(Bytes chunk)> hook) {
        chunkLoadHook_ = std::move(hook);
    }

    // Parses the record; on failure returns false and says why in `error`.
    bool load(uint32_t chunk, uint16_t offset, std::string& error);
    // A record recovery found (evtxdump --recover), read again as the carve
    // read it: its tree, or its raw values when its template is lost. It is
    // rendered as evtxdump --recover writes it, marker included.
    bool loadRecovered(uint32_t chunk, uint16_t offset, RecoverySource source, std::string& error);
    // Index row `row`: load() or loadRecovered() as its recovery bits say.
    bool loadRow(const IndexColumns& columns, uint32_t row, std::string& error);
    // The loaded record's recovery (source, raw values), null for a live one.
    const RecoveredRecord* recovered() const { return recovered_ ? &*recovered_ : nullptr; }
    const RecordTree& tree() const { return tree_; } // empty for raw values
    uint64_t recordId() const { return recordId_; }

    // Appends the loaded record as evtxdump writes it in `format`
    // (xml/json with their "Record N" line, jsonl as one line).
    void appendDump(OutBuffer& out, OutputFormat format);
    // The bare event: XML document or one JSON object (no newline after).
    // Written through compiled render programs, as evtxdump does.
    void appendXml(OutBuffer& out);
    void appendJson(OutBuffer& out);

  private:
    Bytes chunkBytes(uint32_t chunk, uint16_t offset, std::string& error);
    void markRecovered(OutBuffer& out, size_t start, bool xml);

    Bytes file_;
    TemplateCache& cache_;
    RenderOptions options_;
    RecordTree tree_;
    uint64_t recordId_ = 0;
    uint64_t fileOffset_ = 0;
    uint32_t loadedChunk_ = UINT32_MAX;
    uint32_t chunk_ = 0;
    std::optional<RecoveredRecord> recovered_;
    std::unique_ptr<ChunkBinXml> binxml_;        // reused while records come from one chunk
    std::unique_ptr<RecordRenderer> xml_, json_; // made on first use
    std::function<void(Bytes chunk)> chunkLoadHook_;
};

} // namespace evtx
