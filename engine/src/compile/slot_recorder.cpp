#include "render/slot_recorder.hpp"

namespace evtx {

void SlotRecorder::record(const OutBuffer& out, const Value& v, Escape mode) {
    const Value* base = tree_.values.data();
    const size_t count = tree_.values.size();
    if (&v >= base && &v < base + count) {
        slots_.push_back(Slot{out.size(), uint32_t(&v - base), -1, mode});
        return;
    }
    // An array item: find the array holding exactly these bytes.
    for (size_t i = 0; i < count; ++i) {
        const Value& a = base[i];
        if (!a.isArray() || v.data < a.data || v.data > a.data + a.size) continue;
        int32_t index = 0, found = -1;
        forEachArrayItem(a, [&](const Value& item) {
            if (found < 0 && item.data == v.data && item.size == v.size) found = index;
            ++index;
        });
        if (found >= 0) {
            slots_.push_back(Slot{out.size(), uint32_t(i), found, mode});
            return;
        }
    }
    ok_ = false; // not a value of this tree: this record cannot be compiled
}

} // namespace evtx
