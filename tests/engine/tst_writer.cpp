// The EVTX writer: events built from templates and values are written, read
// back by the engine and compared with XML/JSON worked out by hand from the
// input model; the file structure (headers, checksums, string and template
// tables) is checked independently of the parser; the demo generator's log
// reads back record for record as the generator reported; and
// samples/demo.evtx equals what the documented evtxgen command writes.
#include "dump_to_memory.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/render/value_format.hpp"
#include "evtx/writer/evtx_writer.hpp"
#include "evtx_structure.hpp"

#include "evtx/demo/demo_log.hpp" // after dump.hpp: moc fails on the writer headers first

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace evtx::writer;
namespace vt = evtx::vt;

namespace {

struct Read {
    QByteArray text;
    std::vector<std::string> errors;
    uint64_t records = 0;
};

Read readBack(const std::vector<uint8_t>& file, evtx::OutputFormat format, unsigned threads = 1) {
    evtx::DumpOptions opt;
    opt.format = format;
    opt.threads = threads;
    opt.validateChecksums = true;
    opt.showRecordNumber = false;
    const DumpedText d = dumpToMemory({file.data(), file.size()}, opt);
    Read r;
    r.text = d.text;
    for (const evtx::DumpError& e : d.errors)
        r.errors.push_back(e.toString());
    r.records = d.stats.records;
    return r;
}

std::vector<uint8_t> writeAll(const std::vector<Event>& events, WriterStats* stats = nullptr) {
    EvtxWriter w;
    std::string error;
    for (const Event& e : events)
        if (!w.add(e, error)) qFatal("add failed: %s", error.c_str());
    if (stats) *stats = w.stats();
    return w.bytes();
}

QString problems(const evtxtest::StructureReport& r) {
    QStringList l;
    for (const auto& p : r.problems)
        l << QString::fromStdString(p);
    return l.join("; ");
}

// <Event xmlns="urn:test"><System>…</System><EventData>…</EventData><Extra>…</Extra></Event>
TemplatePtr smallTemplate() {
    return makeTemplate(
        Guid::parse("{11111111-2222-3333-4444-555555555555}"),
        el("Event", {attr("xmlns", text("urn:test"))},
           {el("System", {},
               {el("Provider", {attr("Name", sub(0, vt::String))}),
                el("EventID", {attr("Qualifiers", optSub(1, vt::UInt16))}, {sub(2, vt::UInt16)}),
                el("Level", {}, {sub(3, vt::UInt8)})}),
            el("EventData", {},
               {el("Data", {attr("Name", text("User"))}, {sub(4, vt::Sid)}),
                el("Data", {attr("Name", text("Ports"))}, {sub(5, vt::UInt16 | vt::ArrayFlag)}),
                el("Data", {attr("Name", text("Note"))}, {sub(6, vt::String)})}),
            el("Extra", {},
               {text("a "), entityRef("amp"), text(" "), cdata("<b>"), text(" "), charRef(169)})}));
}

Event smallEvent(const TemplatePtr& t, uint16_t eventId, std::optional<uint16_t> qualifiers) {
    return Event{fileTimeFromUnix(1700000000),
                 {t,
                  {Value::string("Demo"), qualifiers ? Value::u16(*qualifiers) : Value::null(),
                   Value::u16(eventId), Value::u8(4), Value::sid("S-1-5-18"),
                   Value::array({Value::u16(80), Value::u16(443)}), Value::string("a <b> & c")}}};
}

} // namespace

class TestWriter : public QObject {
    Q_OBJECT

