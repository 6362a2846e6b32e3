#include "evtxdump/sigma_writer.hpp"

#include "evtx/render/filetime.hpp"
#include "evtx/text/text.hpp"

#include <string>

namespace evtxdump {
namespace {

void appendString(evtx::OutBuffer& out, std::string_view text) {
    out.append("\"");
    evtx::writeEscaped(out, text, evtx::Escape::Json);
    out.append("\"");
}

void appendKey(evtx::OutBuffer& out, std::string_view key) {
    out.append(",\"");
    out.append(key);
    out.append("\":");
}

std::string ruleHead(const evtx::sigma::RuleInfo& info) {
    evtx::OutBuffer out;
    out.append("{\"rule_id\":");
    appendString(out, info.id);
    for (auto [key, value] :
         {std::pair<std::string_view, const std::string*>{"rule_title", &info.title},
          {"level", &info.level},
          {"status", &info.status}}) {
        appendKey(out, key);
        appendString(out, *value);
    }
    appendKey(out, "tags");
    out.append("[");
    for (size_t i = 0; i < info.tags.size(); ++i) {
        if (i) out.append(",");
        appendString(out, info.tags[i]);
    }
    out.append("]");
    return std::string(out.view());
}

} // namespace

SigmaDetections::SigmaDetections(std::vector<evtx::sigma::Rule> r)
    : rules(std::move(r)), counts(new std::atomic<uint64_t>[rules.size()]()) {
    for (const auto& rule : rules)
        heads.push_back(ruleHead(rule.info()));
}

void SigmaWriter::write(evtx::OutBuffer& out, const evtx::RecordTree* tree, std::string_view,
                        const evtx::RecordPlace&) {
    // A recovered record whose template is lost has no fields to test.
    if (!tree) return;
    evtx::readEventFields(*tree, fields_);
    shared_.index.matching(fields_, hits_);
    for (size_t rule : hits_) {
        shared_.counts[rule].fetch_add(1, std::memory_order_relaxed);
        if (!shared_.summaryOnly) writeDetection(out, rule);
    }
}

void SigmaWriter::writeDetection(evtx::OutBuffer& out, size_t rule) {
    const evtx::SystemFields& s = fields_.system;
    out.append(shared_.heads[rule]);
    appendKey(out, "EventRecordID");
    out.append(std::to_string(s.eventRecordId));
    appendKey(out, "TimeCreated");
    if (s.hasTimeCreated) {
        out.append("\"");
        evtx::appendFileTime100ns(out, s.timeCreated, 0, true);
        out.append("\"");
    } else {
        out.append("null");
    }
    appendKey(out, "Computer");
    appendString(out, s.computer);
    appendKey(out, "Channel");
    appendString(out, s.channel);
    appendKey(out, "EventID");
    out.append(std::to_string(s.eventId));
    appendKey(out, "source_file");
    out.append(shared_.sourceFileJson);
    appendKey(out, "matched");
    out.append("{");
    evtx::sigma::testedFields(shared_.rules[rule], fields_, tested_);
    for (size_t i = 0; i < tested_.size(); ++i) {
        if (i) out.append(",");
        appendString(out, tested_[i].first);
        out.append(":");
        appendString(out, *tested_[i].second);
    }
    out.append("}}\n");
}

} // namespace evtxdump
