#include "evtx/knowledge/csv_timeline.hpp"

#include "evtx/render/filetime.hpp"
#include "evtx/render/value_format.hpp"
#include "evtx/text/csv.hpp"

#include <array>

namespace evtx::knowledge {
namespace {

constexpr std::string_view kHeader =
    "RecordNumber,EventRecordId,TimeCreated,EventId,Level,Provider,Channel,ProcessId,ThreadId,"
    "Computer,ChunkNumber,UserId,MapDescription,UserName,RemoteHost,PayloadData1,PayloadData2,"
    "PayloadData3,PayloadData4,PayloadData5,PayloadData6,ExecutableInfo,HiddenRecord,SourceFile,"
    "Keywords,ExtraDataOffset,Payload";

std::string_view levelName(uint8_t level) {
    static constexpr std::array<std::string_view, 6> kNames{"LogAlways", "Critical", "Error",
                                                            "Warning",   "Info",     "Verbose"};
    return level < kNames.size() ? kNames[level] : std::string_view{};
}

void number(OutBuffer& out, uint64_t v) {
    formatUnsigned(out, v);
    out.push(',');
}

void text(OutBuffer& out, std::string_view s) {
    appendCsvField(out, s);
    out.push(',');
}

} // namespace

void writeTimelineHeader(OutBuffer& out, const TimelineOptions& options) {
    out.append(kHeader);
    for (const std::string& name : options.extraDataColumns) {
        out.push(',');
        appendCsvField(out, name);
    }
    out.append("\r\n");
}

TimelineWriter::TimelineWriter(const TimelineOptions& options, SharedShapes* shared)
    : options_(options),
      kb_(options.knowledge ? *options.knowledge : KnowledgeBase::builtIn()),
      json_(RecordRenderer::Format::Json, options.render, shared) {}

TimelineWriter::~TimelineWriter() = default;

void TimelineWriter::write(OutBuffer& out, const RecordTree* tree, std::string_view rawJson,
                           const RecordPlace& place) {
    fields_.clear();
    fields_.system.clear();
    if (!tree) return writeRow(out, place, rawJson);
    readEventFields(*tree, fields_);
    jsonText_.clear();
    json_.render(jsonText_, *tree);
    const std::string_view member = eventPayloadMember(jsonText_.view());
    if (member.empty()) return writeRow(out, place, {});
    std::string payload;
    payload.reserve(member.size() + 2);
    payload.append("{").append(member).append("}");
    writeRow(out, place, payload);
}

void TimelineWriter::writeRow(OutBuffer& out, const RecordPlace& place, std::string_view payload) {
    const SystemFields& s = fields_.system;
    const EventDescription d = describe(kb_, fields_);
    number(out, place.recordNumber);
    number(out, s.eventRecordId);
    text(out, s.hasTimeCreated ? formatFileTime100ns(s.timeCreated) : std::string());
    number(out, s.eventId);
    text(out, levelName(s.level));
    text(out, s.provider);
    text(out, s.channel);
    number(out, s.processId);
    number(out, s.threadId);
    text(out, s.computer);
    number(out, place.chunkIndex);
    text(out, s.userSid);
    text(out, d.title);
    for (size_t i = size_t(MapProperty::UserName); i <= size_t(MapProperty::PayloadData6); ++i)
        if (i != size_t(MapProperty::ExecutableInfo)) text(out, d.properties[i]);
    text(out, d.properties[size_t(MapProperty::ExecutableInfo)]);
    text(out, place.recovered ? "True" : "False");
    text(out, options_.sourceFile);
    formatHex(out, s.keywords);
    out.push(',');
    number(out, 0);
    appendCsvField(out, payload);
    for (const std::string& name : options_.extraDataColumns) {
        out.push(',');
        const EventField* f = fields_.data(name);
        if (f) appendCsvField(out, f->value);
    }
    out.append("\r\n");
}

} // namespace evtx::knowledge
