// evtxdump --sigma: the detections of Sigma rules, one JSON line per
// (record, matching rule), written by one SigmaWriter per worker thread.
#pragma once

#include "evtx/dump/dump.hpp"
#include "evtx/render/event_fields.hpp"
#include "evtx/sigma/rule_index.hpp"
#include "evtx/sigma/sigma.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace evtxdump {

// What every writer shares: the rules, their index, each rule's JSON head
// (escaped once), the counts for --sigma-summary and the current log.
struct SigmaDetections {
    explicit SigmaDetections(std::vector<evtx::sigma::Rule> rules);
    std::vector<evtx::sigma::Rule> rules;
    evtx::sigma::RuleIndex index{rules};
    std::vector<std::string> heads; // {"rule_id":...,"tags":[...],
    std::unique_ptr<std::atomic<uint64_t>[]> counts;
    std::string sourceFileJson; // the log being dumped, escaped
    bool summaryOnly = false;   // --sigma-summary: count, write nothing
};

class SigmaWriter final : public evtx::RecordWriter {
  public:
    explicit SigmaWriter(SigmaDetections& shared) : shared_(shared) {}
    void write(evtx::OutBuffer& out, const evtx::RecordTree* tree, std::string_view rawJson,
               const evtx::RecordPlace& place) override;

  private:
    void writeDetection(evtx::OutBuffer& out, size_t rule);

    SigmaDetections& shared_;
    evtx::EventFields fields_;
    std::vector<size_t> hits_;
    std::vector<evtx::sigma::TestedField> tested_;
};

} // namespace evtxdump
