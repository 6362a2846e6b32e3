// Record recovery (carving slack space and damaged chunks) and the integrity
// report: hand-built files whose layout is known byte by byte, and the
// damaged shared samples, whose recovered counts are checked against an
// independent scan (record magic + trailing size copy) written here.
#include "dump_to_memory.hpp"
#include "evtx/carve/carve.hpp"
#include "evtx/carve/recovery_census.hpp"
#include "evtx/check/integrity.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx_builder.hpp"
#include "golden_files.hpp"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTest>

using namespace evtxtest;

namespace {

// Record headers' written time: 2021-03-04T05:06:07Z (a plausible time).
constexpr uint64_t kWritten = 132593079670000000ull;

// A plausible event: <Event><System><TimeCreated SystemTime="..."/></System>
// <R>text</R></Event> (names inline, no template). `time` is the text of
// TimeCreated/@SystemTime.
void eventRecord(ChunkBuilder& b, uint64_t id, std::u16string_view text,
                 std::u16string_view time = u"2021-03-04T05:06:07.0000000Z",
                 uint64_t written = kWritten) {
    size_t r = b.beginRecord(id, written);
    b.fragmentHeader();
    b.open(u"Event", false, false);
    b.closeStart();
    b.open(u"System", false, false);
    b.closeStart();
    b.open(u"TimeCreated", true, false);
    b.attr(u"SystemTime");
    b.text(time);
    b.closeEmpty();
    b.end();
    b.open(u"R", false, false);
    b.closeStart();
    b.text(text);
    b.end();
    b.end();
    b.endFragment();
    b.endRecord(r);
}

// The size of eventRecord with a one-character text.
size_t eventRecordSize() {
    ChunkBuilder b;
    eventRecord(b, 1, u"1");
    return b.pos() - 512;
}
const size_t kRecord = eventRecordSize();

// How the dump writes eventRecord(id, text) as a JSON line's object.
QByteArray eventJson(const char* text) {
    return QByteArray("{\"Event\":{\"System\":{\"TimeCreated\":{\"#attributes\":{"
                      "\"SystemTime\":\"2021-03-04T05:06:07.0000000Z\"}}},\"R\":\"") +
           text + "\"}}";
}

using Dumped = DumpedText;

Dumped dump(const ByteVec& file, bool recover,
            evtx::OutputFormat format = evtx::OutputFormat::Jsonl) {
    evtx::DumpOptions opt;
    opt.format = format;
    opt.recover = recover;
    return dumpToMemory(evtx::Bytes(file.data(), file.size()), opt);
}

ByteVec simpleChunk(std::initializer_list<uint64_t> ids) {
    ChunkBuilder b;
    for (uint64_t id : ids)
        eventRecord(b, id, std::u16string(1, char16_t('0' + id)));
    return b.finish(*ids.begin(), *(ids.end() - 1));
}

// Makes the chunk's header end its records after `live` of them: the rest
// becomes slack space, as after a chunk was reused.
void endRecordsAfter(ByteVec& c, uint64_t lastId, size_t live) {
    patchLE(c, 16, lastId, 8);
    patchLE(c, 32, lastId, 8);
    patchLE(c, 44, 512 + (live - 1) * kRecord, 4);
    patchLE(c, 48, 512 + live * kRecord, 4);
    fixChunkCrcs(c);
}

QByteArray marker(const char* source, uint64_t chunk, uint64_t fileOffset,
                  const QByteArray& partialReason = {}, bool conflicts = false) {
    QByteArray m = QByteArray(",\"#recovered\":{\"source\":\"") + source +
                   "\",\"chunk\":" + QByteArray::number(qulonglong(chunk)) +
                   ",\"file_offset\":" + QByteArray::number(qulonglong(fileOffset));
    if (!partialReason.isEmpty()) m += ",\"partial\":true,\"reason\":\"" + partialReason + "\"";
    if (conflicts) m += ",\"conflicts_with_live\":true";
    return m + "}}";
}

const std::array<uint8_t, 16> kGuid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

// <E><A>%0</A><B>%1</B></E>: UInt16, String.
void twoValueTemplate(ChunkBuilder& b) {
    b.fragmentHeader();
    b.open(u"E");
    b.closeStart();
    b.open(u"A");
    b.closeStart();
    b.subst(0, 0x06);
    b.end();
    b.open(u"B");
    b.closeStart();
    b.subst(1, 0x01);
    b.end();
    b.end();
    b.endFragment();
}

std::vector<Val> twoValues(uint16_t a, std::u16string_view s) {
    return {Val{0x06, le(a, 2)}, Val{0x01, utf16(s)}};
}

// --- the independent count of the shared samples' recoverable records ----

// Records the chunk header leads to (walked by size, as evtx-format.md
// describes), then record magics with a matching size copy after them; for
// a chunk without its magic, from the end of the header.
uint64_t scanCandidates(const QByteArray& file) {
    auto u32 = [&](qsizetype at) {
        uint32_t v;
        std::memcpy(&v, file.constData() + at, 4);
        return v;
    };
    auto u64 = [&](qsizetype at) {
        uint64_t v;
        std::memcpy(&v, file.constData() + at, 8);
        return v;
    };
    uint64_t count = 0;
    for (qsizetype base = 4096; base + 512 <= file.size(); base += 65536) {
        const qsizetype end = std::min<qsizetype>(base + 65536, file.size());
        qsizetype off = base + 512;
        if (file.mid(base, 8) == QByteArray("ElfChnk\0", 8)) {
            const qsizetype free = base + u32(base + 48);
            const uint64_t lastId = u64(base + 32);
            qsizetype last = 0;
            bool reachedEnd = false;
            while (off < std::min(free, end) && off + 24 <= end && u32(off) == 0x2a2a) {
                const uint32_t size = u32(off + 4);
                if (size < 28 || off + size > end) break;
                last = off;
                off += size;
                if (u64(off - size + 8) == lastId) {
                    reachedEnd = true;
                    break;
                }
            }
            // A walk that broke off on other bytes than zeros or the free
            // space: a newer record may start inside the last one read.
            if (!reachedEnd && last && off < std::min(free, end) && off + 4 <= end &&
                u32(off) != 0x2a2a && u32(off) != 0)
                off = last + 1;
        }
        while ((off = file.indexOf(QByteArray("\x2a\x2a\0\0", 4), off)) >= 0 && off + 28 <= end) {
            const uint32_t size = u32(off + 4);
            if (size >= 28 && off + size <= end && u32(off + size - 4) == size) {
                ++count;
                off += size;
            } else {
                ++off;
            }
        }
    }
    return count;
}

QByteArray readSample(const QString& name) {
    QFile f(samplePath(name));
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(name));
    return f.readAll();
}

