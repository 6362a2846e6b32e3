// Template compilation and rendering: one definition shared by records in
// two chunks is compiled once per file; normal and optional substitutions
// (empty ones), a nested BinXML value (type 0x21), entity and character
// references, CDATA and a processing instruction. Expected XML and JSON are
// written by hand from json-output.md / evtx-format.md and the shapes the
// golden files show (e.g. `<Data Name="X"></Data>` for an empty normal
// substitution, `"Security":null` for a dropped optional attribute).
#include "dump_to_memory.hpp"
#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/binxml/template_cache.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/format/chunk_reader.hpp"
#include "evtx_builder.hpp"

#include <QTest>

#include <map>
#include <tuple>
#include <vector>

using namespace evtxtest;

namespace {

using Guid = std::array<uint8_t, 16>;
const Guid kGuidA = {0xa1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
const Guid kGuidB = {0xb2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

constexpr std::u16string_view kNs = u"http://schemas.microsoft.com/win/2004/08/events/event";
const QByteArray kNsText = "http://schemas.microsoft.com/win/2004/08/events/event";
const QByteArray kXmlDecl = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

Val str(std::u16string_view s) {
    return Val{0x01, utf16(s)};
}
Val null() {
    return Val{0x00, {}};
}

QByteArray dump(const ByteVec& file, evtx::OutputFormat format, bool separate = false) {
    evtx::DumpOptions opt;
    opt.format = format;
    opt.render.separateJsonAttributes = separate;
    const DumpedText d = dumpToMemory(evtx::Bytes(file.data(), file.size()), opt);
    for (const evtx::DumpError& e : d.errors)
        qWarning("unexpected error: %s", e.toString().c_str());
    return d.errors.empty() ? d.text : QByteArray("errors reported");
}

// <NAME>{substitution 0, string}</NAME>
void oneValueTemplate(ChunkBuilder& b, std::u16string_view name) {
    b.fragmentHeader();
    b.open(name);
    b.closeStart();
    b.subst(0, 0x01);
    b.end();
    b.endFragment();
}

// An event with System fields and named EventData, mixing normal (EventID,
// Level, Data B) and optional (Computer, Security/@UserID, Data A)
// substitutions:
// <Event xmlns=NS><System><EventID>{0}</EventID><Level>{1}</Level>
//   <Computer>{2?}</Computer><Security UserID={3?}/></System>
//   <EventData><Data Name="A">{4?}</Data><Data Name="B">{5}</Data></EventData></Event>
void eventTemplate(ChunkBuilder& b) {
    b.fragmentHeader();
    b.open(u"Event", true);
    b.attr(u"xmlns");
    b.text(kNs);
    b.closeStart();
    b.open(u"System");
    b.closeStart();
    b.open(u"EventID");
    b.closeStart();
    b.subst(0, 0x06);
    b.end();
    b.open(u"Level");
    b.closeStart();
    b.subst(1, 0x04);
    b.end();
    b.open(u"Computer");
    b.closeStart();
    b.subst(2, 0x01, true);
    b.end();
    b.open(u"Security", true);
    b.attr(u"UserID");
    b.subst(3, 0x13, true);
    b.closeEmpty();
    b.end(); // System
    b.open(u"EventData");
    b.closeStart();
    for (auto [name, index, optional] :
         {std::tuple{u"A", uint16_t(4), true}, std::tuple{u"B", uint16_t(5), false}}) {
        b.open(u"Data", true);
        b.attr(u"Name");
        b.text(name);
        b.closeStart();
        b.subst(index, 0x01, optional);
        b.end();
    }
    b.end(); // EventData
    b.end(); // Event
    b.endFragment();
}

// S-1-5-18: revision 1, one sub-authority, authority 5, sub-authority 18.
const ByteVec kLocalSystem = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};

} // namespace

class TestTemplates : public QObject {
    Q_OBJECT

