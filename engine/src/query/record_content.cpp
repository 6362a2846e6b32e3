#include "record_content.hpp"

namespace evtx {

// Default render options: whole-record searches see the same JSON whatever
// format the records are written in.
RecordContent::RecordContent() : renderer_(RecordRenderer::Format::Json, RenderOptions{}) {}

void RecordContent::reset(const RecordTree* tree) {
    tree_ = tree;
    haveSystem_ = haveData_ = haveJson_ = false;
}

const SystemFields& RecordContent::system() {
    if (!haveSystem_) {
        if (tree_)
            extractSystemFields(*tree_, system_);
        else
            system_.clear();
        haveSystem_ = true;
    }
    return system_;
}

const DataPairs* RecordContent::data() {
    if (!tree_) return nullptr;
    if (!haveData_) {
        data_ = extractEventData(*tree_);
        haveData_ = true;
    }
    return &data_;
}

const std::string_view* RecordContent::json() {
    if (!tree_) return nullptr;
    if (!haveJson_) {
        jsonText_.clear();
        renderer_.render(jsonText_, *tree_);
        jsonView_ = jsonText_.view();
        haveJson_ = true;
    }
    return &jsonView_;
}

} // namespace evtx
