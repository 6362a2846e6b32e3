// The CSV timeline of `evtxdump -o csv` and the viewer's CSV export: EvtxECmd's
// columns in its order, so Timeline Explorer opens it unchanged. Map
// columns come from the user's maps when one applies, else the built-in
// knowledge. RFC 4180 quoting, UTF-8, times in UTC with 7 fractional digits
// (EvtxECmd's "2016-07-08 18:12:51.6816408"), or, asked for, in local time.
#pragma once

#include "evtx/compile/record_renderer.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/knowledge/knowledge_base.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace evtx::knowledge {

// How TimeCreated is written: UTC (EvtxECmd's format, the default), or the
// C library's local time (TZ) with each row's own offset, which changes
// with DST: "2016-07-08 14:12:51.6816408 -04:00".
enum class TimelineTimes : uint8_t { Utc, Local };

struct TimelineOptions {
    const KnowledgeBase* knowledge = nullptr; // null: the built-in one
    std::string sourceFile;                   // the SourceFile column
    RenderOptions render;                     // for the Payload JSON
    // Data fields written as extra columns after Payload (the viewer's
    // added Data columns), by name ("TargetUserName", "Data[2]").
    std::vector<std::string> extraDataColumns;
    TimelineTimes times = TimelineTimes::Utc;
    // Local times: the zone the header names, "TimeCreated (UTC-05:00)"
    // (the viewer's label: "UTC-05:00/UTC-04:00" across a DST change);
    // empty: "TimeCreated (local time)". Unused for UTC.
    std::string zoneLabel;
};

// The header line (CRLF-terminated), extra Data columns included.
void writeTimelineHeader(OutBuffer& out, const TimelineOptions& options);

// One row per record. One writer per thread.
class TimelineWriter final : public RecordWriter {
  public:
    // `shared` (may be null) must outlive the writer; see RecordRenderer.
    TimelineWriter(const TimelineOptions& options, SharedShapes* shared = nullptr);
    ~TimelineWriter() override;
    void write(OutBuffer& out, const RecordTree* tree, std::string_view rawJson,
               const RecordPlace& place) override;

  private:
    void writeRow(OutBuffer& out, const RecordPlace& place, const EventEntry* entry,
                  std::string_view payload);
    void writeTime(OutBuffer& out, uint64_t ticks) const;
    void writeDataColumn(OutBuffer& out, std::string_view name);

    const TimelineOptions& options_;
    const KnowledgeBase& kb_;
    RecordRenderer json_;
    SystemFieldReader systemReader_;
    EventDataReader dataReader_;
    OutBuffer jsonText_;
    std::string payload_;
    std::string scratch_;
    EventFields fields_;
};

// `{"EventData":{...}}` / `{"UserData":{...}}` of a record's JSON, or "".
std::string_view eventPayloadMember(std::string_view recordJson);

} // namespace evtx::knowledge