QJsonObject checkJson(const QString& name) {
    QProcess p;
    p.start(EVTXDUMP_PATH, {"--check", "-o", "json", samplePath(name)});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

} // namespace

class TestRecover : public QObject {
    Q_OBJECT
  private slots:
    void slackRecordsFound();
    void garbledChunkHeaderRecovered();
    void lostTemplateRenderedRaw();
    void lostTemplateXml();
    void badCandidatesRejected();
    void integrityOfBuiltFile();
    void emptySlackEntryNotWritten();
    void implausibleTimesNotWritten();
    void tornRecordsNotWritten();
    void copyOfLiveRecordNotWrittenAgain();
    void conflictingIdMarked();
    void recoveredOutputAlwaysParses();
    void censusCountsWhatTheDumpWrites();
    void recordInBrokenRecordsTailRecovered();
    void censusStopsWhenCancelled();
    void sharedSamplesRecoverMore_data();
    void sharedSamplesRecoverMore();
    void checkExplainsDamagedSamples();
};

void TestRecover::slackRecordsFound() {
    ByteVec c = simpleChunk({1, 2, 3, 4});
    // Read live, the four records are these lines.
    QCOMPARE(dump(makeFile({c}), false).text, eventJson("1") + "\n" + eventJson("2") + "\n" +
                                                  eventJson("3") + "\n" + eventJson("4") + "\n");
    endRecordsAfter(c, 2, 2);
    const ByteVec file = makeFile({c});
    const Dumped plain = dump(file, false);
    QCOMPARE(plain.text, eventJson("1") + "\n" + eventJson("2") + "\n");
    QCOMPARE(plain.stats.recovered, 0u);
    const Dumped rec = dump(file, true);
    QCOMPARE(rec.text, plain.text + eventJson("3").chopped(1) +
                           marker("slack", 0, 4096 + 512 + 2 * kRecord) + "\n" +
                           eventJson("4").chopped(1) +
                           marker("slack", 0, 4096 + 512 + 3 * kRecord) + "\n");
    QCOMPARE(rec.stats.recovered, 2u);
    QCOMPARE(rec.stats.records, 4u);
}

void TestRecover::garbledChunkHeaderRecovered() {
    for (int garble = 0; garble < 2; ++garble) {
        ByteVec c = simpleChunk({5, 6});
        for (size_t i = 0; i < 512; ++i)
            c[i] = garble ? uint8_t(i * 37 + 11) : 0; // zeroed, then garbage
        const ByteVec file = makeFile({simpleChunk({1, 2}), c});
        QCOMPARE(dump(file, false).stats.records, 2u);
        const Dumped rec = dump(file, true);
        const size_t base = 4096 + 65536;
        QCOMPARE(rec.text, eventJson("1") + "\n" + eventJson("2") + "\n" +
                               eventJson("5").chopped(1) + marker("damaged chunk", 1, base + 512) +
                               "\n" + eventJson("6").chopped(1) +
                               marker("damaged chunk", 1, base + 512 + kRecord) + "\n");
        QCOMPARE(rec.stats.recovered, 2u);
    }
}

