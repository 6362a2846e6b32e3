#include "sigma/detection.hpp"
#include "sigma/log_source_table.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <stdexcept>

namespace evtx::sigma {
namespace {

bool equalNoCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::vector<std::string> scalars(const YAML::Node& n) {
    std::vector<std::string> out;
    if (n.IsScalar())
        out.push_back(n.Scalar());
    else if (n.IsSequence())
        for (const YAML::Node& v : n)
            out.push_back(v.Scalar());
    return out;
}

std::pair<std::string, LogSourceWay> readWay(const YAML::Node& n, const LogSourceTable& t) {
    const std::string service = n["service"].as<std::string>("");
    auto found = t.services.find(service);
    if (found == t.services.end()) throw std::runtime_error("unknown service '" + service + "'");
    LogSourceWay way;
    way.channels = found->second;
    way.eventIds = scalars(n["event_ids"]);
    for (const auto& w : n["where"])
        way.where.emplace_back(w.first.Scalar(), w.second.Scalar());
    for (const auto& f : n["fields"])
        way.fields[f.first.Scalar()] = f.second.Scalar();
    return {service, std::move(way)};
}

} // namespace

bool LogSourceWay::fits(const EventFields& record) const {
    if (!channels.empty()) {
        const std::string* channel = lookupField(record, "Channel");
        if (!channel || std::none_of(channels.begin(), channels.end(), [&](const std::string& c) {
                return equalNoCase(c, *channel);
            }))
            return false;
    }
    if (!eventIds.empty()) {
        const std::string* id = lookupField(record, "EventID");
        if (!id || std::find(eventIds.begin(), eventIds.end(), *id) == eventIds.end()) return false;
    }
    return std::all_of(where.begin(), where.end(), [&](const auto& w) {
        const std::string* v = lookupField(record, w.first);
        return v && equalNoCase(*v, w.second);
    });
}

std::vector<LogSourceWay> LogSourceTable::resolve(const std::string& product,
                                                  const std::string& category,
                                                  const std::string& service) const {
    if (!product.empty() && product != "windows")
        throw UnsupportedRule("log source product '" + product + "' is not Windows");
    std::vector<LogSourceWay> ways;
    if (!category.empty()) {
        auto c = categories.find(category);
        if (c == categories.end())
            throw UnsupportedRule("log source category '" + category + "' not mapped");
        for (const auto& [svc, way] : c->second)
            if (service.empty() || svc == service) ways.push_back(way);
        if (ways.empty())
            throw UnsupportedRule("category '" + category + "' has no way for service '" + service +
                                  "'");
    } else if (!service.empty()) {
        auto s = services.find(service);
        if (s == services.end())
            throw UnsupportedRule("log source service '" + service + "' not mapped");
        LogSourceWay way;
        way.channels = s->second;
        ways.push_back(std::move(way));
    } else {
        ways.emplace_back(); // product only: every record
    }
    return ways;
}

LogSources LogSources::parse(std::string_view yamlText) {
    auto table = std::make_shared<LogSourceTable>();
    try {
        const YAML::Node root = YAML::Load(std::string(yamlText));
        for (const auto& s : root["services"])
            table->services[s.first.Scalar()] = scalars(s.second);
        for (const auto& c : root["categories"])
            for (const YAML::Node& way : c.second)
                table->categories[c.first.Scalar()].push_back(readWay(way, *table));
    } catch (const YAML::Exception& e) {
        throw std::runtime_error(std::string("log sources: ") + e.what());
    }
    LogSources out;
    out.table_ = std::move(table);
    return out;
}

const LogSources& LogSources::builtin() {
    static const LogSources sources = parse(builtinLogSourcesText());
    return sources;
}

} // namespace evtx::sigma
