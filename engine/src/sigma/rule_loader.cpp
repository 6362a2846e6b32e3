// Rule files to compiled rules: metadata, log source, detection.
#include "sigma/detection.hpp"
#include "sigma/log_source_table.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace evtx::sigma {

// One detection per way the log source can be met, with that way's field
// names.
struct CompiledRule {
    std::vector<std::pair<LogSourceWay, Detection>> ways;
};

Rule::Rule(RuleInfo info, std::shared_ptr<const CompiledRule> compiled)
    : info_(std::move(info)), compiled_(std::move(compiled)) {}

bool Rule::matches(const EventFields& record) const {
    return std::any_of(compiled_->ways.begin(), compiled_->ways.end(), [&](const auto& w) {
        return w.first.fits(record) && w.second.test(record);
    });
}

namespace {

std::vector<std::string> texts(const YAML::Node& n) {
    std::vector<std::string> out;
    if (n && n.IsSequence())
        for (const YAML::Node& v : n)
            out.push_back(v.IsScalar() ? v.Scalar() : std::string());
    return out;
}

RuleInfo readInfo(const YAML::Node& doc, const std::string& file) {
    RuleInfo info;
    info.file = file;
    info.title = doc["title"].as<std::string>("");
    info.id = doc["id"].as<std::string>("");
    info.level = doc["level"].as<std::string>("");
    info.status = doc["status"].as<std::string>("");
    info.description = doc["description"].as<std::string>("");
    info.author = doc["author"].as<std::string>("");
    info.tags = texts(doc["tags"]);
    info.references = texts(doc["references"]);
    return info;
}

Rule compileRule(const YAML::Node& doc, RuleInfo info, const LogSources& sources) {
    if (doc["correlation"]) throw UnsupportedRule("correlation rule");
    if (doc["filter"]) throw UnsupportedRule("filter (meta) rule");
    if (!doc["detection"]) throw UnsupportedRule("no detection");
    const YAML::Node ls = doc["logsource"];
    auto field = [&](const char* key) { return ls ? ls[key].as<std::string>("") : std::string(); };
    const std::vector<LogSourceWay> ways =
        sources.table().resolve(field("product"), field("category"), field("service"));
    const Detection detection = compileDetection(doc["detection"]);
    auto compiled = std::make_shared<CompiledRule>();
    for (const LogSourceWay& way : ways) {
        Detection mapped = detection;
        mapFields(mapped, way.fields);
        compiled->ways.emplace_back(way, std::move(mapped));
    }
    return Rule(std::move(info), std::move(compiled));
}

} // namespace

void compileRuleText(std::string_view yamlText, const std::string& file, const LogSources& sources,
                     RuleSet& out) {
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(std::string(yamlText));
    } catch (const YAML::Exception& e) {
        out.unsupported.push_back({file, "", std::string("YAML: ") + e.what()});
        return;
    }
    if (docs.size() != 1) {
        const std::string why = docs.empty() ? "empty file" : "several YAML documents in one file";
        out.unsupported.push_back({file, "", why});
        return;
    }
    const YAML::Node& doc = docs.front();
    std::string id;
    try {
        if (!doc.IsMap()) throw UnsupportedRule("not a YAML map");
        RuleInfo info = readInfo(doc, file);
        id = info.id;
        out.rules.push_back(compileRule(doc, std::move(info), sources));
    } catch (const UnsupportedRule& e) {
        out.unsupported.push_back({file, id, e.what()});
    } catch (const YAML::Exception& e) {
        out.unsupported.push_back({file, id, std::string("YAML: ") + e.what()});
    }
}

RuleSet loadRules(const std::vector<std::string>& paths, const LogSources& sources) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (!fs::is_directory(p, ec)) {
            files.emplace_back(p);
            continue;
        }
        for (const auto& entry : fs::recursive_directory_iterator(p, ec)) {
            const auto ext = entry.path().extension();
            if (entry.is_regular_file() && (ext == ".yml" || ext == ".yaml"))
                files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    RuleSet set;
    for (const fs::path& f : files) {
        std::ifstream in(f, std::ios::binary);
        if (!in) {
            set.unsupported.push_back({f.string(), "", "cannot be read"});
            continue;
        }
        std::stringstream text;
        text << in.rdbuf();
        compileRuleText(text.str(), f.string(), sources, set);
    }
    return set;
}

} // namespace evtx::sigma