// Records 1 (definition inline) and 2 (referring to it); record 1 is then
// overwritten, so record 2, left in slack, has lost its template.
static ByteVec lostTemplateFile(uint32_t& def, size_t& record2) {
    ChunkBuilder b;
    def = templateRecord(
        b, 1, 0, kGuid, [&] { twoValueTemplate(b); }, twoValues(7, u"a"), kWritten);
    record2 = b.pos();
    templateRecord(b, 2, def, kGuid, {}, twoValues(4624, u"hi"), kWritten);
    ByteVec c = b.finish(1, 2);
    std::fill(c.begin() + 512, c.begin() + long(record2), uint8_t(0));
    return makeFile({c});
}

void TestRecover::lostTemplateRenderedRaw() {
    uint32_t def;
    size_t record2;
    const ByteVec file = lostTemplateFile(def, record2);
    QCOMPARE(dump(file, false).stats.records, 0u);
    const Dumped rec = dump(file, true);
    const QByteArray d = QByteArray::number(def);
    QCOMPARE(rec.text, "{\"Event\":{\"#template_lost\":{\"TemplateOffset\":" + d +
                           ",\"TemplateGuid\":null,\"Reason\":\"template definition at chunk "
                           "offset " +
                           d +
                           " was overwritten\"},\"Values\":[{\"Type\":\"UInt16\","
                           "\"Value\":4624},{\"Type\":\"String\",\"Value\":\"hi\"}]}" +
                           marker("slack", 0, 4096 + record2,
                                  "template definition at chunk offset " + d + " was overwritten") +
                           "\n");
    QCOMPARE(rec.stats.recoveredPartial, 1u);
    QCOMPARE(rec.stats.recovered, 1u);
}

void TestRecover::lostTemplateXml() {
    uint32_t def;
    size_t record2;
    const ByteVec file = lostTemplateFile(def, record2);
    const Dumped rec = dump(file, true, evtx::OutputFormat::Xml);
    const QByteArray d = QByteArray::number(def);
    const QByteArray at = QByteArray::number(qulonglong(4096 + record2), 16);
    QCOMPARE(rec.text, "Record 2\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                       "<!-- recovered from slack: chunk 0, file offset 0x" +
                           at + "; partial: template definition at chunk offset " + d +
                           " was overwritten -->\n"
                           "<Event>\n  <TemplateLost Offset=\"" +
                           d +
                           "\" Reason=\"template "
                           "definition at chunk offset " +
                           d +
                           " was overwritten\"/>\n"
                           "  <Value Index=\"0\" Type=\"UInt16\">4624</Value>\n"
                           "  <Value Index=\"1\" Type=\"String\">hi</Value>\n</Event>\n\n");
}

void TestRecover::badCandidatesRejected() {
    ChunkBuilder b;
    eventRecord(b, 1, u"1");
    const size_t slack = b.pos();
    // A magic with a wrong size copy, one whose size runs past the chunk,
    // and a record-shaped one whose BinXML is garbage.
    b.raw({0x2a, 0x2a, 0, 0, 40, 0, 0, 0});
    b.raw(ByteVec(28, 0));
    b.u32(41);
    b.raw({0x2a, 0x2a, 0, 0, 0xff, 0xff, 0, 0});
    const size_t garbage = b.pos();
    b.raw({0x2a, 0x2a, 0, 0, 36, 0, 0, 0});
    b.u64(9);
    b.u64(0);
    b.raw({0x0f, 0x01, 0x01, 0x00, 0x77, 0x77, 0x77, 0x77});
    b.u32(36);
    ByteVec c = b.finish(1, 1);
    patchLE(c, 48, slack, 4);
    fixChunkCrcs(c);
    evtx::Bytes chunk(c.data(), c.size());
    const auto plan = evtx::planCarve(chunk, true);
    QVERIFY(plan);
    QCOMPARE(plan->from, slack);
    QCOMPARE(plan->source, evtx::RecoverySource::Slack);
    evtx::TemplateCache cache;
    evtx::ChunkBinXml binxml(chunk, cache);
    evtx::RecordTree tree;
    std::vector<evtx::CarveNote> rejected;
    const size_t found = evtx::carveChunk(
        chunk, plan->from, plan->source, binxml, tree, evtx::CarveContext{},
        [](const evtx::RecoveredRecord&, const evtx::RecordTree&) {}, &rejected);
    QCOMPARE(found, size_t(0));
    QCOMPARE(rejected.size(), size_t(1)); // only the record-shaped one gets that far
    QCOMPARE(rejected[0].header.offset, garbage);
    QCOMPARE(rejected[0].header.id, 9u);
    QVERIFY(rejected[0].reason.find("invalid BinXML token 0x77") != std::string::npos);
    QCOMPARE(dump(makeFile({c}), true).stats.recovered, 0u);
}

