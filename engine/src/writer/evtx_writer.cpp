#include "evtx/writer/evtx_writer.hpp"

#include "evtx/format/crc32.hpp"
#include "evtx/format/file_header.hpp"
#include "writer/chunk_encoder.hpp"

#include <cstdio>
#include <cstring>

namespace evtx::writer {
namespace {

// Collects the template GUIDs of an event, nested BinXML values included.
void collectTemplates(const Instance& inst, std::set<Guid>& out) {
    if (inst.tmpl) out.insert(inst.tmpl->guid);
    for (const Value& v : inst.values)
        if (const Instance* nested = v.nestedInstance()) collectTemplates(*nested, out);
}

} // namespace

EvtxWriter::EvtxWriter(WriterOptions options)
    : options_(options), open_(std::make_unique<ChunkEncoder>()), nextId_(options.firstRecordId) {}

EvtxWriter::~EvtxWriter() = default;

std::optional<uint64_t> EvtxWriter::add(const Event& event, std::string& error) {
    uint64_t before = open_->definitionsWritten();
    auto result = open_->append(nextId_, event, error);
    if (result == ChunkEncoder::Result::Full && !open_->empty()) {
        // The file header counts chunks in 16 bits.
        if (closed_.size() + 2 > 0xFFFF) {
            error = "the file already holds the most chunks a header can count";
            return std::nullopt;
        }
        // Close the chunk and retry in a fresh one, where the event's
        // templates are defined again.
        closed_.push_back(open_->finish());
        open_ = std::make_unique<ChunkEncoder>();
        before = 0;
        result = open_->append(nextId_, event, error);
    }
    if (result == ChunkEncoder::Result::Full) {
        error = "event does not fit in an empty chunk";
        return std::nullopt;
    }
    if (result != ChunkEncoder::Result::Ok) return std::nullopt;
    stats_.templateDefinitions += open_->definitionsWritten() - before;
    collectTemplates(event.body, seen_);
    stats_.distinctTemplates = seen_.size();
    stats_.records++;
    stats_.chunks = closed_.size() + 1;
    return nextId_++;
}

std::vector<uint8_t> EvtxWriter::bytes() const {
    const bool openUsed = !open_->empty();
    const size_t chunks = closed_.size() + (openUsed ? 1 : 0);
    std::vector<uint8_t> f(kFileHeaderBlock, 0);
    auto put = [&](size_t at, uint64_t v, int n) {
        for (int i = 0; i < n; ++i)
            f[at + size_t(i)] = uint8_t(v >> (8 * i));
    };
    std::memcpy(f.data(), "ElfFile", 8); // with its NUL
    put(8, 0, 8);                        // first chunk
    put(16, chunks ? chunks - 1 : 0, 8); // last chunk
    put(24, nextId_, 8);
    put(32, 128, 4);
    put(36, 1, 2); // version 3.1
    put(38, 3, 2);
    put(40, kFileHeaderBlock, 2);
    put(42, chunks, 2);
    put(120, 0, 4); // flags: closed cleanly, not full
    put(124, crc32(f.data(), 120), 4);
    f.reserve(kFileHeaderBlock + chunks * kChunkSize);
    for (const auto& c : closed_)
        f.insert(f.end(), c.begin(), c.end());
    if (openUsed) {
        const auto c = open_->finish();
        f.insert(f.end(), c.begin(), c.end());
    }
    return f;
}

bool EvtxWriter::save(const std::string& path, std::string& error) const {
    const std::vector<uint8_t> data = bytes();
    FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) {
        error = "cannot write '" + path + "'";
        return false;
    }
    const bool ok = std::fwrite(data.data(), 1, data.size(), out) == data.size();
    if (std::fclose(out) != 0 || !ok) {
        error = "write error on '" + path + "'";
        return false;
    }
    return true;
}

} // namespace evtx::writer
