// The columnar record index: one row per readable record, System fields in
// parallel arrays (about 60 bytes a row), strings interned to small ids.
#pragma once

#include "evtx/dump/dump.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace evtx {

// The indexed fields, in the order the columns are stored.
enum class IndexField : uint8_t {
    RecordId,
    TimeCreated,
    EventId,
    Level,
    Provider,
    Channel,
    Computer,
    Task,
    Opcode,
    Keywords,
    UserSid,
    ProcessId,
    ThreadId,
    Chunk,
    ChunkOffset,
    Recovery,
};
inline constexpr int kIndexFieldCount = 16;

// How a row's record was found (IndexRow::recovery): 0 by the normal walk;
// otherwise carved by recovery (evtx/carve/carve.hpp) from a chunk's slack
// space or from a damaged chunk, with TemplateLost when only its raw values
// could be read (partial) and ConflictsWithLive when it reuses the id of a
// live record with other content.
namespace row_recovery {
inline constexpr uint8_t None = 0, Slack = 1, DamagedChunk = 2, TemplateLost = 4,
                         ConflictsWithLive = 8;
}

// Is the field an interned string id (sorted by text, not by id)?
constexpr bool isStringField(IndexField f) {
    return f == IndexField::Provider || f == IndexField::Channel || f == IndexField::Computer ||
           f == IndexField::UserSid;
}

// One row with every field, for building and for reading a row at once.
struct IndexRow {
    uint64_t recordId = 0;
    uint64_t timeCreated = 0; // FILETIME, 100 ns ticks since 1601
    uint64_t keywords = 0;
    uint32_t provider = 0; // string ids
    uint32_t channel = 0;
    uint32_t computer = 0;
    uint32_t userSid = 0;
    uint32_t processId = 0;
    uint32_t threadId = 0;
    uint32_t chunk = 0;       // chunk number, 0-based
    uint16_t chunkOffset = 0; // record offset inside its chunk
    uint16_t eventId = 0;
    uint16_t task = 0;
    uint8_t level = 0;
    uint8_t opcode = 0;
    uint8_t recovery = 0; // row_recovery bits
};

// Parallel arrays of the fields; string ids are relative to some pool.
class IndexColumns {
  public:
    size_t size() const { return recordId_.size(); }
    bool empty() const { return recordId_.empty(); }
    void push(const IndexRow& r);
    IndexRow row(size_t i) const;
    void append(const IndexColumns& other);
    void reserve(size_t n);
    size_t capacity() const { return recordId_.capacity(); }
    void clear();
    void shrinkToFit();
    // The field as an unsigned number (string fields: the id).
    uint64_t number(IndexField f, size_t i) const;
    // Bytes of one row across all columns, and what is allocated in all.
    static constexpr size_t bytesPerRow() {
        return 3 * sizeof(uint64_t) + 7 * sizeof(uint32_t) + 3 * sizeof(uint16_t) +
               3 * sizeof(uint8_t);
    }
    size_t allocatedBytes() const;

    // Renumbers string ids through `map` (id → new id).
    void remapStrings(const std::vector<uint32_t>& map);

    uint64_t recordId(size_t i) const { return recordId_[i]; }
    uint64_t timeCreated(size_t i) const { return timeCreated_[i]; }
    uint64_t keywords(size_t i) const { return keywords_[i]; }
    uint32_t provider(size_t i) const { return provider_[i]; }
    uint32_t channel(size_t i) const { return channel_[i]; }
    uint32_t computer(size_t i) const { return computer_[i]; }
    uint32_t userSid(size_t i) const { return userSid_[i]; }
    uint32_t processId(size_t i) const { return processId_[i]; }
    uint32_t threadId(size_t i) const { return threadId_[i]; }
    uint32_t chunk(size_t i) const { return chunk_[i]; }
    uint16_t chunkOffset(size_t i) const { return chunkOffset_[i]; }
    uint16_t eventId(size_t i) const { return eventId_[i]; }
    uint16_t task(size_t i) const { return task_[i]; }
    uint8_t level(size_t i) const { return level_[i]; }
    uint8_t opcode(size_t i) const { return opcode_[i]; }
    uint8_t recovery(size_t i) const { return recovery_[i]; }
    bool isRecovered(size_t i) const { return recovery_[i] != row_recovery::None; }

  private:
    std::vector<uint64_t> recordId_, timeCreated_, keywords_;
    std::vector<uint32_t> provider_, channel_, computer_, userSid_, processId_, threadId_, chunk_;
    std::vector<uint16_t> chunkOffset_, eventId_, task_;
    std::vector<uint8_t> level_, opcode_, recovery_;
};

// Interned strings: id 0 is always the empty string.
class StringPool {
  public:
    StringPool() { strings_.emplace_back(); }
    uint32_t intern(std::string_view s);
    const std::string& text(uint32_t id) const { return strings_[id]; }
    size_t size() const { return strings_.size(); }
    const std::vector<std::string>& all() const { return strings_; }

  private:
    std::vector<std::string> strings_;
    std::unordered_map<std::string, uint32_t> ids_;
};

// A batch from the index builder: rows whose string ids refer to the
// builder's pool, the strings that pool gained since the previous batch,
// the problems met, and how far the walk has got.
struct IndexBatch {
    IndexColumns rows;
    std::vector<std::string> newStrings; // ids continue after the previous batch
    std::vector<DumpError> errors;       // chunk, file offset, record id, reason
    uint64_t chunksDone = 0;
    uint64_t chunksTotal = 0;
    bool last = false;      // no batch follows
    bool cancelled = false; // (last) the walk was cancelled before the end
};

// The index a viewer keeps: rows in file order plus their strings. Not
// thread-safe; the owner appends batches and reads rows on one thread.
class RecordIndex {
  public:
    RecordIndex() { strings_.emplace_back(); }
    size_t size() const { return columns_.size(); }
    const IndexColumns& columns() const { return columns_; }
    const std::string& text(uint32_t id) const { return strings_[id]; }
    const std::vector<std::string>& strings() const { return strings_; }
    // Grows the columns to the whole file's estimated row count once the
    // batch says how far the walk has got, so that a large log is not copied
    // at every doubling (a copy of ~80 MB stalls the viewer's GUI thread).
    // Capacity not yet written to is not resident.
    void append(const IndexBatch& batch);
    void shrinkToFit() { columns_.shrinkToFit(); }
    size_t allocatedBytes() const; // capacity included
    size_t usedBytes() const;      // rows and strings only

  private:
    IndexColumns columns_;
    std::vector<std::string> strings_;
};

} // namespace evtx
