// The integrity report as text (for people) and as one JSON object (the
// format documented in README, evtxdump --check -o json).
#include "evtx/check/integrity.hpp"
#include "evtx/render/filetime.hpp"
#include "evtx/render/value_format.hpp"
#include "evtx/text/out_buffer.hpp"
#include "evtx/text/text.hpp"

#include <cstdarg>
#include <cstdio>

namespace evtx {
namespace {

std::string fmt(const char* f, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

using ull = unsigned long long;

std::string timeText(uint64_t ticks) {
    return formatFileTime100ns(ticks, 0, true);
}

std::string flagsText(const IntegrityReport& r) {
    std::string s = fmt("0x%x", r.flags);
    if (r.dirty) s += " dirty";
    if (r.full) s += " full";
    if (!r.dirty && !r.full) s += " (clean close)";
    return s;
}

// Lists are cut at `max` lines with a count of the rest.
template <typename T, typename F>
void list(std::string& out, const std::vector<T>& items, size_t max, F&& line) {
    for (size_t i = 0; i < items.size() && i < max; ++i)
        out += "    " + line(items[i]) + "\n";
    if (items.size() > max) out += fmt("    ... and %llu more\n", ull(items.size() - max));
}

std::string timeStep(const IntegrityReport::TimeStep& t) {
    return fmt("record %llu at %s, after record %llu at %s", ull(t.recordId),
               timeText(t.time).c_str(), ull(t.previousRecordId), timeText(t.previousTime).c_str());
}

} // namespace

std::string integrityText(const IntegrityReport& r, std::string_view fileName, size_t maxListed) {
    std::string o = std::string(fileName) + "\n";
    if (!r.headerValid) return o + "  file header: unreadable: " + r.headerError + "\n";
    o += fmt("  file header: version %u.%u, checksum %s, flags %s\n", r.majorVersion,
             r.minorVersion, r.headerCrcOk ? "ok" : "MISMATCH", flagsText(r).c_str());
    o += fmt(
        "  chunks: %u in the header, %llu in the file (%llu with a chunk magic, %llu empty)%s\n",
        r.headerChunkCount, ull(r.chunkBlocks), ull(r.chunksWithMagic), ull(r.emptyChunks),
        r.chunkCountMatches() ? "" : " -- MISMATCH");
    o += fmt("  chunk problems: %llu\n", ull(r.chunkIssues.size()));
    list(o, r.chunkIssues, maxListed, [](const IntegrityReport::ChunkIssue& c) {
        return fmt("chunk %llu (file offset 0x%llx): ", ull(c.chunk), ull(c.fileOffset)) +
               c.problem;
    });
    o += fmt("  records: %llu", ull(r.records));
    if (r.firstRecordId) o += fmt(", ids %llu..%llu", ull(*r.firstRecordId), ull(*r.lastRecordId));
    o += fmt(" (header: next record id %llu)\n", ull(r.headerNextRecordId));
    o += fmt("  record problems: %llu\n", ull(r.recordIssues.size()));
    list(o, r.recordIssues, maxListed, [](const IntegrityReport::RecordIssue& e) {
        std::string where = fmt("chunk %llu, ", ull(e.chunk));
        if (e.recordId) where += fmt("record %llu ", ull(*e.recordId));
        return where + fmt("(file offset 0x%llx): ", ull(e.fileOffset)) + e.reason;
    });
    o +=
        fmt("  record id gaps: %llu (%llu ids missing)\n", ull(r.idGaps.size()), ull(r.missingIds));
    list(o, r.idGaps, maxListed, [](const IntegrityReport::IdGap& g) {
        return g.first == g.last ? fmt("%llu", ull(g.first))
                                 : fmt("%llu..%llu (%llu ids)", ull(g.first), ull(g.last),
                                       ull(g.last - g.first + 1));
    });
    o += fmt("  duplicate record ids: %llu\n", ull(r.duplicateIds.size()));
    list(o, r.duplicateIds, maxListed, [](const IntegrityReport::DuplicateId& d) {
        return fmt("%llu (%u times)", ull(d.id), d.count);
    });
    o += fmt("  written time going backwards: %llu\n", ull(r.writtenTimeBackwards.size()));
    list(o, r.writtenTimeBackwards, maxListed, timeStep);
    o += fmt("  TimeCreated going backwards: %llu\n", ull(r.createdTimeBackwards.size()));
    list(o, r.createdTimeBackwards, maxListed, timeStep);
    o += fmt("  recovered records: %llu (%llu from slack space, %llu from damaged chunks; %llu "
             "partial, with a lost template; %llu with ids no live record has; %llu "
             "conflicting with a live record of the same id)\n",
             ull(r.recovered), ull(r.recoveredFromSlack), ull(r.recoveredFromDamagedChunks),
             ull(r.recoveredTemplateLost), ull(r.recoveredNewIds), ull(r.recoveredConflicts));
    o += fmt("  carved copies of live records (not written again): %llu\n", ull(r.carvedCopies));
    o += fmt("  carved candidates that are not plausible events (not written): %llu\n",
             ull(r.carveRejections.size()));
    list(o, r.carveRejections, maxListed, [](const RecoveryNote& c) {
        return fmt("chunk %llu, record %llu (file offset 0x%llx): ", ull(c.chunk), ull(c.recordId),
                   ull(c.fileOffset)) +
               c.reason;
    });
    o += r.clean() ? "  verdict: no problems found\n" : "  verdict: problems found\n";
    return o;
}

namespace {

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