void TestRecover::integrityOfBuiltFile() {
    // Chunk 0: ids 1, 2, 5 (3..4 missing), record 5 written before 2;
    // chunk 1: id 5 again; chunk 1's header is broken; the file header
    // (dirty) announces 3 chunks.
    ChunkBuilder b0;
    const uint64_t times[] = {kWritten + 100, kWritten + 300, kWritten + 200};
    const uint64_t ids[] = {1, 2, 5};
    for (int i = 0; i < 3; ++i) {
        size_t r = b0.beginRecord(ids[i], times[i]);
        b0.fragmentHeader();
        b0.open(u"R", false, false);
        b0.closeStart();
        b0.text(u"x");
        b0.end();
        b0.endFragment();
        b0.endRecord(r);
    }
    ByteVec c0 = b0.finish(1, 5);
    ByteVec c1 = simpleChunk({5});
    ByteVec c2 = simpleChunk({8, 9});
    c2[0] = 'X';
    ByteVec file = fileHeader(3, 0x1);
    for (const ByteVec* c : {&c0, &c1, &c2})
        file.insert(file.end(), c->begin(), c->end());
    patchLE(file, 4096 + 65536 + 52, 0xdeadbeef, 4); // chunk 1's data checksum
    const auto r = evtx::checkIntegrity(evtx::Bytes(file.data(), file.size()));
    QVERIFY(r.headerValid);
    QVERIFY(r.dirty);
    QVERIFY(!r.full);
    QCOMPARE(r.headerChunkCount, 3);
    QCOMPARE(r.chunksWithMagic, 2u);
    QVERIFY(!r.chunkCountMatches());
    QCOMPARE(r.chunkIssues.size(), size_t(3));
    QCOMPARE(r.chunkIssues[0].chunk, 1u);
    QVERIFY(r.chunkIssues[0].problem.starts_with("header checksum mismatch"));
    QVERIFY(r.chunkIssues[1].problem.starts_with("data checksum mismatch"));
    QCOMPARE(r.chunkIssues[2].chunk, 2u);
    QVERIFY(r.chunkIssues[2].problem.starts_with("invalid chunk header magic"));
    QCOMPARE(r.records, 4u);
    QCOMPARE(r.idGaps.size(), size_t(1));
    QCOMPARE(r.idGaps[0].first, 3u);
    QCOMPARE(r.idGaps[0].last, 4u);
    QCOMPARE(r.missingIds, 2u);
    QCOMPARE(r.duplicateIds.size(), size_t(1));
    QCOMPARE(r.duplicateIds[0].id, 5u);
    QCOMPARE(r.duplicateIds[0].count, 2u);
    QCOMPARE(r.writtenTimeBackwards.size(), size_t(1));
    QCOMPARE(r.writtenTimeBackwards[0].recordId, 5u);
    QCOMPARE(r.writtenTimeBackwards[0].previousRecordId, 2u);
    QCOMPARE(r.recovered, 2u); // 8 and 9 from the chunk without its magic
    QCOMPARE(r.recoveredFromDamagedChunks, 2u);
    QCOMPARE(r.recoveredNewIds, 2u);
    QVERIFY(!r.clean());
    const std::string text = evtx::integrityText(r, "built.evtx");
    QVERIFY(text.find("record id gaps: 1 (2 ids missing)\n    3..4 (2 ids)\n") !=
            std::string::npos);
    QVERIFY(text.find("chunks: 3 in the header, 3 in the file (2 with a chunk magic, 0 empty) "
                      "-- MISMATCH") != std::string::npos);
    const QJsonObject json =
        QJsonDocument::fromJson(QByteArray::fromStdString(evtx::integrityJson(r, "built.evtx")))
            .object();
    QCOMPARE(json["records"][QStringLiteral("duplicate_ids")][0][QStringLiteral("id")].toInt(), 5);
    QCOMPARE(json["recovered"][QStringLiteral("damaged_chunks")].toInt(), 2);
    QCOMPARE(json["clean"].toBool(), false);

    const ByteVec ok = makeFile({simpleChunk({1, 2})});
    QVERIFY(evtx::checkIntegrity(evtx::Bytes(ok.data(), ok.size())).clean());
}

// Runs the dump with recovery and collects the notes it reports.
struct NotedDump {
    Dumped dumped;
    std::vector<evtx::RecoveryNote> notes;
};
NotedDump dumpNoted(const ByteVec& file, evtx::OutputFormat format = evtx::OutputFormat::Jsonl) {
    evtx::DumpOptions opt;
    opt.format = format;
    opt.recover = true;
    NotedDump d;
    opt.recoveryNotes = [&](const evtx::RecoveryNote& n) { d.notes.push_back(n); };
    d.dumped = dumpToMemory(evtx::Bytes(file.data(), file.size()), opt);
    return d;
}

