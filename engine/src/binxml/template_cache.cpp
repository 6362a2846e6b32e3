#include "evtx/template_cache.hpp"

#include <cstring>

namespace evtx {
namespace {

uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

bool sameNode(const Node& a, const Node& b) {
    return a.kind == b.kind && a.valueType == b.valueType && a.optional == b.optional &&
           a.index == b.index && a.name == b.name && a.text == b.text &&
           a.firstAttr == b.firstAttr && a.firstChild == b.firstChild && a.next == b.next;
}

bool sameValue(const Value& a, const Value& b) {
    return a.type == b.type && a.size == b.size && a.fragment == b.fragment &&
           (a.size == 0 || std::memcmp(a.data, b.data, a.size) == 0);
}

uint64_t fingerprint(const Program& p) {
    uint64_t h = mix(p.nodes.size(), uint64_t(int64_t(p.root)));
    for (const Node& n : p.nodes)
        h = mix(h, uint64_t(n.kind) | uint64_t(n.valueType) << 8 | uint64_t(n.index) << 16 |
                       uint64_t(n.name) << 32);
    for (const std::string& s : p.strings)
        h = mix(h, std::hash<std::string>{}(s));
    return mix(h, p.literals.size());
}

bool sameProgram(const Program& a, const Program& b) {
    if (a.root != b.root || a.nodes.size() != b.nodes.size() || a.strings != b.strings ||
        a.literals.size() != b.literals.size() || a.namesInline != b.namesInline)
        return false;
    for (size_t i = 0; i < a.nodes.size(); ++i)
        if (!sameNode(a.nodes[i], b.nodes[i])) return false;
    for (size_t i = 0; i < a.literals.size(); ++i)
        if (!sameValue(a.literals[i], b.literals[i])) return false;
    return true;
}

} // namespace

const Program* TemplateCache::internByContent(std::unique_ptr<Program> p) {
    const uint64_t h = fingerprint(*p);
    {
        std::shared_lock lock(mutex_);
        auto [first, last] = byContent_.equal_range(h);
        for (auto it = first; it != last; ++it)
            if (sameProgram(*it->second, *p)) return it->second.get();
    }
    std::unique_lock lock(mutex_);
    auto [first, last] = byContent_.equal_range(h);
    for (auto it = first; it != last; ++it)
        if (sameProgram(*it->second, *p)) return it->second.get();
    return byContent_.emplace(h, std::move(p))->second.get();
}

} // namespace evtx
