// What query tests read from a parsed record, computed on first use and
// kept until the next record: its System fields, its EventData / UserData
// pairs and its compact JSON (the text whole-record searches look at).
// One per thread.
#pragma once

#include "evaluate.hpp"
#include "evtx/compile/record_renderer.hpp"
#include "evtx/render/system_fields.hpp"

namespace evtx {

class RecordContent {
  public:
    RecordContent();
    // `tree` (null: the record could not be parsed) must stay valid until
    // the next reset.
    void reset(const RecordTree* tree);
    bool readable() const { return tree_ != nullptr; }
    const SystemFields& system();
    const DataPairs* data();
    const std::string_view* json();

  private:
    const RecordTree* tree_ = nullptr;
    bool haveSystem_ = false, haveData_ = false, haveJson_ = false;
    SystemFields system_;
    DataPairs data_;
    RecordRenderer renderer_;
    OutBuffer jsonText_;
    std::string_view jsonView_;
};

} // namespace evtx