// A chunk with live records 1 and 2, then `slack` writes what follows the
// last one.
ByteVec chunkWithSlack(const std::function<void(ChunkBuilder&)>& slack) {
    ChunkBuilder b;
    eventRecord(b, 1, u"1");
    eventRecord(b, 2, u"2");
    slack(b);
    ByteVec c = b.finish(1, 2);
    patchLE(c, 44, 512 + kRecord, 4);
    patchLE(c, 48, 512 + 2 * kRecord, 4);
    fixChunkCrcs(c);
    return c;
}

void TestRecover::emptySlackEntryNotWritten() {
    // A record-shaped entry holding an empty BinXML fragment: it used to be
    // written as {,"#recovered":...}, which is not JSON.
    size_t at = 0;
    ByteVec c = chunkWithSlack([&](ChunkBuilder& b) {
        at = b.beginRecord(7, kWritten);
        b.fragmentHeader();
        b.endFragment();
        b.endRecord(at);
    });
    const NotedDump d = dumpNoted(makeFile({c}));
    QCOMPARE(d.dumped.text, eventJson("1") + "\n" + eventJson("2") + "\n");
    QCOMPARE(d.dumped.stats.recovered, 0u);
    QCOMPARE(d.dumped.stats.carvedRejected, 1u);
    QCOMPARE(d.notes.size(), size_t(1));
    QCOMPARE(d.notes[0].kind, evtx::RecoveryNote::Kind::Rejected);
    QCOMPARE(d.notes[0].chunk, 0u);
    QCOMPARE(d.notes[0].fileOffset, uint64_t(4096 + at));
    QCOMPARE(d.notes[0].recordId, 7u);
    QVERIFY(d.notes[0].reason.find("TimeCreated") != std::string::npos);
    // The integrity report names it too.
    const auto r = evtx::checkIntegrity(evtx::Bytes(makeFile({c}).data(), 4096 + c.size()));
    QCOMPARE(r.carveRejections.size(), size_t(1));
    QCOMPARE(r.carveRejections[0].fileOffset, uint64_t(4096 + at));
}

void TestRecover::implausibleTimesNotWritten() {
    // The live records were written on 2021-03-04: the window ends a year on.
    constexpr uint64_t kDay = 864000000000ull;
    ByteVec c = chunkWithSlack([&](ChunkBuilder& b) {
        eventRecord(b, 3, u"3", u"1601-01-01T00:00:00.0000000Z");    // TimeCreated
        eventRecord(b, 4, u"4", u"2021-03-04T05:06:07.0000000Z", 0); // header time
        eventRecord(b, 5, u"5", u"2022-03-05T05:06:07.0000000Z");    // 366 days on
        eventRecord(b, 6, u"6", u"2022-03-03T05:06:07.0000000Z");    // 364 days on
        eventRecord(b, 8, u"8", u"2021-03-04T05:06:07.0000000Z", kWritten + 400 * kDay);
        eventRecord(b, 0, u"0"); // id 0
    });
    const NotedDump d = dumpNoted(makeFile({c}));
    QCOMPARE(d.dumped.stats.recovered, 1u);
    QVERIFY(d.dumped.text.contains("\"R\":\"6\""));
    QCOMPARE(d.dumped.stats.carvedRejected, 5u);
    QCOMPARE(d.notes.size(), size_t(5));
    const uint64_t ids[] = {3, 4, 5, 8, 0};
    const char* reasons[] = {"TimeCreated 1601-01-01T00:00:00.0000000Z is outside",
                             "written time 1601-01-01T00:00:00.0000000Z is outside",
                             "TimeCreated 2022-03-05T05:06:07.0000000Z is outside",
                             "written time 2022-04-08T05:06:07.0000000Z is outside", "record id 0"};
    for (size_t i = 0; i < 5; ++i) {
        QCOMPARE(d.notes[i].recordId, ids[i]);
        QVERIFY2(d.notes[i].reason.starts_with(reasons[i]), d.notes[i].reason.c_str());
    }
}

void TestRecover::tornRecordsNotWritten() {
    // Record 3 lost its end (no size copy: not even a candidate); record 4
    // keeps its sizes but the middle of its BinXML was overwritten.
    size_t r4 = 0;
    ByteVec c = chunkWithSlack([&](ChunkBuilder& b) {
        eventRecord(b, 3, u"3");
        r4 = b.pos();
        eventRecord(b, 4, u"4");
    });
    std::fill(c.begin() + long(512 + 3 * kRecord - 30), c.begin() + long(512 + 3 * kRecord),
              uint8_t(0));
    std::fill(c.begin() + long(r4 + 40), c.begin() + long(r4 + 60), uint8_t(0xee));
    const NotedDump d = dumpNoted(makeFile({c}));
    QCOMPARE(d.dumped.stats.recovered, 0u);
    QCOMPARE(d.notes.size(), size_t(1));
    QCOMPARE(d.notes[0].recordId, 4u);
    QCOMPARE(d.notes[0].fileOffset, uint64_t(4096 + r4));
    QCOMPARE(d.dumped.text, eventJson("1") + "\n" + eventJson("2") + "\n");
}

