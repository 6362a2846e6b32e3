#include "knowledge/knowledge_text.hpp"

#include "knowledge/brace_template.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <set>

namespace evtx::knowledge {
namespace {

// Collects problems with the file's name; each says where in the file.
struct Problems {
    std::string source;
    std::vector<LoadProblem> list;
    void add(const std::string& where, const std::string& reason) {
        list.push_back({source, where.empty() ? reason : where + ": " + reason});
    }
};

bool readUnsigned(const YAML::Node& n, unsigned long max, unsigned long& out) {
    if (!n.IsScalar()) return false;
    const std::string& s = n.Scalar();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size() && out <= max;
}

const std::set<std::string, std::less<>> kProviderKeys{"provider", "channel", "tasks", "fields",
                                                       "events"};
const std::set<std::string, std::less<>> kEventKeys{
    "id",         "version",    "channel", "title",  "summary", "username",
    "remotehost", "executable", "payload", "decode", "data"};

void checkKeys(const YAML::Node& map, const std::set<std::string, std::less<>>& allowed,
               const std::string& where, Problems& problems) {
    for (const auto& kv : map)
        if (!kv.first.IsScalar() || !allowed.count(kv.first.Scalar()))
            problems.add(where, "unknown key \"" + kv.first.as<std::string>("?") + "\"");
}

// A field's decoding: a decoder name, "none", or an inline table.
bool readFieldFormat(const YAML::Node& n, FieldFormat& format, std::string& error) {
    format.show = FieldFormat::Show::Meaning;
    if (n.IsScalar()) {
        if (n.Scalar() == "none") return true;
        format.decoder = findDecoder(n.Scalar());
        if (!format.decoder) error = "no decoder called \"" + n.Scalar() + "\"";
        return format.decoder != nullptr;
    }
    if (!n.IsMap()) {
        error = "a decoding is a decoder name or a table";
        return false;
    }
    auto table = std::make_shared<std::map<std::string, std::string, std::less<>>>();
    for (const auto& kv : n) {
        if (!kv.first.IsScalar() || !kv.second.IsScalar()) {
            error = "a decoding table maps text to text";
            return false;
        }
        if (kv.first.Scalar() == "default")
            format.lookupDefault = kv.second.Scalar();
        else
            (*table)[kv.first.Scalar()] = kv.second.Scalar();
    }
    format.lookup = std::move(table);
    return true;
}

void readFieldFormats(const YAML::Node& n, std::map<std::string, FieldFormat, std::less<>>& out,
                      const std::string& where, Problems& problems) {
    if (!n) return;
    if (!n.IsMap()) return problems.add(where, "fields/decode must be a map");
    for (const auto& kv : n) {
        const std::string name = kv.first.as<std::string>("");
        FieldFormat format;
        std::string error;
        if (readFieldFormat(kv.second, format, error))
            out[name] = std::move(format);
        else
            problems.add(where + " field " + name, error);
    }
}

void readTemplate(const YAML::Node& n, TextTemplate& out, const std::string& where,
                  Problems& problems) {
    if (!n) return;
    std::string error;
    if (!n.IsScalar())
        problems.add(where, "a template is text");
    else if (!parseBraceTemplate(n.Scalar(), out, error))
        problems.add(where, error);
}

} // namespace

namespace {

struct ProviderContext {
    std::string provider, channel;
    std::map<std::string, FieldFormat, std::less<>> fieldFormats;
};

void readEventProperties(const YAML::Node& e, EventEntry& entry, const std::string& where,
                         Problems& problems) {
    readTemplate(e["summary"], entry.summary, where + " summary", problems);
    readTemplate(e["username"], entry.properties[size_t(MapProperty::UserName)],
                 where + " username", problems);
    readTemplate(e["remotehost"], entry.properties[size_t(MapProperty::RemoteHost)],
                 where + " remotehost", problems);
    readTemplate(e["executable"], entry.properties[size_t(MapProperty::ExecutableInfo)],
                 where + " executable", problems);
    if (const YAML::Node payload = e["payload"]) {
        if (!payload.IsSequence() || payload.size() > 6)
            return problems.add(where, "payload is a list of at most six templates");
        for (size_t i = 0; i < payload.size(); ++i)
            readTemplate(payload[i], entry.properties[size_t(MapProperty::PayloadData1) + i],
                         where + " payload " + std::to_string(i + 1), problems);
    }
}

void readEvent(const YAML::Node& e, const ProviderContext& p, KnowledgeBase& kb,
               Problems& problems) {
    unsigned long id = 0, version = 0;
    if (!e.IsMap() || !readUnsigned(e["id"], 65535, id))
        return problems.add(p.provider, "an event needs an id from 0 to 65535");
    const std::string where = p.provider + " event " + std::to_string(id);
    checkKeys(e, kEventKeys, where, problems);
    EventEntry entry;
    entry.provider = p.provider;
    entry.channel = e["channel"] ? e["channel"].as<std::string>("") : p.channel;
    entry.eventId = uint16_t(id);
    if (e["version"]) {
        if (!readUnsigned(e["version"], 255, version))
            problems.add(where, "version is a number from 0 to 255");
        entry.version = int(version);
    }
    if (!e["title"] || !e["title"].IsScalar() || e["title"].Scalar().empty())
        problems.add(where, "an event needs a title");
    else
        entry.title = e["title"].Scalar();
    readEventProperties(e, entry, where, problems);
    entry.fieldFormats = p.fieldFormats;
    readFieldFormats(e["decode"], entry.fieldFormats, where + " decode", problems);
    if (const YAML::Node data = e["data"]) {
        if (!data.IsSequence())
            problems.add(where, "data is a list of names");
        else
            for (const auto& name : data)
                entry.dataNames.push_back(name.as<std::string>(""));
    }
    entry.source = "built-in " + problems.source;
    kb.addEntry(std::move(entry));
}

void readProvider(const YAML::Node& n, KnowledgeBase& kb, Problems& problems) {
    ProviderContext p;
    if (!n["provider"] || !n["provider"].IsScalar())
        return problems.add("", "a provider block needs provider: NAME");
    p.provider = n["provider"].Scalar();
    checkKeys(n, kProviderKeys, p.provider, problems);
    if (n["channel"]) p.channel = n["channel"].as<std::string>("");
    if (const YAML::Node tasks = n["tasks"]) {
        for (const auto& kv : tasks) {
            unsigned long task = 0;
            if (!readUnsigned(kv.first, 65535, task) || !kv.second.IsScalar())
                problems.add(p.provider + " tasks", "a task is NUMBER: name");
            else
                kb.addTaskName(p.provider, uint16_t(task), kv.second.Scalar());
        }
    }
    readFieldFormats(n["fields"], p.fieldFormats, p.provider + " fields", problems);
    if (const YAML::Node events = n["events"]) {
        if (!events.IsSequence()) return problems.add(p.provider, "events is a list");
        std::set<std::string> seen;
        for (const auto& e : events) {
            const std::string key = e["id"].as<std::string>("") + "/" +
                                    e["version"].as<std::string>("") + "/" +
                                    e["channel"].as<std::string>("");
            if (!seen.insert(key).second)
                problems.add(p.provider, "event " + key + " is listed twice");
            readEvent(e, p, kb, problems);
        }
    }
}

void readDocument(const YAML::Node& root, KnowledgeBase& kb, Problems& problems) {
    if (!root.IsMap()) return problems.add("", "a knowledge file is a YAML map");
    if (root["provider"]) return readProvider(root, kb, problems);
    if (const YAML::Node providers = root["providers"]) {
        if (!providers.IsSequence()) return problems.add("", "providers is a list");
        for (const auto& p : providers)
            readProvider(p, kb, problems);
        return;
    }
    // The shared field decoders (fields.yaml).
    checkKeys(root, {"fields"}, "", problems);
    std::map<std::string, FieldFormat, std::less<>> formats;
    readFieldFormats(root["fields"], formats, "fields", problems);
    for (auto& [name, format] : formats)
        kb.addSharedFieldFormat(name, std::move(format));
}

} // namespace

std::vector<LoadProblem> loadKnowledgeText(KnowledgeBase& kb, std::string_view yaml,
                                           std::string_view sourceName) {
    Problems problems{std::string(sourceName), {}};
    try {
        readDocument(YAML::Load(std::string(yaml)), kb, problems);
    } catch (const YAML::Exception& e) {
        problems.add("", std::string("not valid YAML: ") + e.what());
    }
    return problems.list;
}

} // namespace evtx::knowledge
