#include "evtx/index/sort.hpp"

#include "evtx/threads/worker_arena.hpp"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <numeric>

namespace evtx {

namespace {
// rank[id] = position of string `id` in text order.
std::vector<uint32_t> stringRanks(const std::vector<std::string>& strings) {
    std::vector<uint32_t> order(strings.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return strings[a] < strings[b]; });
    std::vector<uint32_t> rank(strings.size());
    for (uint32_t i = 0; i < order.size(); ++i)
        rank[order[i]] = i;
    return rank;
}
} // namespace

std::vector<uint64_t> sortKeys(const RecordIndex& index, IndexField field) {
    const IndexColumns& c = index.columns();
    std::vector<uint64_t> keys(c.size());
    if (isStringField(field)) {
        const std::vector<uint32_t> rank = stringRanks(index.strings());
        for (size_t i = 0; i < keys.size(); ++i)
            keys[i] = rank[c.number(field, i)];
    } else {
        for (size_t i = 0; i < keys.size(); ++i)
            keys[i] = c.number(field, i);
    }
    return keys;
}

std::vector<uint32_t> sortPermutation(const std::vector<uint64_t>& keys, bool descending) {
    const size_t n = keys.size();
    // Key and row packed together: one comparison of plain pairs, and ties
    // broken by row number, so the result is the same on every run.
    std::vector<std::pair<uint64_t, uint32_t>> items(n);
    std::vector<uint32_t> perm(n);
    WorkerArena arena{unsigned(tbb::info::default_concurrency())};
    arena.execute([&] {
        tbb::parallel_for(size_t(0), n, [&](size_t i) {
            items[i] = {descending ? ~keys[i] : keys[i], uint32_t(i)};
        });
        tbb::parallel_sort(items.begin(), items.end());
        tbb::parallel_for(size_t(0), n, [&](size_t i) { perm[i] = items[i].second; });
    });
    return perm;
}

} // namespace evtx