void TestRecover::copyOfLiveRecordNotWrittenAgain() {
    // Slack of chunk 0 holds a byte copy of live record 2; chunk 1 holds
    // record 9 live and, in its slack, a copy of record 1 of chunk 0.
    ByteVec c0 = chunkWithSlack([&](ChunkBuilder& b) { eventRecord(b, 2, u"2"); });
    ChunkBuilder b1;
    eventRecord(b1, 9, u"9");
    eventRecord(b1, 1, u"1");
    ByteVec c1 = b1.finish(9, 9);
    patchLE(c1, 44, 512, 4);
    patchLE(c1, 48, 512 + kRecord, 4);
    fixChunkCrcs(c1);
    const NotedDump d = dumpNoted(makeFile({c0, c1}));
    QCOMPARE(d.dumped.text, eventJson("1") + "\n" + eventJson("2") + "\n" + eventJson("9") + "\n");
    QCOMPARE(d.dumped.stats.recovered, 0u);
    QCOMPARE(d.dumped.stats.carvedCopies, 2u);
    QCOMPARE(d.notes.size(), size_t(2));
    QCOMPARE(d.notes[0].kind, evtx::RecoveryNote::Kind::CopyOfLive);
    QCOMPARE(d.notes[0].reason, std::string("copy of live record 2"));
    QCOMPARE(d.notes[1].chunk, 1u);
    QCOMPARE(d.notes[1].reason, std::string("copy of live record 1"));
}

void TestRecover::conflictingIdMarked() {
    // Slack holds a record with live record 2's id and other content.
    ByteVec c = chunkWithSlack([&](ChunkBuilder& b) { eventRecord(b, 2, u"X"); });
    const NotedDump d = dumpNoted(makeFile({c}));
    QCOMPARE(d.dumped.text, eventJson("1") + "\n" + eventJson("2") + "\n" +
                                eventJson("X").chopped(1) +
                                marker("slack", 0, 4096 + 512 + 2 * kRecord, {}, true) + "\n");
    QCOMPARE(d.dumped.stats.recoveredConflicts, 1u);
    QVERIFY(d.notes.empty());
    const NotedDump x = dumpNoted(makeFile({c}), evtx::OutputFormat::Xml);
    QVERIFY(x.dumped.text.contains("<!-- recovered from slack: chunk 0, file offset 0x" +
                                   QByteArray::number(4096 + 512 + 2 * qulonglong(kRecord), 16) +
                                   "; conflicts with a live record of the same id -->\n"));
    const auto r = evtx::checkIntegrity(evtx::Bytes(makeFile({c}).data(), 4096 + c.size()));
    QCOMPARE(r.recoveredConflicts, 1u);
}

void TestRecover::recoveredOutputAlwaysParses() {
    // Every candidate kind at once, in JSONL: each line is one JSON object.
    ByteVec c = chunkWithSlack([&](ChunkBuilder& b) {
        size_t e = b.beginRecord(7, kWritten);
        b.fragmentHeader();
        b.endFragment();
        b.endRecord(e);
        eventRecord(b, 2, u"2");
        eventRecord(b, 2, u"Y");
        eventRecord(b, 3, u"3", u"1601-01-01T00:00:00.0000000Z");
        eventRecord(b, 4, u"a \"quoted\" -- text");
    });
    const NotedDump d = dumpNoted(makeFile({c}));
    const QList<QByteArray> lines = d.dumped.text.split('\n');
    QCOMPARE(lines.size(), 5); // 1, 2, Y, quoted, and the empty tail
    for (const QByteArray& line : lines.mid(0, 4)) {
        QJsonParseError e;
        QVERIFY2(QJsonDocument::fromJson(line, &e).isObject(), line.constData());
    }
    QCOMPARE(d.dumped.stats.carvedCopies + d.dumped.stats.carvedRejected, 3u);
}

void TestRecover::recordInBrokenRecordsTailRecovered() {
    // Record 2's size says 8 bytes more than it holds: the walk lands inside
    // record 3 and breaks off there; record 3 starts in record 2's tail.
    ByteVec c = simpleChunk({1, 2, 3});
    const size_t r2 = 512 + kRecord, r3 = 512 + 2 * kRecord;
    patchLE(c, r2 + 4, kRecord + 8, 4);
    fixChunkCrcs(c);
    const NotedDump d = dumpNoted(makeFile({c}));
    QCOMPARE(d.dumped.text, eventJson("1") + "\n" + eventJson("2") + "\n" +
                                eventJson("3").chopped(1) + marker("slack", 0, 4096 + r3) + "\n");
    QVERIFY(d.notes.empty()); // record 2 itself is neither carved nor noted
    const auto r = evtx::checkIntegrity(evtx::Bytes(makeFile({c}).data(), 4096 + c.size()));
    QCOMPARE(r.recovered, 1u);
    QCOMPARE(
        evtx::countRecoverable(evtx::Bytes(makeFile({c}).data(), 4096 + c.size()), false).recovered,
        1u);
}

