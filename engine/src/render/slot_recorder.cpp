#include "evtx/render/slot_recorder.hpp"

#include <algorithm>

namespace evtx {

void SlotRecorder::record(const OutBuffer& out, const Value& v, Escape mode) {
    const Value* base = tree_.values.data();
    const size_t count = tree_.values.size();
    if (&v >= base && &v < base + count) {
        slots_.push_back(Slot{out.size(), uint32_t(&v - base), -1, mode});
        return;
    }
    // An array item: find the array holding exactly these bytes.
    if (lastArray_ < count) {
        if (int32_t found = itemIndex(lastArray_, v); found >= 0) {
            slots_.push_back(Slot{out.size(), lastArray_, found, mode});
            return;
        }
    }
    for (size_t i = 0; i < count; ++i) {
        const Value& a = base[i];
        if (!a.isArray() || v.data < a.data || v.data > a.data + a.size) continue;
        if (int32_t found = itemIndex(uint32_t(i), v); found >= 0) {
            lastArray_ = uint32_t(i);
            slots_.push_back(Slot{out.size(), uint32_t(i), found, mode});
            return;
        }
    }
    ok_ = false; // not a value of this tree: this record cannot be compiled
}

int32_t SlotRecorder::itemIndex(uint32_t array, const Value& v) {
    const Value& a = tree_.values[array];
    if (!a.isArray() || v.data < a.data || v.data > a.data + a.size) return -1;
    auto [it, added] = items_.try_emplace(array);
    auto& items = it->second;
    if (added)
        forEachArrayItem(a, [&](const Value& item) { items.emplace_back(item.data, item.size); });
    // Item starts only grow, so the first at v.data is the one.
    auto at = std::lower_bound(items.begin(), items.end(), v.data,
                               [](const auto& item, const uint8_t* d) { return item.first < d; });
    for (; at != items.end() && at->first == v.data; ++at)
        if (at->second == v.size) return int32_t(at - items.begin());
    return -1;
}

} // namespace evtx
