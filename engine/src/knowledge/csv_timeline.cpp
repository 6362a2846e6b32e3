#include "evtx/knowledge/csv_timeline.hpp"

#include "evtx/render/data_field_name.hpp"
#include "evtx/render/filetime.hpp"
#include "evtx/render/value_format.hpp"
#include "evtx/text/csv.hpp"

#include <array>

namespace evtx::knowledge {
namespace {

// The header around TimeCreated, which local times qualify with their zone.
constexpr std::string_view kHeaderStart = "RecordNumber,EventRecordId,TimeCreated";
constexpr std::string_view kHeader =
    ",EventId,Level,Provider,Channel,ProcessId,ThreadId,"
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
    out.append(kHeaderStart);
    if (options.times == TimelineTimes::Local) {
        out.append(" (");
        out.append(options.zoneLabel.empty() ? std::string_view("local time")
                                             : std::string_view(options.zoneLabel));
        out.push(')');
    }
    out.append(kHeader);
    for (const std::string& name : options.extraDataColumns) {
        out.push(',');
        appendCsvField(out, name);
    }
    out.append("\r\n");
}

TimelineWriter::TimelineWriter(const TimelineOptions& options, SharedShapes* shared)
    : options_(options), kb_(options.knowledge ? *options.knowledge : KnowledgeBase::builtIn()),
      json_(RecordRenderer::Format::Json, options.render, shared) {}

TimelineWriter::~TimelineWriter() = default;

void TimelineWriter::write(OutBuffer& out, const RecordTree* tree, std::string_view rawJson,
                           const RecordPlace& place) {
    fields_.clear();
    fields_.system.clear();
    if (!tree) return writeRow(out, place, nullptr, rawJson);
    // System fields by the planned reader; the rest only when the event's
    // entry (or an extra column) reads them.
    systemReader_.read(*tree, fields_.system);
    const SystemFields& s = fields_.system;
    bool versionMatters = false;
    const EventEntry* entry = kb_.find(s.provider, s.channel, s.eventId, -1, &versionMatters);
    if (entry && (entry->readsSystem || versionMatters)) {
        readEventFields(*tree, fields_);
        entry = findEntry(kb_, fields_);
    } else if (entry || !options_.extraDataColumns.empty()) {
        dataReader_.read(*tree, fields_);
    }
    jsonText_.clear();
    json_.render(jsonText_, *tree);
    const std::string_view member = eventPayloadMember(jsonText_.view());
    if (member.empty()) return writeRow(out, place, entry, {});
    payload_.clear();
    payload_.append("{").append(member).append("}");
    writeRow(out, place, entry, payload_);
}

void TimelineWriter::writeTime(OutBuffer& out, uint64_t ticks) const {
    if (options_.times == TimelineTimes::Utc) return appendFileTime100ns(out, ticks);
    const int64_t offset = localUtcOffsetSeconds(ticks);
    appendFileTime100ns(out, ticks, offset);
    out.push(' ');
    appendUtcOffset(out, offset);
}

void TimelineWriter::writeRow(OutBuffer& out, const RecordPlace& place, const EventEntry* entry,
                              std::string_view payload) {
    const SystemFields& s = fields_.system;
    // The map columns, each rendered into one reused buffer.
    auto property = [&](MapProperty p) {
        scratch_.clear();
        if (entry) renderTemplateTo(scratch_, kb_, entry, entry->properties[size_t(p)], fields_);
        text(out, scratch_);
    };
    number(out, place.recordNumber);
    number(out, s.eventRecordId);
    if (s.hasTimeCreated) writeTime(out, s.timeCreated);
    out.push(',');
    number(out, s.eventId);
    text(out, levelName(s.level));
    text(out, s.provider);
    text(out, s.channel);
    number(out, s.processId);
    number(out, s.threadId);
    text(out, s.computer);
    number(out, place.chunkIndex);
    text(out, s.userSid);
    text(out, entry ? std::string_view(entry->title) : std::string_view{});
    for (size_t i = size_t(MapProperty::UserName); i <= size_t(MapProperty::PayloadData6); ++i)
        if (i != size_t(MapProperty::ExecutableInfo)) property(MapProperty(i));
    property(MapProperty::ExecutableInfo);
    // (std::string: GCC's bounds check misreads the short literals here.)
    static const std::string kTrue = "True", kFalse = "False";
    text(out, place.recovered ? kTrue : kFalse);
    text(out, options_.sourceFile);
    formatHex(out, s.keywords);
    out.push(',');
    number(out, 0);
    appendCsvField(out, payload);
    for (const std::string& name : options_.extraDataColumns) {
        out.push(',');
        writeDataColumn(out, name);
    }
    out.append("\r\n");
}

// The value of Data field `name`; a column named plain "Data" (the viewer's
// columns saved before unnamed values were named Data[N]) joins every
// unnamed value, as the viewer's table shows it: "v1, v2".
void TimelineWriter::writeDataColumn(OutBuffer& out, std::string_view name) {
    if (const EventField* f = fields_.data(name)) return appendCsvField(out, f->value);
    if (name != kDataElement) return;
    scratch_.clear();
    bool first = true;
    for (const EventField& f : fields_) {
        if (!f.isData() || !isUnnamedDataName(f.name)) continue;
        scratch_.append(first ? "" : ", ").append(f.value);
        first = false;
    }
    if (!scratch_.empty()) appendCsvField(out, scratch_);
}

} // namespace evtx::knowledge
