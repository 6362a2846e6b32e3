#include "evtx/index/record_index.hpp"

#include <algorithm>

namespace evtx {

namespace {
template <typename V> void appendAll(V& to, const V& from) {
    to.insert(to.end(), from.begin(), from.end());
}
template <typename V> size_t capacityBytes(const V& v) {
    return v.capacity() * sizeof(typename V::value_type);
}
} // namespace

void IndexColumns::push(const IndexRow& r) {
    recordId_.push_back(r.recordId);
    timeCreated_.push_back(r.timeCreated);
    keywords_.push_back(r.keywords);
    provider_.push_back(r.provider);
    channel_.push_back(r.channel);
    computer_.push_back(r.computer);
    userSid_.push_back(r.userSid);
    processId_.push_back(r.processId);
    threadId_.push_back(r.threadId);
    chunk_.push_back(r.chunk);
    chunkOffset_.push_back(r.chunkOffset);
    eventId_.push_back(r.eventId);
    task_.push_back(r.task);
    level_.push_back(r.level);
    opcode_.push_back(r.opcode);
    recovery_.push_back(r.recovery);
}

IndexRow IndexColumns::row(size_t i) const {
    IndexRow r;
    r.recordId = recordId_[i];
    r.timeCreated = timeCreated_[i];
    r.keywords = keywords_[i];
    r.provider = provider_[i];
    r.channel = channel_[i];
    r.computer = computer_[i];
    r.userSid = userSid_[i];
    r.processId = processId_[i];
    r.threadId = threadId_[i];
    r.chunk = chunk_[i];
    r.chunkOffset = chunkOffset_[i];
    r.eventId = eventId_[i];
    r.task = task_[i];
    r.level = level_[i];
    r.opcode = opcode_[i];
    r.recovery = recovery_[i];
    return r;
}

// clang-format off
#define EVTX_FOR_EACH_COLUMN(X)                                                   \
    X(recordId_) X(timeCreated_) X(keywords_) X(provider_) X(channel_)            \
    X(computer_) X(userSid_) X(processId_) X(threadId_) X(chunk_) X(chunkOffset_) \
    X(eventId_) X(task_) X(level_) X(opcode_) X(recovery_)
// clang-format on

void IndexColumns::append(const IndexColumns& o) {
#define X(c) appendAll(c, o.c);
    EVTX_FOR_EACH_COLUMN(X)
#undef X
}

void IndexColumns::reserve(size_t n) {
#define X(c) c.reserve(n);
    EVTX_FOR_EACH_COLUMN(X)
#undef X
}

void IndexColumns::clear() {
#define X(c) c.clear();
    EVTX_FOR_EACH_COLUMN(X)
#undef X
}

void IndexColumns::shrinkToFit() {
#define X(c) c.shrink_to_fit();
    EVTX_FOR_EACH_COLUMN(X)
#undef X
}

size_t IndexColumns::allocatedBytes() const {
    size_t n = 0;
#define X(c) n += capacityBytes(c);
    EVTX_FOR_EACH_COLUMN(X)
#undef X
    return n;
}

#undef EVTX_FOR_EACH_COLUMN

uint64_t IndexColumns::number(IndexField f, size_t i) const {
    switch (f) {
    case IndexField::RecordId:
        return recordId_[i];
    case IndexField::TimeCreated:
        return timeCreated_[i];
    case IndexField::EventId:
        return eventId_[i];
    case IndexField::Level:
        return level_[i];
    case IndexField::Provider:
        return provider_[i];
    case IndexField::Channel:
        return channel_[i];
    case IndexField::Computer:
        return computer_[i];
    case IndexField::Task:
        return task_[i];
    case IndexField::Opcode:
        return opcode_[i];
    case IndexField::Keywords:
        return keywords_[i];
    case IndexField::UserSid:
        return userSid_[i];
    case IndexField::ProcessId:
        return processId_[i];
    case IndexField::ThreadId:
        return threadId_[i];
    case IndexField::Chunk:
        return chunk_[i];
    case IndexField::ChunkOffset:
        return chunkOffset_[i];
    case IndexField::Recovery:
        return recovery_[i];
    }
    return 0;
}

void IndexColumns::remapStrings(const std::vector<uint32_t>& map) {
    for (auto* col : {&provider_, &channel_, &computer_, &userSid_})
        for (uint32_t& id : *col)
            id = map[id];
}

uint32_t StringPool::intern(std::string_view s) {
    if (s.empty()) return 0;
    auto it = ids_.find(std::string(s));
    if (it != ids_.end()) return it->second;
    const uint32_t id = uint32_t(strings_.size());
    strings_.emplace_back(s);
    ids_.emplace(strings_.back(), id);
    return id;
}

void RecordIndex::append(const IndexBatch& batch) {
    strings_.insert(strings_.end(), batch.newStrings.begin(), batch.newStrings.end());
    const size_t need = columns_.size() + batch.rows.size();
    if (need > columns_.capacity()) {
        size_t target = std::max(need * 2, size_t(1024));
        if (batch.chunksDone > 0 && batch.chunksTotal > batch.chunksDone) {
            // Rows per chunk so far, times the chunks, plus a quarter.
            const double perChunk = double(need) / double(batch.chunksDone);
            target = std::max(target, size_t(perChunk * double(batch.chunksTotal) * 1.25));
        }
        columns_.reserve(target);
    }
    columns_.append(batch.rows);
}

size_t RecordIndex::usedBytes() const {
    size_t n =
        columns_.size() * IndexColumns::bytesPerRow() + strings_.size() * sizeof(std::string);
    for (const std::string& s : strings_)
        if (s.capacity() > 15) n += s.capacity() + 1;
    return n;
}

size_t RecordIndex::allocatedBytes() const {
    size_t n = columns_.allocatedBytes() + strings_.capacity() * sizeof(std::string);
    for (const std::string& s : strings_)
        if (s.capacity() > 15) n += s.capacity() + 1; // beyond the small-string buffer
    return n;
}

} // namespace evtx
