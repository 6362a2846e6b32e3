// Lets a renderer run in "recording" mode: instead of writing a substitution
// value's text it notes where the value goes (which value, which array item,
// which escaping). The static text around the slots plus the slot list is a
// compiled render program for every record of the same shape.
#pragma once

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/render/render.hpp"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace evtx {

struct Slot {
    size_t at = 0;      // output position the text goes to
    uint32_t value = 0; // index into RecordTree::values (or raw string id)
    int32_t item = -1;  // array item, or -1 for the value itself
    Escape mode = Escape::None;
    bool rawText = false; // `value` is a string of the record's raw program
};

class SlotRecorder {
  public:
    explicit SlotRecorder(const RecordTree& tree) : tree_(tree) {}

    // Notes a slot for `v` (a substitution value of the tree, or an item
    // copied out of one of its arrays) at the current end of `out`.
    void record(const OutBuffer& out, const Value& v, Escape mode);

    // Notes a slot for static text of the record's own (raw) fragment, which
    // differs from record to record, unlike template text.
    void recordRawText(const OutBuffer& out, uint32_t stringId, Escape mode) {
        slots_.push_back(Slot{out.size(), stringId, -1, mode, true});
    }
    const RecordTree& tree() const { return tree_; }

    bool ok() const { return ok_; }
    const std::vector<Slot>& slots() const { return slots_; }

  private:
    int32_t itemIndex(uint32_t array, const Value& v);

    const RecordTree& tree_;
    std::vector<Slot> slots_;
    bool ok_ = true;
    // Array items are looked up by address: each array's item starts are
    // listed once, and the array last found is tried first (one scan per
    // item would make an array of n items cost n^2).
    uint32_t lastArray_ = UINT32_MAX;
    std::unordered_map<uint32_t, std::vector<std::pair<const uint8_t*, uint32_t>>> items_;
};

// The renderers with an optional recorder (null: write values directly).
void renderXml(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt,
               SlotRecorder* recorder);
void renderJson(OutBuffer& out, const RecordTree& tree, const RenderOptions& opt,
                SlotRecorder* recorder);

} // namespace evtx