void TestRecover::censusStopsWhenCancelled() {
    ByteVec c = simpleChunk({1, 2, 3, 4});
    endRecordsAfter(c, 2, 2);
    const ByteVec file = makeFile({c, c});
    const evtx::Bytes bytes(file.data(), file.size());
    // Records 3 and 4 in the slack of both chunks.
    const evtx::RecoveryCensus all = evtx::countRecoverable(bytes, false);
    QVERIFY(!all.cancelled);
    QCOMPARE(all.recovered, 4u);
    std::atomic<bool> cancel{true};
    const evtx::RecoveryCensus stopped = evtx::countRecoverable(bytes, false, &cancel);
    QVERIFY(stopped.cancelled);
    QCOMPARE(stopped.recovered, 0u);
}

void TestRecover::censusCountsWhatTheDumpWrites() {
    SKIP_WITHOUT_SHARED();
    QStringList files;
    for (const QString& name : QDir(sharedDir() + "/evtx-samples").entryList({"*.evtx"}))
        files << sharedDir() + "/evtx-samples/" + name;
    files << sharedDir() + "/bench/security-32mb.evtx" << sharedDir() + "/bench/mixed-32mb.evtx";
    uint64_t total = 0;
    for (const QString& path : files) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        const ByteVec bytes(data.begin(), data.end());
        const evtx::DumpStats d = dump(bytes, true).stats;
        const evtx::RecoveryCensus c =
            evtx::countRecoverable(evtx::Bytes(bytes.data(), bytes.size()), false);
        QVERIFY2(c.recovered == d.recovered && c.partial == d.recoveredPartial &&
                     c.conflictsWithLive == d.recoveredConflicts &&
                     c.copiesOfLive == d.carvedCopies && c.rejected == d.carvedRejected,
                 qPrintable(path));
        total += c.recovered + c.copiesOfLive + c.rejected;
    }
    QVERIFY(total > 0);
}

void TestRecover::sharedSamplesRecoverMore_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<qulonglong>("records");   // default dump
    QTest::addColumn<qulonglong>("recovered"); // extra with --recover
    QTest::addColumn<qulonglong>("copies");    // carved copies of live records
    QTest::newRow("bad chunk magic") << "sample_with_a_bad_chunk_magic" << 270ull << 163ull << 0ull;
    QTest::newRow("sysmon") << "sysmon" << 358ull << 0ull << 0ull;
    QTest::newRow("RdpCoreTS")
        << "2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational" << 1910ull
        << 155ull << 0ull;
    QTest::newRow("RemoteConnectionManager")
        << "2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%4Operational"
        << 1774ull << 267ull << 0ull;
    // Record 3 has data size 0, so the walk of chunk 0 stops there; of the
    // 147 records after it, 33 are also live elsewhere in the file.
    QTest::newRow("zero data size")
        << "sample-with-zero-data-size-event" << 335ull << 114ull << 33ull;
    QTest::newRow("system") << "system" << 1881ull << 0ull << 79ull;
}

void TestRecover::sharedSamplesRecoverMore() {
    SKIP_WITHOUT_SHARED();
    QFETCH(QString, name);
    QFETCH(qulonglong, records);
    QFETCH(qulonglong, recovered);
    QFETCH(qulonglong, copies);
    const QByteArray file = readSample(name);
    const ByteVec bytes(file.begin(), file.end());
    QCOMPARE(qulonglong(dump(bytes, false).stats.records), records);
    const Dumped rec = dump(bytes, true);
    QCOMPARE(qulonglong(rec.stats.recovered), recovered);
    QCOMPARE(qulonglong(rec.stats.records), records + recovered);
    QCOMPARE(qulonglong(rec.text.count("\"#recovered\":")), recovered);
    QCOMPARE(qulonglong(rec.stats.carvedCopies), copies);
    // Every candidate the plain scan sees is written, or a copy, or noted.
    QCOMPARE(qulonglong(scanCandidates(file)),
             recovered + copies + qulonglong(rec.stats.carvedRejected));
    // No two lines of the output are the same event: a copy is not written.
    QSet<QByteArray> events;
    for (const QByteArray& line : rec.text.split('\n')) {
        if (line.isEmpty()) continue;
        const int marker = line.indexOf(",\"#recovered\":");
        const QByteArray event = marker < 0 ? line : line.left(marker) + "}";
        QVERIFY2(!events.contains(event), event.left(200).constData());
        events.insert(event);
    }
}

