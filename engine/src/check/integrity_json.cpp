// The integrity report as one JSON object (the format documented in README,
// evtxdump --check -o json).
#include "evtx/check/integrity.hpp"
#include "evtx/render/value_format.hpp"
#include "evtx/text/out_buffer.hpp"
#include "evtx/text/text.hpp"

#include "report_text.hpp"

namespace evtx {
namespace {

using check_text::fmt;
using check_text::timeText;

void str(OutBuffer& o, std::string_view s) {
    o.push('"');
    writeEscaped(o, s, Escape::Json);
    o.push('"');
}
void num(OutBuffer& o, uint64_t v) {
    formatUnsigned(o, v);
}
void optNum(OutBuffer& o, const std::optional<uint64_t>& v) {
    if (v)
        num(o, *v);
    else
        o.append("null");
}
const char* boolean(bool b) {
    return b ? "true" : "false";
}

template <typename T, typename F> void array(OutBuffer& o, const std::vector<T>& items, F&& item) {
    o.push('[');
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) o.push(',');
        item(items[i]);
    }
    o.push(']');
}

void timeSteps(OutBuffer& o, const std::vector<IntegrityReport::TimeStep>& steps) {
    array(o, steps, [&](const IntegrityReport::TimeStep& t) {
        o.append("{\"record_id\":");
        num(o, t.recordId);
        o.append(",\"previous_record_id\":");
        num(o, t.previousRecordId);
        o.append(",\"time\":");
        str(o, timeText(t.time));
        o.append(",\"previous_time\":");
        str(o, timeText(t.previousTime));
        o.push('}');
    });
}

void headerJson(OutBuffer& o, const IntegrityReport& r) {
    o.append(",\"header\":{\"valid\":");
    o.append(boolean(r.headerValid));
    o.append(",\"error\":");
    if (r.headerValid)
        o.append("null");
    else
        str(o, r.headerError);
    o.append(",\"checksum_ok\":");
    o.append(boolean(r.headerCrcOk));
    o.append(",\"flags\":");
    num(o, r.flags);
    o.append(",\"dirty\":");
    o.append(boolean(r.dirty));
    o.append(",\"full\":");
    o.append(boolean(r.full));
    o.append(",\"version\":");
    str(o, fmt("%u.%u", r.majorVersion, r.minorVersion));
    o.append(",\"chunk_count\":");
    num(o, r.headerChunkCount);
    o.append(",\"next_record_id\":");
    num(o, r.headerNextRecordId);
    o.push('}');
}

void chunksJson(OutBuffer& o, const IntegrityReport& r) {
    o.append(",\"chunks\":{\"blocks\":");
    num(o, r.chunkBlocks);
    o.append(",\"with_magic\":");
    num(o, r.chunksWithMagic);
    o.append(",\"empty\":");
    num(o, r.emptyChunks);
    o.append(",\"count_matches_header\":");
    o.append(boolean(r.chunkCountMatches()));
    o.append(",\"issues\":");
    array(o, r.chunkIssues, [&](const IntegrityReport::ChunkIssue& c) {
        o.append("{\"chunk\":");
        num(o, c.chunk);
        o.append(",\"file_offset\":");
        num(o, c.fileOffset);
        o.append(",\"problem\":");
        str(o, c.problem);
        o.push('}');
    });
    o.push('}');
}

void recordsJson(OutBuffer& o, const IntegrityReport& r) {
    o.append(",\"records\":{\"count\":");
    num(o, r.records);
    o.append(",\"first_id\":");
    optNum(o, r.firstRecordId);
    o.append(",\"last_id\":");
    optNum(o, r.lastRecordId);
    o.append(",\"issues\":");
    array(o, r.recordIssues, [&](const IntegrityReport::RecordIssue& e) {
        o.append("{\"chunk\":");
        num(o, e.chunk);
        o.append(",\"file_offset\":");
        num(o, e.fileOffset);
        o.append(",\"record_id\":");
        optNum(o, e.recordId);
        o.append(",\"reason\":");
        str(o, e.reason);
        o.push('}');
    });
    o.append(",\"id_gaps\":");
    array(o, r.idGaps, [&](const IntegrityReport::IdGap& g) {
        o.append("{\"first\":");
        num(o, g.first);
        o.append(",\"last\":");
        num(o, g.last);
        o.push('}');
    });
    o.append(",\"missing_ids\":");
    num(o, r.missingIds);
    o.append(",\"duplicate_ids\":");
    array(o, r.duplicateIds, [&](const IntegrityReport::DuplicateId& d) {
        o.append("{\"id\":");
        num(o, d.id);
        o.append(",\"count\":");
        num(o, d.count);
        o.push('}');
    });
    o.append(",\"written_time_backwards\":");
    timeSteps(o, r.writtenTimeBackwards);
    o.append(",\"created_time_backwards\":");
    timeSteps(o, r.createdTimeBackwards);
    o.push('}');
}

void recoveredJson(OutBuffer& o, const IntegrityReport& r) {
    o.append(",\"recovered\":{\"count\":");
    num(o, r.recovered);
    o.append(",\"slack\":");
    num(o, r.recoveredFromSlack);
    o.append(",\"damaged_chunks\":");
    num(o, r.recoveredFromDamagedChunks);
    o.append(",\"template_lost\":");
    num(o, r.recoveredTemplateLost);
    o.append(",\"new_ids\":");
    num(o, r.recoveredNewIds);
    o.append(",\"conflicts_with_live\":");
    num(o, r.recoveredConflicts);
    o.append(",\"copies_of_live\":");
    num(o, r.carvedCopies);
    o.append(",\"rejected\":");
    array(o, r.carveRejections, [&](const RecoveryNote& c) {
        o.append("{\"chunk\":");
        num(o, c.chunk);
        o.append(",\"file_offset\":");
        num(o, c.fileOffset);
        o.append(",\"record_id\":");
        num(o, c.recordId);
        o.append(",\"reason\":");
        str(o, c.reason);
        o.push('}');
    });
    o.push('}');
}

} // namespace

std::string integrityJson(const IntegrityReport& r, std::string_view fileName) {
    OutBuffer o;
    o.append("{\"file\":");
    str(o, fileName);
    o.append(",\"file_size\":");
    num(o, r.fileSize);
    headerJson(o, r);
    chunksJson(o, r);
    recordsJson(o, r);
    recoveredJson(o, r);
    o.append(",\"clean\":");
    o.append(boolean(r.clean()));
    o.push('}');
    return std::string(o.view());
}

} // namespace evtx
