// Sigma detection rules compiled once into matchers over a record's fields
// (EventFields), with log sources (category / service) turned into
// conditions on Channel and EventID by a mapping file (LogSources).
#pragma once

#include "evtx/render/event_fields.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace evtx::sigma {

struct RuleInfo {
    std::string file, title, id, level, status, description, author;
    std::vector<std::string> tags, references;
};

struct CompiledRule; // private to the stage

class Rule {
  public:
    explicit Rule(RuleInfo info, std::shared_ptr<const CompiledRule> compiled);
    const RuleInfo& info() const { return info_; }
    bool matches(const EventFields& record) const;

  private:
    RuleInfo info_;
    std::shared_ptr<const CompiledRule> compiled_;
};

// A rule file (or one rule of it) that was not compiled, and why.
struct Unsupported {
    std::string file, id, reason;
};

struct RuleSet {
    std::vector<Rule> rules;
    std::vector<Unsupported> unsupported;
};

struct LogSourceTable; // private to the stage

// How a rule's logsource becomes conditions; see resources/sigma/logsources.yaml.
class LogSources {
  public:
    // Throws std::runtime_error with the reason when the text is not valid.
    static LogSources parse(std::string_view yamlText);
    // The project's mapping, compiled in from resources/sigma/logsources.yaml.
    static const LogSources& builtin();
    const LogSourceTable& table() const { return *table_; }

  private:
    std::shared_ptr<const LogSourceTable> table_;
};

// Compiles the rule(s) in one YAML text; each rule goes to out.rules or,
// with its reason, to out.unsupported.
void compileRuleText(std::string_view yamlText, const std::string& file, const LogSources& sources,
                     RuleSet& out);

// Loads rule files and folders (every *.yml / *.yaml below a folder, in
// path order).
RuleSet loadRules(const std::vector<std::string>& paths, const LogSources& sources);

} // namespace evtx::sigma
