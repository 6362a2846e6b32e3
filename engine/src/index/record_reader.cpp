#include "evtx/index/record_reader.hpp"

#include "evtx/file_header.hpp"

#include <algorithm>
#include <cstring>

namespace evtx {

RecordReader::RecordReader(Bytes file, TemplateCache& cache, RenderOptions options)
    : file_(file), cache_(cache), options_(options) {}

RecordReader::~RecordReader() = default;

bool RecordReader::load(uint32_t chunk, uint16_t offset, std::string& error) {
    tree_.clear();
    const size_t base = kFileHeaderBlock + size_t(chunk) * kChunkSize;
    const size_t available = base < file_.size() ? std::min(kChunkSize, file_.size() - base) : 0;
    if (offset < kChunkHeaderSize || size_t(offset) + 28 > available) {
        error =
            "no record at chunk " + std::to_string(chunk) + ", offset " + std::to_string(offset);
        return false;
    }
    Bytes bytes = file_.subspan(base, available); // the last chunk may be partial
    const uint8_t* p = bytes.data() + offset;
    static constexpr uint8_t kMagic[4] = {0x2a, 0x2a, 0, 0};
    const uint32_t size = loadLE<uint32_t>(p + 4);
    if (std::memcmp(p, kMagic, 4) != 0 || size < 28 || offset + size_t(size) > available) {
        error = "no valid record header at chunk " + std::to_string(chunk) + ", offset " +
                std::to_string(offset);
        return false;
    }
    if (loadedChunk_ != chunk || !binxml_) {
        binxml_ = std::make_unique<ChunkBinXml>(bytes, cache_);
        loadedChunk_ = chunk;
        if (chunkLoadHook_) chunkLoadHook_();
    }
    recordId_ = loadLE<uint64_t>(p + 8);
    error = binxml_->parseRecord(size_t(offset) + 24, size_t(offset) + size - 4, tree_);
    return error.empty();
}

void RecordReader::appendXml(OutBuffer& out) {
    if (!xml_) xml_ = std::make_unique<RecordRenderer>(RecordRenderer::Format::Xml, options_);
    xml_->render(out, tree_);
}

void RecordReader::appendJson(OutBuffer& out) {
    if (!json_) json_ = std::make_unique<RecordRenderer>(RecordRenderer::Format::Json, options_);
    json_->render(out, tree_);
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
