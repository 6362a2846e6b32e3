// Rules grouped by the Channel and EventID their log source (and their
// detection's `EventID: N` tests) imply, so a record is tested only against
// the rules that can apply to it.
#pragma once

#include "evtx/sigma/sigma.hpp"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace evtx::sigma {

class RuleIndex {
  public:
    // `rules` must outlive the index.
    explicit RuleIndex(const std::vector<Rule>& rules);

    // Into `out`: indices of the rules (ascending) whose log source can fit
    // the record; a rule left out cannot match it.
    void candidates(const EventFields& record, std::vector<size_t>& out) const;

    // The indices of the rules that match the record, ascending.
    void matching(const EventFields& record, std::vector<size_t>& out) const;

  private:
    struct ByChannel {
        std::vector<size_t> anyEventId;
        std::unordered_map<std::string, std::vector<size_t>> byEventId;
    };
    const std::vector<Rule>& rules_;
    std::vector<size_t> always_;                           // a way of the rule names no channel
    std::unordered_map<std::string, ByChannel> byChannel_; // lower-case channel
};

} // namespace evtx::sigma
