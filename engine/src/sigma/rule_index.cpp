// The rule index: each rule filed under the channels (and event ids) every
// one of its log-source ways requires; LogSourceWay::fits stays the judge.
#include "evtx/sigma/rule_index.hpp"

#include "sigma/compiled_rule.hpp"

#include <algorithm>
#include <cctype>

namespace evtx::sigma {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void addOnce(std::vector<size_t>& list, size_t rule) {
    if (list.empty() || list.back() != rule) list.push_back(rule);
}

// Appends the sorted `from` to `out` (sorted), keeping it sorted and unique.
void mergeInto(std::vector<size_t>& out, const std::vector<size_t>& from) {
    if (from.empty()) return;
    const size_t mid = out.size();
    out.insert(out.end(), from.begin(), from.end());
    std::inplace_merge(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(mid), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

} // namespace

RuleIndex::RuleIndex(const std::vector<Rule>& rules) : rules_(rules) {
    for (size_t i = 0; i < rules.size(); ++i) {
        const auto& ways = rules[i].compiled().ways;
        // A way open to any channel: the rule is tested on every record.
        const bool anyChannel = std::any_of(ways.begin(), ways.end(),
                                            [](const auto& w) { return w.first.channels.empty(); });
        if (anyChannel || ways.empty()) {
            always_.push_back(i);
            continue;
        }
        for (const auto& [way, detection] : ways)
            for (const std::string& channel : way.channels) {
                ByChannel& by = byChannel_[lower(channel)];
                if (way.eventIds.empty()) addOnce(by.anyEventId, i);
                for (const std::string& id : way.eventIds)
                    addOnce(by.byEventId[id], i);
            }
    }
}

void RuleIndex::candidates(const EventFields& record, std::vector<size_t>& out) const {
    out = always_;
    // The same lookups as LogSourceWay::fits, so no fitting rule is missed.
    const std::string* channel = lookupField(record, "Channel");
    if (!channel) return;
    const auto by = byChannel_.find(lower(*channel));
    if (by == byChannel_.end()) return;
    mergeInto(out, by->second.anyEventId);
    if (const std::string* id = lookupField(record, "EventID")) {
        const auto list = by->second.byEventId.find(*id);
        if (list != by->second.byEventId.end()) mergeInto(out, list->second);
    }
}

void RuleIndex::matching(const EventFields& record, std::vector<size_t>& out) const {
    candidates(record, out);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](size_t i) { return !rules_[i].matches(record); }),
              out.end());
}

} // namespace evtx::sigma