  private slots:
    void compiledOncePerFile() {
        // Chunk 0: template A inline (record 1), then referenced (record 2).
        ChunkBuilder b0;
        const uint32_t d0 =
            templateRecord(b0, 1, 0, kGuidA, [&] { oneValueTemplate(b0, u"T"); }, {str(u"a")});
        templateRecord(b0, 2, d0, kGuidA, {}, {str(u"b")});
        // Chunk 1: the same definition again, at the same chunk offset
        // (record 3); the same body under another GUID (4); GUID A with
        // another body (5).
        ChunkBuilder b1;
        const uint32_t d1 =
            templateRecord(b1, 3, 0, kGuidA, [&] { oneValueTemplate(b1, u"T"); }, {str(u"c")});
        templateRecord(b1, 4, 0, kGuidB, [&] { oneValueTemplate(b1, u"T"); }, {str(u"d")});
        templateRecord(b1, 5, 0, kGuidA, [&] { oneValueTemplate(b1, u"Other"); }, {str(u"e")});
        // Chunk 2: the same definition after another record, so at another
        // chunk offset (record 7).
        ChunkBuilder b2;
        simpleRecord(b2, 6, u"R", u"6");
        const uint32_t d2 =
            templateRecord(b2, 7, 0, kGuidA, [&] { oneValueTemplate(b2, u"T"); }, {str(u"f")});
        QCOMPARE(d1, d0);
        QVERIFY(d2 != d0);
        const std::vector<ByteVec> chunks = {b0.finish(1, 2), b1.finish(3, 5), b2.finish(6, 7)};

        evtx::TemplateCache cache;
        std::map<uint64_t, const evtx::Program*> programs; // by record id
        auto parse = [&](const ByteVec& c) {
            evtx::Bytes chunk(c.data(), c.size());
            evtx::ChunkReader reader(chunk, true);
            QVERIFY2(reader.ok(), reader.error().c_str());
            evtx::ChunkBinXml binxml(chunk, cache);
            evtx::RecordHeader rec;
            std::string err;
            evtx::RecordTree tree;
            while (reader.next(rec, err) == evtx::ChunkReader::Step::Record) {
                QCOMPARE(binxml.parseRecord(rec.binxmlBegin(), rec.binxmlEnd(), tree),
                         std::string());
                if (!tree.templates.empty()) programs[rec.id] = tree.templates[0].program;
            }
            QVERIFY(err.empty());
        };
        parse(chunks[0]);
        parse(chunks[1]);
        QCOMPARE(programs.size(), size_t(5));
        QCOMPARE(programs[2], programs[1]);  // same chunk, referenced
        QCOMPARE(programs[3], programs[1]);  // other chunk, same definition
        QVERIFY(programs[4] != programs[1]); // other GUID
        QVERIFY(programs[5] != programs[1]); // other content
        QCOMPARE(cache.size(), size_t(3));
        parse(chunks[2]);
        // The definition's bytes differ only in its inline names' offset
        // fields (they hold their own chunk offset), yet the cache keys on a
        // hash of the raw bytes (engine/src/binxml), so it is compiled again.
        QEXPECT_FAIL("",
                     "an identical definition at another chunk offset is compiled again "
                     "(engine/src/binxml keys on offset-dependent bytes)",
                     Continue);
        QCOMPARE(programs[7], programs[1]);
        QEXPECT_FAIL("", "same as above", Continue);
        QCOMPARE(cache.size(), size_t(3));

        const ByteVec f = makeFile(chunks);
        QCOMPARE(dump(f, evtx::OutputFormat::Jsonl),
                 QByteArray("{\"T\":\"a\"}\n{\"T\":\"b\"}\n{\"T\":\"c\"}\n{\"T\":\"d\"}\n"
                            "{\"Other\":\"e\"}\n{\"R\":\"6\"}\n{\"T\":\"f\"}\n"));
        QCOMPARE(dump(f, evtx::OutputFormat::Xml),
                 "Record 1\n" + kXmlDecl + "<T>a</T>\n\nRecord 2\n" + kXmlDecl +
                     "<T>b</T>\n\nRecord 3\n" + kXmlDecl + "<T>c</T>\n\nRecord 4\n" + kXmlDecl +
                     "<T>d</T>\n\nRecord 5\n" + kXmlDecl + "<Other>e</Other>\n\nRecord 6\n" +
                     kXmlDecl + "<R>6</R>\n\nRecord 7\n" + kXmlDecl + "<T>f</T>\n\n");
    }

