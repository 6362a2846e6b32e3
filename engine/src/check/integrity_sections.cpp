// The integrity report's sections (its wording), and its text form: each
// heading on a line, each list cut at `maxListed` items.
#include "evtx/check/integrity_sections.hpp"

#include "report_text.hpp"

namespace evtx {
namespace {

using check_text::fmt;
using check_text::timeText;
using check_text::ull;
using Sections = std::vector<IntegritySection>;

std::string flagsText(const IntegrityReport& r) {
    std::string s = fmt("0x%x", r.flags);
    if (r.dirty) s += " dirty";
    if (r.full) s += " full";
    if (!r.dirty && !r.full) s += " (clean close)";
    return s;
}

// One line per item of `items`, made by `line`.
template <typename T, typename F>
std::vector<IntegrityLine> lines(const std::vector<T>& items, F&& line) {
    std::vector<IntegrityLine> out;
    out.reserve(items.size());
    for (const T& item : items)
        out.push_back(line(item));
    return out;
}

void headerAndChunks(Sections& out, const IntegrityReport& r) {
    out.push_back({"header",
                   fmt("file header: version %u.%u, checksum %s, flags %s", r.majorVersion,
                       r.minorVersion, r.headerCrcOk ? "ok" : "MISMATCH", flagsText(r).c_str()),
                   r.dirty || !r.headerCrcOk,
                   {}});
    out.push_back({"chunks",
                   fmt("chunks: %u in the header, %llu in the file (%llu with a chunk magic, "
                       "%llu empty)%s",
                       r.headerChunkCount, ull(r.chunkBlocks), ull(r.chunksWithMagic),
                       ull(r.emptyChunks), r.chunkCountMatches() ? "" : " -- MISMATCH"),
                   !r.chunkCountMatches(),
                   {}});
    out.push_back({"chunkProblems", fmt("chunk problems: %llu", ull(r.chunkIssues.size())),
                   !r.chunkIssues.empty(),
                   lines(r.chunkIssues, [](const IntegrityReport::ChunkIssue& c) {
                       return IntegrityLine{fmt("chunk %llu (file offset 0x%llx): ", ull(c.chunk),
                                                ull(c.fileOffset)) +
                                                c.problem,
                                            std::nullopt};
                   })});
}

void records(Sections& out, const IntegrityReport& r) {
    std::string heading = fmt("records: %llu", ull(r.records));
    if (r.firstRecordId)
        heading += fmt(", ids %llu..%llu", ull(*r.firstRecordId), ull(*r.lastRecordId));
    heading += fmt(" (header: next record id %llu)", ull(r.headerNextRecordId));
    out.push_back({"records", heading, false, {}});
    out.push_back(
        {"recordProblems", fmt("record problems: %llu", ull(r.recordIssues.size())),
         !r.recordIssues.empty(), lines(r.recordIssues, [](const IntegrityReport::RecordIssue& e) {
             std::string where = fmt("chunk %llu, ", ull(e.chunk));
             if (e.recordId) where += fmt("record %llu ", ull(*e.recordId));
             return IntegrityLine{
                 where + fmt("(file offset 0x%llx): ", ull(e.fileOffset)) + e.reason, e.recordId};
         })});
}

void ids(Sections& out, const IntegrityReport& r) {
    out.push_back(
        {"gaps",
         fmt("record id gaps: %llu (%llu ids missing)", ull(r.idGaps.size()), ull(r.missingIds)),
         !r.idGaps.empty(), lines(r.idGaps, [](const IntegrityReport::IdGap& g) {
             return IntegrityLine{g.first == g.last ? fmt("%llu", ull(g.first))
                                                    : fmt("%llu..%llu (%llu ids)", ull(g.first),
                                                          ull(g.last), ull(g.last - g.first + 1)),
                                  g.first - 1}; // the record before the gap
         })});
    out.push_back({"duplicates", fmt("duplicate record ids: %llu", ull(r.duplicateIds.size())),
                   !r.duplicateIds.empty(),
                   lines(r.duplicateIds, [](const IntegrityReport::DuplicateId& d) {
                       return IntegrityLine{fmt("%llu (%u times)", ull(d.id), d.count), d.id};
                   })});
}

IntegrityLine timeStep(const IntegrityReport::TimeStep& t) {
    return {fmt("record %llu at %s, after record %llu at %s", ull(t.recordId),
                timeText(t.time).c_str(), ull(t.previousRecordId),
                timeText(t.previousTime).c_str()),
            t.recordId};
}

void timeSteps(Sections& out, const IntegrityReport& r) {
    out.push_back({"writtenBackwards",
                   fmt("written time going backwards: %llu", ull(r.writtenTimeBackwards.size())),
                   !r.writtenTimeBackwards.empty(), lines(r.writtenTimeBackwards, timeStep)});
    out.push_back({"createdBackwards",
                   fmt("TimeCreated going backwards: %llu", ull(r.createdTimeBackwards.size())),
                   !r.createdTimeBackwards.empty(), lines(r.createdTimeBackwards, timeStep)});
}

void recovery(Sections& out, const IntegrityReport& r) {
    out.push_back(
        {"recovered",
         fmt("recovered records: %llu (%llu from slack space, %llu from damaged "
             "chunks; %llu partial, with a lost template; %llu with ids no live "
             "record has; %llu conflicting with a live record of the same id)",
             ull(r.recovered), ull(r.recoveredFromSlack), ull(r.recoveredFromDamagedChunks),
             ull(r.recoveredTemplateLost), ull(r.recoveredNewIds), ull(r.recoveredConflicts)),
         false,
         {}});
    out.push_back(
        {"carvedCopies",
         fmt("carved copies of live records (not written again): %llu", ull(r.carvedCopies)),
         false,
         {}});
    out.push_back({"carveRejected",
                   fmt("carved candidates that are not plausible events (not written): %llu",
                       ull(r.carveRejections.size())),
                   false, lines(r.carveRejections, [](const RecoveryNote& c) {
                       return IntegrityLine{fmt("chunk %llu, record %llu (file offset 0x%llx): ",
                                                ull(c.chunk), ull(c.recordId), ull(c.fileOffset)) +
                                                c.reason,
                                            std::nullopt};
                   })});
}

} // namespace

std::vector<IntegritySection> integritySections(const IntegrityReport& r) {
    Sections out;
    if (!r.headerValid) {
        out.push_back({"header", "file header: unreadable: " + r.headerError, true, {}});
        return out;
    }
    headerAndChunks(out, r);
    records(out, r);
    ids(out, r);
    timeSteps(out, r);
    recovery(out, r);
    out.push_back({"verdict",
                   r.clean() ? "verdict: no problems found" : "verdict: problems found",
                   !r.clean(),
                   {}});
    return out;
}

std::string integrityText(const IntegrityReport& r, std::string_view fileName, size_t maxListed) {
    std::string o = std::string(fileName) + "\n";
    for (const IntegritySection& s : integritySections(r)) {
        o += "  " + s.heading + "\n";
        for (size_t i = 0; i < s.lines.size() && i < maxListed; ++i)
            o += "    " + s.lines[i].text + "\n";
        if (s.lines.size() > maxListed)
            o += fmt("    ... and %llu more\n", ull(s.lines.size() - maxListed));
    }
    return o;
}

} // namespace evtx