  private slots:
    void helpers() {
        const Guid g = Guid::parse("54849625-5478-4994-A5BA-3E3B0328C30D");
        const uint8_t stored[16] = {0x25, 0x96, 0x84, 0x54, 0x78, 0x54, 0x94, 0x49,
                                    0xa5, 0xba, 0x3e, 0x3b, 0x03, 0x28, 0xc3, 0x0d};
        QVERIFY(std::equal(g.bytes.begin(), g.bytes.end(), stored));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Guid::parse("54849625-5478"));
        QCOMPARE(fileTimeFromUnix(0), 116444736000000000ull);
        // 0x01D1D94457579617 = 2016-07-08 18:12:51.681 (a Friday).
        const SystemTime t = systemTimeFromFileTime(0x01D1D94457579617ull);
        QCOMPARE(t.year, 2016);
        QCOMPARE(t.month, 7);
        QCOMPARE(t.day, 8);
        QCOMPARE(t.dayOfWeek, 5);
        QCOMPARE(t.hour, 18);
        QCOMPARE(t.minute, 12);
        QCOMPARE(t.second, 51);
        QCOMPARE(t.milliseconds, 681);
        const SystemTime leap = systemTimeFromFileTime(fileTimeFromUnix(951782400)); // 2000-02-29
        QCOMPARE(leap.month, 2);
        QCOMPARE(leap.day, 29);
        const Value sid = Value::sid("S-1-5-21-7-1013");
        const std::vector<uint8_t> sidBytes = {1, 3, 0, 0, 0, 0, 0,    5, 21, 0,
                                               0, 0, 7, 0, 0, 0, 0xf5, 3, 0,  0};
        QVERIFY(sid.bytes() == sidBytes);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Value::sid("S-1-x"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 Value::array({Value::u16(1), Value::u32(2)}));
        QVERIFY(toUtf16("a\xC3\xA9\xF0\x9F\x98\x80") == std::u16string(u"a\u00e9\U0001F600"));
    }

    void xmlRoundTrip() {
        auto t = smallTemplate();
        const auto file = writeAll({smallEvent(t, 7, std::nullopt), smallEvent(t, 8, 16384)});
        const Read r = readBack(file, evtx::OutputFormat::Xml);
        QVERIFY2(r.errors.empty(), r.errors.empty() ? "" : r.errors.front().c_str());
        QCOMPARE(r.records, 2u);
        auto expected = [](const char* eventId) {
            return QByteArray("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                              "<Event xmlns=\"urn:test\">\n"
                              "  <System>\n"
                              "    <Provider Name=\"Demo\">\n"
                              "    </Provider>\n") +
                   eventId +
                   "    <Level>4</Level>\n"
                   "  </System>\n"
                   "  <EventData>\n"
                   "    <Data Name=\"User\">S-1-5-18</Data>\n"
                   "    <Data Name=\"Ports\">80</Data>\n"
                   "    <Data Name=\"Ports\">443</Data>\n"
                   "    <Data Name=\"Note\">a &lt;b&gt; &amp; c</Data>\n"
                   "  </EventData>\n"
                   "  <Extra>a &amp; <![CDATA[<b>]]> &#169;</Extra>\n"
                   "</Event>\n\n";
        };
        // The empty optional Qualifiers drops the attribute.
        QCOMPARE(r.text, expected("    <EventID>7</EventID>\n") +
                             expected("    <EventID Qualifiers=\"16384\">8</EventID>\n"));
    }

    void jsonRoundTrip() {
        auto t = smallTemplate();
        const auto file = writeAll({smallEvent(t, 7, 16384)});
        const Read r = readBack(file, evtx::OutputFormat::Jsonl);
        QVERIFY(r.errors.empty());
        QCOMPARE(
            r.text,
            QByteArray("{\"Event\":{\"#attributes\":{\"xmlns\":\"urn:test\"},\"System\":{"
                       "\"Provider\":{\"#attributes\":{\"Name\":\"Demo\"}},"
                       "\"EventID\":{\"#attributes\":{\"Qualifiers\":16384},\"#text\":7},"
                       "\"Level\":4},\"EventData\":{\"User\":\"S-1-5-18\",\"Ports\":80,"
                       "\"Ports\":443,\"Note\":\"a <b> & c\"},\"Extra\":\"a & <b> &#169;\"}}\n"));
    }

    void everyValueType() {
        std::vector<Node> data;
        const std::vector<const char*> names = {
            "I8",  "U8",  "I16", "U16",  "I32",  "U32", "I64",  "U64",  "R32",   "R64",
            "B",   "Bin", "G",   "Sz",   "Sz32", "FT",  "ST",   "Sid",  "H32",   "H64",
            "Ans", "Str", "Nul", "AStr", "AU16", "AI8", "AH64", "ASid", "AGuid", "ASz"};
        for (uint16_t i = 0; i < names.size(); ++i)
            data.push_back(el("Data", {attr("Name", text(names[i]))}, {optSub(i, vt::Null)}));
        auto t = makeTemplate(Guid::parse("22222222-0000-0000-0000-000000000001"),
                              el("Event", {}, {el("EventData", {}, std::move(data))}));
        const Guid g = Guid::parse("54849625-5478-4994-A5BA-3E3B0328C30D");
        std::vector<Value> v = {
            Value::i8(-5),
            Value::u8(200),
            Value::i16(-300),
            Value::u16(60000),
            Value::i32(-70000),
            Value::u32(4000000000u),
            Value::i64(-5000000000LL),
            Value::u64(18446744073709551615ull),
            Value::real32(1.5f),
            Value::real64(-2.25),
            Value::boolean(true),
            Value::binary({0xde, 0xad, 0xbe, 0xef}),
            Value::guid(g),
            Value::sizeT(0x1000),
            Value::sizeT(0xffffffff, false),
            Value::fileTime(0x01D1D94457579617ull),
            Value::systemTime(SystemTime{2019, 3, 6, 9, 7, 23, 5, 468}),
            Value::sid("S-1-5-21-3623811015-3361044348-30300820-1013"),
            Value::hex32(999),
            Value::hex64(0x4000000000200800ull),
            Value::ansi("caf\xe9"),
            Value::string("Gr\xC3\xBC\xC3\x9F"
                          "e \"q\"\n"),
            Value::null(),
            Value::stringArray({"x", "y z"}),
            Value::array({Value::u16(1), Value::u16(65535)}),
            Value::array({Value::i8(-1), Value::i8(2)}),
            Value::array({Value::hex64(0), Value::hex64(255)}),
            Value::array({Value::sid("S-1-5-18"), Value::sid("S-1-5-32-544")}),
            Value::array({Value::guid(g), Value::guid(Guid{})}),
            Value::array({Value::sizeT(1), Value::sizeT(16)}),
        };
        const auto file = writeAll({Event{1, {t, v}}});
        const Read r = readBack(file, evtx::OutputFormat::Jsonl);
        QVERIFY2(r.errors.empty(), r.errors.empty() ? "" : r.errors.front().c_str());
        QCOMPARE(
            r.text,
            QByteArray(
                "{\"Event\":{\"EventData\":{\"I8\":-5,\"U8\":200,\"I16\":-300,\"U16\":60000,"
                "\"I32\":-70000,\"U32\":4000000000,\"I64\":-5000000000,"
                "\"U64\":18446744073709551615,\"R32\":\"1.5\",\"R64\":\"-2.25\",\"B\":true,"
                "\"Bin\":\"DEADBEEF\",\"G\":\"54849625-5478-4994-A5BA-3E3B0328C30D\","
                "\"Sz\":\"0x1000\",\"Sz32\":\"0xffffffff\",\"FT\":\"2016-07-08T18:12:51.681640Z\","
                "\"ST\":\"2019-03-09T07:23:05.468000Z\","
                "\"Sid\":\"S-1-5-21-3623811015-3361044348-30300820-1013\",\"H32\":\"0x3e7\","
                "\"H64\":\"0x4000000000200800\",\"Ans\":\"caf\xC3\xA9\","
                "\"Str\":\"Gr\xC3\xBC\xC3\x9F"
                "e \\\"q\\\"\\n\",\"Nul\":\"\","
                "\"AStr\":\"x\",\"AStr\":\"y z\",\"AU16\":1,\"AU16\":65535,\"AI8\":-1,\"AI8\":2,"
                "\"AH64\":\"0x0\",\"AH64\":\"0xff\",\"ASid\":\"S-1-5-18\","
                "\"ASid\":\"S-1-5-32-544\",\"AGuid\":\"54849625-5478-4994-A5BA-3E3B0328C30D\","
                "\"AGuid\":\"00000000-0000-0000-0000-000000000000\",\"ASz\":\"0x1\","
                "\"ASz\":\"0x10\"}}}\n"));
    }

    void nestedBinXml() {
        // UserData holding a nested template instance, and one holding a
        // plain element tree; the nested template is defined inside the value.
        auto inner =
            makeTemplate(Guid::parse("33333333-0000-0000-0000-000000000002"),
                         el("Inner", {attr("Id", sub(0, vt::UInt32))}, {sub(1, vt::String)}));
        auto outer = makeTemplate(Guid::parse("33333333-0000-0000-0000-000000000001"),
                                  el("Event", {}, {el("UserData", {}, {sub(0, vt::BinXml)})}));
        const Event a{
            10, {outer, {Value::binXml(Instance{inner, {Value::u32(5), Value::string("x")}})}}};
        const Event b{11,
                      {outer,
                       {Value::binXml(el("Plain", {attr("K", text("v"))},
                                         {el("Leaf", {}, {text("t")}), el("Empty")}))}}};
        const auto file = writeAll({a, b, a});
        const Read r = readBack(file, evtx::OutputFormat::Xml);
        QVERIFY2(r.errors.empty(), r.errors.empty() ? "" : r.errors.front().c_str());
        const QByteArray xa = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                              "<Event>\n"
                              "  <UserData>\n"
                              "    <Inner Id=\"5\">x</Inner>\n"
                              "  </UserData>\n"
                              "</Event>\n\n";
        const QByteArray xb = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                              "<Event>\n"
                              "  <UserData>\n"
                              "    <Plain K=\"v\">\n"
                              "      <Leaf>t</Leaf>\n"
                              "      <Empty>\n"
                              "      </Empty>\n"
                              "    </Plain>\n"
                              "  </UserData>\n"
                              "</Event>\n\n";
        QCOMPARE(r.text, xa + xb + xa);
        const auto s = evtxtest::checkStructure(file);
        QVERIFY2(s.problems.empty(), qPrintable(problems(s)));
        QCOMPARE(s.templateDefinitions, 2u); // outer and inner, once each
    }

    void manyChunks() {
        // Big records force new chunks; each chunk defines its templates
        // again and shares names through its own string table.
        auto t = smallTemplate();
        std::vector<Event> events;
        for (uint16_t i = 0; i < 400; ++i) {
            Event e = smallEvent(t, i, i % 3 ? std::optional<uint16_t>(i) : std::nullopt);
            e.writtenTime += i;
            e.body.values[6] = Value::string(std::string(300 + i % 50, char('a' + i % 26)));
            events.push_back(e);
        }
        WriterStats stats;
        const auto file = writeAll(events, &stats);
        const auto s = evtxtest::checkStructure(file);
        QVERIFY2(s.problems.empty(), qPrintable(problems(s)));
        QVERIFY(s.chunks >= 3);
        QCOMPARE(s.chunks, stats.chunks);
        QCOMPARE(s.records, 400u);
        QCOMPARE(s.templateDefinitions, s.chunks); // one definition per chunk
        QCOMPARE(stats.templateDefinitions, s.chunks);
        QCOMPARE(stats.distinctTemplates, 1u);
        for (size_t i = 0; i < s.ids.size(); ++i) {
            QCOMPARE(s.ids[i], uint64_t(i + 1));
            QCOMPARE(s.writtenTimes[i], fileTimeFromUnix(1700000000) + i);
        }
        const Read one = readBack(file, evtx::OutputFormat::Xml, 1);
        const Read two = readBack(file, evtx::OutputFormat::Xml, 2);
        QVERIFY(one.errors.empty() && two.errors.empty());
        QCOMPARE(one.records, 400u);
        QCOMPARE(one.text, two.text);
        // The record in the last chunk renders like the first one did.
        QVERIFY(one.text.contains(QByteArray("<EventID Qualifiers=\"398\">398</EventID>")));
    }

    void firstIdAndEmptyFile() {
        EvtxWriter empty;
        const auto header = empty.bytes();
        QCOMPARE(header.size(), size_t(4096));
        std::string error;
        auto fh = evtx::parseFileHeader({header.data(), header.size()}, error);
        QVERIFY(fh && fh->crcMatches());
        QCOMPARE(fh->chunkCount, 0);
        QCOMPARE(readBack(header, evtx::OutputFormat::Xml).records, 0u);

        EvtxWriter w(WriterOptions{1000});
        QCOMPARE(*w.add(smallEvent(smallTemplate(), 1, 2), error), 1000u);
        QCOMPARE(w.nextRecordId(), 1001u);
        const auto file = w.bytes();
        fh = evtx::parseFileHeader({file.data(), file.size()}, error);
        QVERIFY(fh && fh->crcMatches());
        QCOMPARE(fh->nextRecordId, 1001u);
        QCOMPARE(fh->chunkCount, 1);
        QVERIFY(evtxtest::checkStructure(file).problems.empty());

        QTemporaryDir tmp;
        const QString path = tmp.filePath("one.evtx");
        QVERIFY(w.save(path.toStdString(), error));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(),
                 QByteArray(reinterpret_cast<const char*>(file.data()), qsizetype(file.size())));
        QVERIFY(!w.save(tmp.filePath("no/such/dir/x.evtx").toStdString(), error));
    }

    void refusedEvents() {
        EvtxWriter w;
        std::string error;
        auto t = smallTemplate();
        // A value over the 16-bit descriptor size.
        Event big = smallEvent(t, 1, 2);
        big.body.values[6] = Value::binary(std::vector<uint8_t>(70000, 1));
        QVERIFY(!w.add(big, error));
        QVERIFY(error.find("65535") != std::string::npos);
        // Fits a descriptor but not a chunk (several large values).
        Event huge = smallEvent(t, 1, 2);
        huge.body.values[5] = Value::binary(std::vector<uint8_t>(40000, 1));
        huge.body.values[6] = Value::binary(std::vector<uint8_t>(40000, 2));
        QVERIFY(!w.add(huge, error));
        // A substitution inside a plain (template-less) BinXML value.
        Event bad = smallEvent(t, 1, 2);
        bad.body.values[6] = Value::binXml(el("X", {}, {sub(0, vt::String)}));
        QVERIFY(!w.add(bad, error));
        // The writer is unchanged: the next event gets id 1 and reads back.
        QCOMPARE(*w.add(smallEvent(t, 9, 2), error), 1u);
        const auto file = w.bytes();
        QVERIFY(evtxtest::checkStructure(file).problems.empty());
        QCOMPARE(readBack(file, evtx::OutputFormat::Jsonl).records, 1u);
    }

    void demoLogMatchesGenerator() {
        std::string error;
        auto log = generateDemoLog(DemoOptions{2500, 1}, error);
        QVERIFY2(log, error.c_str());
        const auto s = evtxtest::checkStructure(log->file);
        QVERIFY2(s.problems.empty(), qPrintable(problems(s)));
        QCOMPARE(s.records, 2500u);
        QCOMPARE(s.templateDefinitions, log->stats.templateDefinitions);
        QVERIFY(log->stats.distinctTemplates >= 20);
        QCOMPARE(log->records.size(), size_t(2500));

        const Read one = readBack(log->file, evtx::OutputFormat::Jsonl, 1);
        const Read two = readBack(log->file, evtx::OutputFormat::Jsonl, 2);
        QVERIFY2(one.errors.empty(), one.errors.empty() ? "" : one.errors.front().c_str());
        QVERIFY(two.errors.empty());
        QCOMPARE(one.text, two.text);
        const QList<QByteArray> lines = one.text.split('\n');
        QCOMPARE(lines.size(), 2501); // the last is empty
        std::set<std::string> providers, channels, computers, levels;
        for (size_t i = 0; i < log->records.size(); ++i) {
            const DemoRecord& d = log->records[i];
            QCOMPARE(s.ids[i], d.id);
            QCOMPARE(d.id, uint64_t(i + 1));
            QCOMPARE(s.writtenTimes[i], d.writtenTime);
            if (i) QVERIFY(d.writtenTime > log->records[i - 1].writtenTime);
            if (i) QVERIFY(d.timeCreated > log->records[i - 1].timeCreated);

            QJsonParseError perr;
            const QJsonDocument doc = QJsonDocument::fromJson(lines[qsizetype(i)], &perr);
            QVERIFY2(perr.error == QJsonParseError::NoError, qPrintable(perr.errorString()));
            const QJsonObject sys = doc["Event"]["System"].toObject();
            QCOMPARE(sys["EventRecordID"].toInteger(), qint64(d.id));
            const QJsonValue eventId = sys["EventID"];
            QCOMPARE(eventId.isObject() ? eventId["#text"].toInt() : eventId.toInt(),
                     int(d.eventId));
            QCOMPARE(sys["Level"].toInt(), int(d.level));
            QCOMPARE(sys["Provider"]["#attributes"]["Name"].toString().toStdString(), d.provider);
            QCOMPARE(sys["Channel"].toString().toStdString(), d.channel);
            QCOMPARE(sys["Computer"].toString().toStdString(), d.computer);
            evtx::OutBuffer t;
            evtx::formatFileTime(t, d.timeCreated);
            QCOMPARE(sys["TimeCreated"]["#attributes"]["SystemTime"].toString().toStdString(),
                     std::string(t.view()));
            providers.insert(d.provider);
            channels.insert(d.channel);
            computers.insert(d.computer);
            levels.insert(std::to_string(d.level));
        }
        QVERIFY(providers.size() >= 10);
        QVERIFY(channels.size() >= 5);
        QVERIFY(computers.size() >= 3);
        QCOMPARE(levels.size(), size_t(6)); // 0 (LogAlways) and 1..5
    }

    void sampleIsUpToDate() {
        // The command documented in samples/README.md, run as written.
        QFile readme(EVTX_SOURCE_DIR "/samples/README.md");
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QRegularExpression re(
            "evtxgen -o samples/demo\\.evtx --records (\\d+) --seed (\\d+)");
        const auto m = re.match(QString::fromUtf8(readme.readAll()));
        QVERIFY2(m.hasMatch(), "samples/README.md names no evtxgen command");
        QTemporaryDir tmp;
        const QString out = tmp.filePath("demo.evtx");
        QProcess gen;
        gen.start(EVTXGEN_PATH,
                  {"-o", out, "--records", m.captured(1), "--seed", m.captured(2), "-q"});
        QVERIFY(gen.waitForFinished(60000));
        QCOMPARE(gen.exitCode(), 0);
        QFile fresh(out), committed(EVTX_SOURCE_DIR "/samples/demo.evtx");
        QVERIFY(fresh.open(QIODevice::ReadOnly));
        QVERIFY2(committed.open(QIODevice::ReadOnly), "samples/demo.evtx is missing");
        QVERIFY2(fresh.readAll() == committed.readAll(),
                 "samples/demo.evtx is stale: regenerate it with the command in samples/README.md");
        QVERIFY(committed.size() < 3 * 1024 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestWriter)
#include "tst_writer.moc"
