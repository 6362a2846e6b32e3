// Compiled template definitions shared by all chunks of one file (and all
// threads): identical definitions recur in many chunks, so each is compiled
// once, keyed by GUID + data size + a hash of the definition bytes.
#pragma once

#include "evtx/binxml/program.hpp"
#include "evtx/format/bytes.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace evtx {

struct TemplateKey {
    std::array<uint8_t, 16> guid{};
    uint32_t size = 0;
    uint64_t hash = 0;
    bool operator==(const TemplateKey&) const = default;
};

struct TemplateKeyHash {
    size_t operator()(const TemplateKey& k) const {
        return size_t(k.hash ^ (uint64_t(k.size) << 32) ^ k.guid[0] ^ (uint64_t(k.guid[1]) << 8));
    }
};

class TemplateCache {
  public:
    const Program* find(const TemplateKey& key) const {
        std::shared_lock lock(mutex_);
        auto it = map_.find(key);
        return it == map_.end() ? nullptr : it->second.get();
    }
    // Inserts unless another thread got there first; returns the kept one.
    const Program* insert(const TemplateKey& key, std::unique_ptr<Program> p) {
        std::unique_lock lock(mutex_);
        auto [it, inserted] = map_.try_emplace(key, std::move(p));
        return it->second.get();
    }
    size_t size() const {
        std::shared_lock lock(mutex_);
        return map_.size() + withNames_.size();
    }

    // Templates whose names live elsewhere in their chunk: the same bytes
    // mean the same program only where those names are the same, so these
    // are found by key and then checked against the chunk's strings.
    const Program* findWithNames(const TemplateKey& key, Bytes chunk) const;
    const Program* insertWithNames(const TemplateKey& key, std::unique_ptr<Program> p, Bytes chunk);

  private:
    mutable std::shared_mutex mutex_;
    std::unordered_multimap<TemplateKey, std::unique_ptr<Program>, TemplateKeyHash> withNames_;
    std::unordered_map<TemplateKey, std::unique_ptr<Program>, TemplateKeyHash> map_;
};

} // namespace evtx
