#include "evtx/index/record_reader.hpp"

#include "evtx/carve/recovered_render.hpp"
#include "evtx/format/file_header.hpp"

#include <algorithm>
#include <cstring>

namespace evtx {

RecordReader::RecordReader(Bytes file, TemplateCache& cache, RenderOptions options)
    : file_(file), cache_(cache), options_(options) {}

RecordReader::~RecordReader() = default;

Bytes RecordReader::chunkBytes(uint32_t chunk, uint16_t offset, std::string& error) {
    const size_t base = kFileHeaderBlock + size_t(chunk) * kChunkSize;
    const size_t available = base < file_.size() ? std::min(kChunkSize, file_.size() - base) : 0;
    if (offset < kChunkHeaderSize || size_t(offset) + 28 > available) {
        error =
            "no record at chunk " + std::to_string(chunk) + ", offset " + std::to_string(offset);
        return {};
    }
    Bytes bytes = file_.subspan(base, available); // the last chunk may be partial
    if (loadedChunk_ != chunk || !binxml_) {
        binxml_ = std::make_unique<ChunkBinXml>(bytes, cache_);
        loadedChunk_ = chunk;
        if (chunkLoadHook_) chunkLoadHook_(bytes);
    }
    chunk_ = chunk;
    fileOffset_ = base + offset;
    return bytes;
}

bool RecordReader::load(uint32_t chunk, uint16_t offset, std::string& error) {
    tree_.clear();
    recovered_.reset();
    Bytes bytes = chunkBytes(chunk, offset, error);
    if (bytes.empty()) return false;
    const uint8_t* p = bytes.data() + offset;
    static constexpr uint8_t kMagic[4] = {0x2a, 0x2a, 0, 0};
    const uint32_t size = loadLE<uint32_t>(p + 4);
    if (std::memcmp(p, kMagic, 4) != 0 || size < 28 || offset + size_t(size) > bytes.size()) {
        error = "no valid record header at chunk " + std::to_string(chunk) + ", offset " +
                std::to_string(offset);
        return false;
    }
    recordId_ = loadLE<uint64_t>(p + 8);
    error = binxml_->parseRecord(size_t(offset) + 24, size_t(offset) + size - 4, tree_);
    return error.empty();
}

bool RecordReader::loadRecovered(uint32_t chunk, uint16_t offset, RecoverySource source,
                                 std::string& error) {
    tree_.clear();
    recovered_.reset();
    Bytes bytes = chunkBytes(chunk, offset, error);
    if (bytes.empty()) return false;
    RecoveredRecord r;
    switch (carveRecordAt(bytes, offset, source, *binxml_, tree_, r, error)) {
    case CarveResult::NoRecord:
        error = "no record-shaped bytes at chunk " + std::to_string(chunk) + ", offset " +
                std::to_string(offset);
        return false;
    case CarveResult::Rejected:
        return false;
    case CarveResult::Recovered:
        break;
    }
    recordId_ = r.header.id;
    recovered_ = std::move(r);
    return true;
}

bool RecordReader::loadRow(const IndexColumns& columns, uint32_t row, std::string& error) {
    const uint8_t recovery = columns.recovery(row);
    if (recovery == row_recovery::None)
        return load(columns.chunk(row), columns.chunkOffset(row), error);
    if (!loadRecovered(columns.chunk(row), columns.chunkOffset(row),
                       (recovery & row_recovery::DamagedChunk) ? RecoverySource::DamagedChunk
                                                               : RecoverySource::Slack,
                       error))
        return false;
    // Found when the row was indexed (it compares with the whole file).
    recovered_->conflictsWithLive = (recovery & row_recovery::ConflictsWithLive) != 0;
    return true;
}

void RecordReader::markRecovered(OutBuffer& out, size_t start, bool xml) {
    const auto where = RecoveredLocation::of(*recovered_, chunk_, fileOffset_);
    if (xml)
        markRecoveredXml(out, start, where);
    else
        markRecoveredJson(out, start, where);
}

void RecordReader::appendXml(OutBuffer& out) {
    const size_t start = out.size();
    if (recovered_ && recovered_->raw) {
        renderRawXml(out, *recovered_->raw, options_);
    } else {
        if (!xml_) xml_ = std::make_unique<RecordRenderer>(RecordRenderer::Format::Xml, options_);
        xml_->render(out, tree_);
    }
    if (recovered_) markRecovered(out, start, true);
}

void RecordReader::appendJson(OutBuffer& out) {
    const size_t start = out.size();
    if (recovered_ && recovered_->raw) {
        renderRawJson(out, *recovered_->raw, options_);
    } else {
        if (!json_)
            json_ = std::make_unique<RecordRenderer>(RecordRenderer::Format::Json, options_);
        json_->render(out, tree_);
    }
    if (recovered_) markRecovered(out, start, false);
}

void RecordReader::appendDump(OutBuffer& out, OutputFormat format) {
    if (format != OutputFormat::Jsonl) {
        out.append("Record ");
        formatUnsigned(out, recordId_);
        out.push('\n');
    }
    if (format == OutputFormat::Xml)
        appendXml(out);
    else
        appendJson(out);
    out.push('\n');
}

} // namespace evtx
