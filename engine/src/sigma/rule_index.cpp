// The rule index: each rule filed under the channels and event ids each of
// its log-source ways requires (the way's own ids, narrowed by the
// `EventID: N` tests of its detection); Rule::matches stays the judge.
#include "evtx/sigma/rule_index.hpp"

#include "sigma/compiled_rule.hpp"
#include "sigma/event_id_bound.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

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

// The ids a way can match: its log source's, narrowed by the detection's
// bound; nullopt: any.
std::optional<std::set<std::string>> wayIds(const LogSourceWay& way, const Detection& d) {
    std::optional<std::set<std::string>> ids = eventIdBound(d);
    if (way.eventIds.empty()) return ids;
    std::set<std::string> own(way.eventIds.begin(), way.eventIds.end());
    if (ids) std::erase_if(own, [&](const std::string& id) { return !ids->count(id); });
    return own;
}

} // namespace

RuleIndex::RuleIndex(const std::vector<Rule>& rules) : rules_(rules) {
    for (size_t i = 0; i < rules.size(); ++i)
        for (const auto& [way, detection] : rules[i].compiled().ways) {
            const auto ids = wayIds(way, detection);
            // "": a way open to every channel.
            std::vector<std::string> channels;
            for (const std::string& c : way.channels)
                channels.push_back(lower(c));
            if (channels.empty()) channels.emplace_back();
            for (const std::string& channel : channels) {
                ByChannel& by = byChannel_[channel];
                if (!ids) addOnce(by.anyEventId, i);
                for (const std::string& id : ids ? *ids : std::set<std::string>())
                    addOnce(by.byEventId[id], i);
            }
        }
}

// A record's rules: those of its channel and of any channel, each for its
// event id and for any id.
void RuleIndex::candidates(const EventFields& record, std::vector<size_t>& out) const {
    out.clear();
    // The same lookups as LogSourceWay::fits and the detections.
    const std::string* channel = lookupField(record, "Channel");
    const std::string* id = lookupField(record, "EventID");
    for (const std::string& key : {std::string(), channel ? lower(*channel) : std::string()}) {
        const auto by = byChannel_.find(key);
        if (by == byChannel_.end()) continue;
        mergeInto(out, by->second.anyEventId);
        if (!id) continue;
        const auto list = by->second.byEventId.find(*id);
        if (list != by->second.byEventId.end()) mergeInto(out, list->second);
        if (!channel) break; // "" twice
    }
}

void RuleIndex::matching(const EventFields& record, std::vector<size_t>& out) const {
    candidates(record, out);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](size_t i) { return !rules_[i].matches(record); }),
              out.end());
}

} // namespace evtx::sigma
