// The parsed log-source mapping (resources/sigma/logsources.yaml).
#pragma once

#include "evtx/sigma/sigma.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace evtx::sigma {

// One way an event of a category (or a whole service) is logged.
struct LogSourceWay {
    std::vector<std::string> channels;                      // any of (no case); empty: any
    std::vector<std::string> eventIds;                      // any of; empty: any
    std::vector<std::pair<std::string, std::string>> where; // field == value
    std::map<std::string, std::string> fields;              // rule name -> log name
    bool fits(const EventFields& record) const;
};

struct LogSourceTable {
    std::map<std::string, std::vector<std::string>> services;
    std::map<std::string, std::vector<std::pair<std::string, LogSourceWay>>> categories;
    // The ways a rule's logsource can be met; throws UnsupportedRule.
    std::vector<LogSourceWay> resolve(const std::string& product, const std::string& category,
                                      const std::string& service) const;
};

// The text of resources/sigma/logsources.yaml, compiled in.
std::string_view builtinLogSourcesText();

} // namespace evtx::sigma