    void substitutions() {
        ChunkBuilder b;
        // Every value present.
        const uint32_t def =
            templateRecord(b, 1, 0, kGuidA, [&] { eventTemplate(b); },
                           {Val{0x06, le(4624, 2)}, Val{0x04, le(4, 1)}, str(u"HOST"),
                            Val{0x13, kLocalSystem}, str(u"alpha"), str(u"beta")});
        // Empty values: NULL for all but Data B, an empty string. Empty
        // optional substitutions vanish (the element is left with no content,
        // the attribute is dropped); empty normal ones stay as an empty value.
        templateRecord(b, 2, def, kGuidA, {},
                       {Val{0x06, le(4625, 2)}, null(), null(), null(), null(), str(u"")});
        const ByteVec f = makeFile({b.finish(1, 2)});

        const QByteArray head = "<Event xmlns=\"" + kNsText + "\">\n  <System>\n";
        QCOMPARE(dump(f, evtx::OutputFormat::Xml), "Record 1\n" + kXmlDecl + head +
                                                       "    <EventID>4624</EventID>\n"
                                                       "    <Level>4</Level>\n"
                                                       "    <Computer>HOST</Computer>\n"
                                                       "    <Security UserID=\"S-1-5-18\">\n"
                                                       "    </Security>\n"
                                                       "  </System>\n"
                                                       "  <EventData>\n"
                                                       "    <Data Name=\"A\">alpha</Data>\n"
                                                       "    <Data Name=\"B\">beta</Data>\n"
                                                       "  </EventData>\n"
                                                       "</Event>\n\n"
                                                       "Record 2\n" +
                                                       kXmlDecl + head +
                                                       "    <EventID>4625</EventID>\n"
                                                       "    <Level></Level>\n"
                                                       "    <Computer>\n"
                                                       "    </Computer>\n"
                                                       "    <Security>\n"
                                                       "    </Security>\n"
                                                       "  </System>\n"
                                                       "  <EventData>\n"
                                                       "    <Data Name=\"A\">\n"
                                                       "    </Data>\n"
                                                       "    <Data Name=\"B\"></Data>\n"
                                                       "  </EventData>\n"
                                                       "</Event>\n\n");

        const QByteArray attrs = "{\"Event\":{\"#attributes\":{\"xmlns\":\"" + kNsText + "\"},";
        QCOMPARE(dump(f, evtx::OutputFormat::Jsonl),
                 attrs +
                     "\"System\":{\"EventID\":4624,\"Level\":4,\"Computer\":\"HOST\","
                     "\"Security\":{\"#attributes\":{\"UserID\":\"S-1-5-18\"}}},"
                     "\"EventData\":{\"A\":\"alpha\",\"B\":\"beta\"}}}\n" +
                     attrs +
                     "\"System\":{\"EventID\":4625,\"Level\":null,\"Computer\":null,"
                     "\"Security\":null},"
                     "\"EventData\":{\"A\":\"\",\"B\":\"\"}}}\n");

        // -o json: the same objects, each after a "Record N" line.
        QCOMPARE(dump(f, evtx::OutputFormat::Json).split('\n').at(2), QByteArray("Record 2"));

        // --separate-json-attributes: Security has only attributes, so only
        // Security_attributes appears for record 1.
        const QByteArray sep = "{\"Event_attributes\":{\"xmlns\":\"" + kNsText + "\"},\"Event\":{";
        QCOMPARE(dump(f, evtx::OutputFormat::Jsonl, true),
                 sep +
                     "\"System\":{\"EventID\":4624,\"Level\":4,\"Computer\":\"HOST\","
                     "\"Security_attributes\":{\"UserID\":\"S-1-5-18\"}},"
                     "\"EventData\":{\"A\":\"alpha\",\"B\":\"beta\"}}}\n" +
                     sep +
                     "\"System\":{\"EventID\":4625,\"Level\":null,\"Computer\":null,"
                     "\"Security\":null},"
                     "\"EventData\":{\"A\":\"\",\"B\":\"\"}}}\n");
    }