void TestRecover::checkExplainsDamagedSamples() {
    SKIP_WITHOUT_SHARED();
    // Two chunks zeroed (6, 10) where the header counts 16; three chunks'
    // data checksums and record ranges no longer match their headers (the
    // last record of each lost its size copy); 1680 ids missing between
    // the surviving chunks; the zeroed chunks still hold 82 records.
    QJsonObject j = checkJson("sample_with_a_bad_chunk_magic");
    QCOMPARE(j["header"][QStringLiteral("dirty")].toBool(), true);
    QCOMPARE(j["header"][QStringLiteral("chunk_count")].toInt(), 16);
    QCOMPARE(j["chunks"][QStringLiteral("with_magic")].toInt(), 4);
    QCOMPARE(j["chunks"][QStringLiteral("issues")].toArray().size(), 8);
    QCOMPARE(j["chunks"][QStringLiteral("issues")][2][QStringLiteral("chunk")].toInt(), 6);
    QCOMPARE(j["chunks"][QStringLiteral("issues")][7][QStringLiteral("chunk")].toInt(), 10);
    QCOMPARE(j["records"][QStringLiteral("issues")].toArray().size(), 3);
    QCOMPARE(j["records"][QStringLiteral("issues")][0][QStringLiteral("reason")].toString(),
             "size copy at the record's end is 0, not 472");
    QCOMPARE(j["records"][QStringLiteral("missing_ids")].toInt(), 1680);
    QCOMPARE(j["recovered"][QStringLiteral("damaged_chunks")].toInt(), 82);
    QCOMPARE(j["recovered"][QStringLiteral("slack")].toInt(), 81);

    // The header names 1 chunk, the file holds 17: chunks 9..16 are not
    // chunks (zeros, then other data); the 9 real ones read cleanly.
    j = checkJson("sysmon");
    QCOMPARE(j["header"][QStringLiteral("chunk_count")].toInt(), 1);
    QCOMPARE(j["chunks"][QStringLiteral("blocks")].toInt(), 17);
    QCOMPARE(j["chunks"][QStringLiteral("with_magic")].toInt(), 9);
    QCOMPARE(j["chunks"][QStringLiteral("issues")].toArray().size(), 8);
    QCOMPARE(j["records"][QStringLiteral("issues")].toArray().size(), 0);
    QCOMPARE(j["records"][QStringLiteral("missing_ids")].toInt(), 0);
    QCOMPARE(j["recovered"][QStringLiteral("count")].toInt(), 0);

    // Volume shadow copies: in chunks 0 and 13 a record was cut (size copy
    // and BinXML broken) and the walk stops at the bytes after it, so the
    // data checksums and header ranges disagree; all 153 records after
    // the break are recovered, none of them a live id, and 2 newer records
    // that start inside the tails of the records the walks stopped after.
    j = checkJson("2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational");
    QCOMPARE(j["chunks"][QStringLiteral("issues")].toArray().size(), 4);
    QCOMPARE(j["records"][QStringLiteral("issues")].toArray().size(), 6);
    QCOMPARE(j["records"][QStringLiteral("issues")][0][QStringLiteral("record_id")].toInt(),
             6335011);
    QCOMPARE(j["recovered"][QStringLiteral("count")].toInt(), 155);
    QCOMPARE(j["recovered"][QStringLiteral("new_ids")].toInt(), 155);
    j = checkJson(
        "2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%4Operational");
    QCOMPARE(j["chunks"][QStringLiteral("issues")].toArray().size(), 3);
    QCOMPARE(j["records"][QStringLiteral("issues")].toArray().size(), 3);
    QCOMPARE(j["records"][QStringLiteral("issues")][0][QStringLiteral("record_id")].toInt(),
             463011);
    QCOMPARE(j["recovered"][QStringLiteral("count")].toInt(), 267);

    // Record 3 has data size 0: the walk of chunk 0 ends there, records
    // 3..117 look missing, and carving brings back 114 of them; 33 more
    // carved records are copies of live ones.
    j = checkJson("sample-with-zero-data-size-event");
    QCOMPARE(j["records"][QStringLiteral("issues")].toArray().size(), 1);
    QCOMPARE(j["records"][QStringLiteral("issues")][0][QStringLiteral("reason")].toString(),
             "record 3 at chunk offset 2080 has data size 0, less than the 28-byte minimum");
    QCOMPARE(j["records"][QStringLiteral("missing_ids")].toInt(), 115);
    QCOMPARE(j["recovered"][QStringLiteral("count")].toInt(), 114);
    QCOMPARE(j["recovered"][QStringLiteral("new_ids")].toInt(), 114);
    QCOMPARE(j["recovered"][QStringLiteral("copies_of_live")].toInt(), 33);
    QCOMPARE(j["recovered"][QStringLiteral("rejected")].toArray().size(), 0);
}

QTEST_GUILESS_MAIN(TestRecover)
#include "tst_recover.moc"
