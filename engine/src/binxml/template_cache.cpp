#include "evtx/binxml/template_cache.hpp"

#include <cstring>

namespace evtx {
namespace {

// Does `chunk` hold, at each recorded offset, the same name string?
bool namesMatch(const Program& p, Bytes chunk) {
    for (const Program::ChunkName& n : p.chunkNames) {
        const size_t at = size_t(n.offset) + 8; // u32 next, u16 hash, u16 length
        if (at > chunk.size() || n.utf16.size() > chunk.size() - at) return false;
        if (loadLE<uint16_t>(chunk.data() + n.offset + 6) * 2u != n.utf16.size()) return false;
        if (std::memcmp(chunk.data() + at, n.utf16.data(), n.utf16.size()) != 0) return false;
    }
    return true;
}

} // namespace

const Program* TemplateCache::findWithNames(const TemplateKey& key, Bytes chunk) const {
    std::shared_lock lock(mutex_);
    auto [first, last] = withNames_.equal_range(key);
    for (auto it = first; it != last; ++it)
        if (namesMatch(*it->second, chunk)) return it->second.get();
    return nullptr;
}

const Program* TemplateCache::insertWithNames(const TemplateKey& key, std::unique_ptr<Program> p,
                                              Bytes chunk) {
    std::unique_lock lock(mutex_);
    auto [first, last] = withNames_.equal_range(key);
    for (auto it = first; it != last; ++it)
        if (namesMatch(*it->second, chunk)) return it->second.get(); // another thread won
    return withNames_.emplace(key, std::move(p))->second.get();
}

} // namespace evtx