    void nestedBinXml() {
        // <Event><UserData>{0: BinXML}</UserData></Event>, the value being
        // <Log Name="n"><Item>v</Item></Log> (elements without dependency id).
        ChunkBuilder b;
        auto body = [&] {
            b.fragmentHeader();
            b.open(u"Event");
            b.closeStart();
            b.open(u"UserData");
            b.closeStart();
            b.subst(0, 0x21);
            b.end();
            b.end();
            b.endFragment();
        };
        auto nested = [&] {
            b.fragmentHeader();
            b.open(u"Log", true, false);
            b.attr(u"Name");
            b.text(u"n");
            b.closeStart();
            b.open(u"Item", false, false);
            b.closeStart();
            b.text(u"v");
            b.end();
            b.end();
            b.endFragment();
        };
        templateRecord(b, 7, 0, kGuidA, body, {Val{0x21, {}, nested}});
        const ByteVec f = makeFile({b.finish(7, 7)});
        QCOMPARE(dump(f, evtx::OutputFormat::Xml), "Record 7\n" + kXmlDecl +
                                                       "<Event>\n"
                                                       "  <UserData>\n"
                                                       "    <Log Name=\"n\">\n"
                                                       "      <Item>v</Item>\n"
                                                       "    </Log>\n"
                                                       "  </UserData>\n"
                                                       "</Event>\n\n");
        QCOMPARE(dump(f, evtx::OutputFormat::Jsonl),
                 QByteArray("{\"Event\":{\"UserData\":{\"Log\":{\"#attributes\":{\"Name\":\"n\"},"
                            "\"Item\":\"v\"}}}}\n"));
    }

    void referencesCdataAndPi() {
        // <Event><Msg>a&amp;b&lt;<![CDATA[x<y]]></Msg><Note><?app run?></Note></Event>
        ChunkBuilder b;
        auto body = [&] {
            b.fragmentHeader();
            b.open(u"Event");
            b.closeStart();
            b.open(u"Msg");
            b.closeStart();
            b.text(u"a");
            b.entityRef(u"amp");
            b.text(u"b");
            b.entityRef(u"lt");
            b.cdata(u"x<y");
            b.end();
            b.open(u"Note");
            b.closeStart();
            b.pi(u"app", u"run");
            b.end();
            b.end();
            b.endFragment();
        };
        templateRecord(b, 1, 0, kGuidA, body, {});
        const ByteVec f = makeFile({b.finish(1, 1)});
        // XML keeps references and CDATA as written.
        QCOMPARE(dump(f, evtx::OutputFormat::Xml), "Record 1\n" + kXmlDecl +
                                                       "<Event>\n"
                                                       "  <Msg>a&amp;b&lt;<![CDATA[x<y]]></Msg>\n"
                                                       "  <Note><?app run?></Note>\n"
                                                       "</Event>\n\n");
        // JSON holds the text they stand for; a PI is not text (Note: null).
        QCOMPARE(dump(f, evtx::OutputFormat::Jsonl),
                 QByteArray("{\"Event\":{\"Msg\":\"a&b<x<y\",\"Note\":null}}\n"));
    }

    void characterReferences() {
        // <Event><Ch>&#65;&#8364;</Ch></Event>: code points 65 ('A') and 8364 ('€').
        ChunkBuilder b;
        auto body = [&] {
            b.fragmentHeader();
            b.open(u"Event");
            b.closeStart();
            b.open(u"Ch");
            b.closeStart();
            b.charRef(65);
            b.charRef(8364);
            b.end();
            b.end();
            b.endFragment();
        };
        templateRecord(b, 1, 0, kGuidA, body, {});
        const ByteVec f = makeFile({b.finish(1, 1)});
        // XML: rendered &#N; (evtx-format.md).
        QCOMPARE(dump(f, evtx::OutputFormat::Xml),
                 "Record 1\n" + kXmlDecl + "<Event>\n  <Ch>&#65;&#8364;</Ch>\n</Event>\n\n");
        // JSON has no references: like the entity references above, the
        // characters themselves should appear. The renderer (engine/src/render,
        // not ours to change here) writes "&#65;&#8364;" literally.
        QEXPECT_FAIL("", "JSON keeps character references as &#N; (engine/src/render)", Continue);
        QCOMPARE(dump(f, evtx::OutputFormat::Jsonl),
                 QByteArray("{\"Event\":{\"Ch\":\"A\xE2\x82\xAC\"}}\n"));
    }
};

QTEST_GUILESS_MAIN(TestTemplates)
#include "tst_templates.moc"
