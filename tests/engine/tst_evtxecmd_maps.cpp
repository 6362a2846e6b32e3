// EvtxECmd maps read into the knowledge base: placeholders, the XPath
// subset, Refine rewritten for RE2, Lookups, what a bad map reports, which
// map wins; and the real maps (../shared/maps/evtxecmd) against the sample
// logs: every placeholder selects what its XPath selects in the record's
// own JSON rendering.
#include "evtx/format/input.hpp"
#include "evtx/index/index_builder.hpp"
#include "evtx/index/record_reader.hpp"
#include "evtx/knowledge/evtxecmd_maps.hpp"
#include "evtx/render/event_fields.hpp"
#include "evtx/text/out_buffer.hpp"
#include "golden_files.hpp"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <set>

using namespace evtx::knowledge;

namespace {

struct Compiled {
    bool ok = false;
    EventEntry entry;
    std::vector<LoadProblem> problems;
    QString problemText() const {
        QStringList l;
        for (const LoadProblem& p : problems)
            l << QString::fromStdString(p.reason);
        return l.join("\n");
    }
};

Compiled compile(const QString& yaml) {
    Compiled c;
    c.ok = compileEvtxecmdMap(yaml.toStdString(), "test.map", c.entry, c.problems);
    return c;
}

const QString kHeader = "Author: test\nDescription: A test event\nEventId: 4624\n"
                        "Channel: Security\nProvider: Microsoft-Windows-Security-Auditing\n";

// A map with one PayloadData1 entry: PropertyValue and its Values items
// (name, xpath, refine).
QString oneEntryMap(const QString& propertyValue, const QList<std::array<QString, 3>>& values,
                    const QString& extra = {}) {
    auto quoted = [](QString s) { return "'" + s.replace("'", "''") + "'"; };
    QString y = kHeader + "Maps:\n  -\n    Property: PayloadData1\n    PropertyValue: " +
                quoted(propertyValue) + "\n    Values:\n";
    for (const auto& v : values) {
        y += "      -\n        Name: " + v[0] + "\n        Value: " + quoted(v[1]) + "\n";
        if (!v[2].isEmpty()) y += "        Refine: " + quoted(v[2]) + "\n";
    }
    return y + extra;
}

const TextTemplate& payload1(const EventEntry& e) {
    return e.properties[size_t(MapProperty::PayloadData1)];
}

// A record's fields built by hand, as readEventFields gives them.
evtx::EventFields fieldsOf(const std::vector<evtx::EventField>& list) {
    evtx::EventFields f;
    f.fields = list;
    f.used = list.size();
    return f;
}

} // namespace

class EvtxecmdMapsTest : public QObject {
    Q_OBJECT

  private slots:
    void headerMakesTheEntry() {
        const Compiled c = compile(oneEntryMap("x", {{"a", "/Event/System/Computer", ""}}));
        QVERIFY2(c.ok, qPrintable(c.problemText()));
        QVERIFY2(c.problems.empty(), qPrintable(c.problemText()));
        QCOMPARE(c.entry.eventId, uint16_t(4624));
        QCOMPARE(c.entry.channel, std::string("Security"));
        QCOMPARE(c.entry.provider, std::string("Microsoft-Windows-Security-Auditing"));
        QCOMPARE(c.entry.title, std::string("A test event"));
        QCOMPARE(c.entry.source, std::string("test.map"));
        QCOMPARE(c.entry.version, -1);
    }

    void placeholders() {
        const Compiled c = compile(
            oneEntryMap("%domain%\\%user% (%missing%) 100% done",
                        {{"user", "/Event/EventData/Data[@Name=\"TargetUserName\"]", ""},
                         {"domain", "/Event/EventData/Data[@Name=\"TargetDomainName\"]", ""}}));
        QVERIFY(c.ok);
        const auto& p = payload1(c.entry).pieces;
        QCOMPARE(p.size(), size_t(3));
        QCOMPARE(p[0].literal, std::string());
        QCOMPARE(p[0].field.name, std::string("TargetDomainName"));
        QCOMPARE(p[1].literal, std::string("\\"));
        QCOMPARE(p[1].field.name, std::string("TargetUserName"));
        QCOMPARE(p[2].literal, std::string(" (%missing%) 100% done"));
        QVERIFY(!p[2].hasField);
        QCOMPARE(c.problems.size(), size_t(1));
        QVERIFY2(c.problemText().contains("%missing% has no Values item"),
                 qPrintable(c.problemText()));

        // Rendered on a record: literal text and the raw values.
        KnowledgeBase kb;
        const auto fields = fieldsOf({{"EventData/Data", "TargetUserName", "bob", 1},
                                      {"EventData/Data", "TargetDomainName", "CORP", 2}});
        QCOMPARE(renderTemplate(kb, &c.entry, payload1(c.entry), fields),
                 std::string("CORP\\bob (%missing%) 100% done"));
    }

    void xpathForms_data() {
        QTest::addColumn<QString>("xpath");
        QTest::addColumn<QString>("path"); // or "!reason" for a refused path
        QTest::addColumn<QString>("name");
        QTest::addColumn<unsigned>("position");
        auto ok = [](const char* row, const char* x, const char* p, const char* n, unsigned pos) {
            QTest::newRow(row) << x << p << n << pos;
        };
        ok("named data", "/Event/EventData/Data[@Name=\"X\"]", "EventData/Data", "X", 0);
        ok("single quotes", "/Event/EventData/Data[@Name='X']", "EventData/Data", "X", 0);
        ok("spaces", " /Event/EventData/Data[ @Name = \"X Y\" ] ", "EventData/Data", "X Y", 0);
        ok("first data", "/Event/EventData/Data", "EventData/Data", "", 0);
        ok("data 2", "/Event/EventData/Data[2]", "EventData/Data", "", 2);
        ok("eventdata child", "/Event/EventData/Name", "EventData/Name", "", 0);
        ok("userdata leaf", "/Event/UserData/EventXML/Param1", "UserData/EventXML/Param1", "", 0);
        ok("userdata deep", "/Event/UserData/RmApplicationEvent/Files/File",
           "UserData/RmApplicationEvent/Files/File", "", 0);
        ok("system", "/Event/System/Computer", "System/Computer", "", 0);
        ok("attribute", "/Event/System/Correlation/@ActivityID", "System/Correlation/@ActivityID",
           "", 0);
        ok("userdata named", "/Event/UserData[@Name=\"ServiceShutdown\"]", "UserData",
           "ServiceShutdown", 0);
        auto bad = [](const char* row, const char* x, const char* why) {
            QTest::newRow(row) << x << QString("!") + why << "" << 0u;
        };
        bad("not /Event", "/Other/EventData/Data", "does not start with /Event/");
        bad("relative", "EventData/Data", "does not start with /Event/");
        bad("descendant", "/Event//Data", "empty step");
        bad("function", "/Event/EventData/Data/text()", "functions");
        bad("count", "count(/Event/EventData/Data)", "does not start with /Event/");
        bad("other predicate", "/Event/EventData/Data[@Type=\"X\"]", "is not [@Name=");
        bad("position 0", "/Event/EventData/Data[0]", "number from 1");
        bad("inner predicate", "/Event/EventData/Data[1]/X", "inner step");
        bad("after attribute", "/Event/System/@A/B", "after an attribute");
        bad("wildcard", "/Event/EventData/*", "not an element name");
        bad("whole block", "/Event/EventData", "whole EventData");
        bad("unquoted", "/Event/EventData/Data[@Name=X]", "quoted");
        bad("name and position", "/Event/EventData/Data[@Name='X'][2]", "together");
    }
    void xpathForms() {
        QFETCH(QString, xpath);
        QFETCH(QString, path);
        QFETCH(QString, name);
        QFETCH(unsigned, position);
        const Compiled c = compile(oneEntryMap("v=%v%", {{"v", xpath, ""}}));
        QVERIFY(c.ok); // a bad XPath costs its value, not the map
        const auto& pieces = payload1(c.entry).pieces;
        if (path.startsWith('!')) {
            QCOMPARE(c.problems.size(), size_t(1));
            QVERIFY2(c.problemText().contains(path.mid(1)), qPrintable(c.problemText()));
            QVERIFY(c.problemText().contains("value 'v'"));
            QCOMPARE(pieces.size(), size_t(1)); // "v=" and nothing for %v%
            QVERIFY(!pieces[0].hasField);
            return;
        }
        QVERIFY2(c.problems.empty(), qPrintable(c.problemText()));
        QCOMPARE(pieces.size(), size_t(1));
        QVERIFY(pieces[0].hasField);
        QCOMPARE(QString::fromStdString(pieces[0].field.path), path);
        QCOMPARE(QString::fromStdString(pieces[0].field.name), name);
        QCOMPARE(pieces[0].field.position, position);
    }

    // .NET patterns as the maps write them -> RE2 text, and what the value
    // becomes (EvtxECmd keeps the whole match, which the rewritten
    // pattern's first group holds).
    void refine_data() {
        QTest::addColumn<QString>("dotnet");
        QTest::addColumn<QString>("re2"); // "!reason": refused
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("kept");
        auto row = [](const char* n, const char* d, const char* r, const char* v, const char* k) {
            QTest::newRow(n) << d << r << v << k;
        };
        row("lookbehind and ahead", "(?<=, )[^,\\d]+(?=,)", "(?i)(?:, )([^,\\d]+)(?:,)",
            "1, abc, 2", "abc");
        row("lookbehind only", "(?<=Sha256:).*", "(?i)(?:Sha256:)(.*)", "Md5:x Sha256:ABC", "ABC");
        row("lookahead only", "^.*(?=, )", "(?i)^(.*)(?:, )", "a, b, c", "a, b");
        row("caret and empty lookbehind", "^(?<=).*?(?=\\n)", "(?i)^(.*?)(?:\\n)", "one\ntwo",
            "one");
        row("lazy body", "(?<=User:).*?(?=\\n)", "(?i)(?:User:)(.*?)(?:\\n)", "User:bob\nType:x",
            "bob");
        row("group in lookbehind", "(?<=^([^ ]* ){2})[^ ]+", "(?i)(?:^(?:[^ ]* ){2})([^ ]+)",
            "a b c d", "c");
        row("group in lookahead", "^.[^,]*(?=(\\,))", "(?i)^(.[^,]*)(?:(?:\\,))", "ab,c", "ab");
        row("group in body", "(?<=\"u\":\")(.*?)(?=\")", "(?i)(?:\"u\":\")((?:.*?))(?:\")",
            "{\"u\":\"me\"}", "me");
        row("lookbehind alone", "(?<=Disabled)", "(?i)(?:Disabled)()", "x Disabled", "");
        row("plain", "[0-9a-z]{8}-[0-9a-z]{4}", "(?i)[0-9a-z]{8}-[0-9a-z]{4}", "id 1234ABCD-ef01",
            "1234ABCD-ef01");
        row("plain group: whole match", "%%(.{4})", "(?i)%%(?:.{4})", "x %%1842 y", "%%1842");
        row("named group", "HostName=(?<h>.+)", "(?i)HostName=(?:.+)", "HostName=PC",
            "HostName=PC");
        row("alternation in lookahead", "^(.*?)(?=,|$)", "(?i)^((?:.*?))(?:,|$)", "a,b", "a");
        row("no match: raw", "(?<=Q:).*", "(?i)(?:Q:)(.*)", "nothing here", "nothing here");
        row("inner lookahead", "a(?=b)c", "!lookaround inside", "", "");
        row("negative lookbehind", "(?<!x)y", "!lookaround inside", "", "");
        row("unbalanced", "(?<=-&gt;).*(?=))", "!unbalanced", "", "");
        row("backreference", "(a)\\1", "!backreference", "", "");
        row("bad for RE2", "a{2,1}", "!RE2 cannot compile", "", "");
    }
    void refine() {
        QFETCH(QString, dotnet);
        QFETCH(QString, re2);
        QFETCH(QString, value);
        QFETCH(QString, kept);
        const Compiled c = compile(oneEntryMap("%v%", {{"v", "/Event/EventData/Data", dotnet}}));
        QVERIFY(c.ok);
        const auto& pieces = payload1(c.entry).pieces;
        QCOMPARE(pieces.size(), size_t(1));
        QVERIFY(pieces[0].hasField); // a refused Refine leaves the value raw
        if (re2.startsWith('!')) {
            QVERIFY2(c.problemText().contains(re2.mid(1)), qPrintable(c.problemText()));
            QVERIFY(c.problemText().contains("the value is raw"));
            QVERIFY(pieces[0].format.refine.empty());
            return;
        }
        QVERIFY2(c.problems.empty(), qPrintable(c.problemText()));
        QCOMPARE(QString::fromStdString(pieces[0].format.refine), re2);
        KnowledgeBase kb;
        const auto fields = fieldsOf({{"EventData/Data", "Data[1]", value.toStdString(), 1}});
        QCOMPARE(QString::fromStdString(renderTemplate(kb, &c.entry, payload1(c.entry), fields)),
                 kept);
    }

    void lookups() {
        const QString lookups =
            "Lookups:\n  -\n    Name: WAKESOURCETYPE\n    Default: Unknown code\n"
            "    Values:\n        0: Unknown\n        1: Power button\n";
        const Compiled c = compile(
            oneEntryMap("Wake source \"%WakeSourceType%\" (%raw%)",
                        {{"WakeSourceType", "/Event/EventData/Data[@Name=\"WakeSourceType\"]", ""},
                         {"raw", "/Event/EventData/Data[@Name=\"WakeSourceType\"]", ""}},
                        lookups));
        QVERIFY2(c.ok && c.problems.empty(), qPrintable(c.problemText()));
        const auto& p = payload1(c.entry).pieces;
        QVERIFY(p[0].format.lookup); // the Lookup's name matches ignoring case
        QCOMPARE(p[0].format.show, FieldFormat::Show::Meaning);
        QCOMPARE(p[0].format.lookupDefault, std::string("Unknown code"));
        QVERIFY(!p[1].format.lookup);
        KnowledgeBase kb;
        auto render = [&](const char* v) {
            return renderTemplate(kb, &c.entry, payload1(c.entry),
                                  fieldsOf({{"EventData/Data", "WakeSourceType", v, 1}}));
        };
        QCOMPARE(render("1"), std::string("Wake source \"Power button\" (1)"));
        // A value the table lacks: "Default (raw)", as EvtxECmd writes it.
        QCOMPARE(render("7"), std::string("Wake source \"Unknown code (7)\" (7)"));
    }

    void badMaps_data() {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("reason");
        const QString maps = "Maps:\n  -\n    Property: UserName\n    PropertyValue: \"%u%\"\n"
                             "    Values:\n      -\n        Name: u\n        Value: \"/Event/"
                             "System/Computer\"\n";
        QTest::newRow("bad yaml") << "EventId: [1\nMaps: {"
                                  << "not loaded: bad YAML";
        QTest::newRow("not a mapping") << "- a\n- b\n"
                                       << "not loaded: not a YAML mapping";
        QTest::newRow("no EventId")
            << "Channel: Security\nProvider: P\n" + maps << "not loaded: no EventId";
        QTest::newRow("EventId text")
            << "EventId: abc\nChannel: S\nProvider: P\n" + maps << "not loaded: EventId 'abc'";
        QTest::newRow("EventId too big")
            << "EventId: 70000\nChannel: S\nProvider: P\n" + maps << "not loaded: EventId '70000'";
        QTest::newRow("no Provider")
            << "EventId: 1\nChannel: Security\n" + maps << "not loaded: no Provider";
        QTest::newRow("no Channel")
            << "EventId: 1\nProvider: P\n" + maps << "not loaded: no Channel";
        QTest::newRow("no Maps") << kHeader << "not loaded: no Maps entries";
    }
    void badMaps() {
        QFETCH(QString, yaml);
        QFETCH(QString, reason);
        const Compiled c = compile(yaml);
        QVERIFY(!c.ok);
        QVERIFY2(c.problemText().startsWith(reason), qPrintable(c.problemText()));
        QCOMPARE(c.problems.front().source, std::string("test.map"));
    }

    // Problems in one entry cost that entry; the map still loads.
    void badEntries() {
        const QString y =
            kHeader +
            "Maps:\n"
            "  -\n    Property: Nonsense\n    PropertyValue: x\n"
            "    Values:\n      -\n        Name: a\n        Value: /Event/System/Computer\n"
            "  -\n    Property: payloaddata2\n    PropertyValue: \"%a%\"\n"
            "    Values:\n      -\n        Name: a\n        Value: /Event/System/Computer\n"
            "  -\n    Property: PayloadData3\n    PropertyValue: x\n"
            "Extra: 1\n";
        const Compiled c = compile(y);
        QVERIFY(c.ok);
        const QString text = c.problemText();
        QVERIFY2(text.contains("unknown Property 'Nonsense'"), qPrintable(text));
        QVERIFY2(text.contains("PayloadData3: no PropertyValue or no Values"), qPrintable(text));
        QVERIFY2(text.contains("unknown key 'Extra'"), qPrintable(text));
        QCOMPARE(c.problems.size(), size_t(3));
        // Property names match ignoring case, as in EvtxECmd.
        QCOMPARE(c.entry.properties[size_t(MapProperty::PayloadData2)].pieces.size(), size_t(1));
    }

    // In a folder the first map (by name) of an event wins, as in EvtxECmd
    // ("1_" copies override); maps replace what the knowledge base had.
    void whichMapWins() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&](const QString& rel, const QString& title) {
            QDir().mkpath(QFileInfo(dir.filePath(rel)).path());
            QFile f(dir.filePath(rel));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QString y = oneEntryMap("%a%", {{"a", "/Event/System/Computer", ""}});
            f.write(y.replace("A test event", title).toUtf8());
        };
        write("sub/Security_4624.map", "stock");
        write("1_Security_4624.map", "mine");
        write("notes.txt", "ignored");
        KnowledgeBase kb;
        EventEntry builtIn;
        builtIn.provider = "Microsoft-Windows-Security-Auditing";
        builtIn.eventId = 4624;
        builtIn.title = "built-in";
        kb.addEntry(builtIn);
        const MapLoadResult r = loadEvtxecmdMaps(kb, dir.path().toStdString());
        QCOMPARE(r.loaded, size_t(1));
        QCOMPARE(r.problems.size(), size_t(1));
        QVERIFY(QString::fromStdString(r.problems[0].source).endsWith("sub/Security_4624.map"));
        QVERIFY(QString::fromStdString(r.problems[0].reason).contains("1_Security_4624.map"));
        const EventEntry* e = kb.find("Microsoft-Windows-Security-Auditing", "Security", 4624, 2);
        QVERIFY(e);
        QCOMPARE(e->title, std::string("mine"));
        // A later load replaces it again; one file works like a folder.
        write("other/x.map", "later");
        const MapLoadResult one = loadEvtxecmdMaps(kb, dir.filePath("other/x.map").toStdString());
        QCOMPARE(one.loaded, size_t(1));
        QCOMPARE(kb.find("Microsoft-Windows-Security-Auditing", "Security", 4624, 2)->title,
                 std::string("later"));
        const MapLoadResult none = loadEvtxecmdMaps(kb, dir.filePath("absent").toStdString());
        QCOMPARE(none.loaded, size_t(0));
        QVERIFY(QString::fromStdString(none.problems.at(0).reason).contains("not found"));
    }

    void corpusLoads();
    void corpusPlaceholdersSelectWhatTheXPathSelects();
};

namespace {

QString mapsDir() {
    return sharedDir() + "/maps/evtxecmd";
}

// Every problem, then how many of each kind (the map's own names, XPaths
// and patterns masked).
void printProblemSummary(const std::vector<LoadProblem>& problems) {
    std::map<QString, int> byKind;
    static const QRegularExpression masks[] = {
        QRegularExpression("^\\w+: value '[^']*': "), QRegularExpression("XPath .* not supported"),
        QRegularExpression("Refine .* not converted"), QRegularExpression("'[^']*'|%[^%]*%")};
    for (const LoadProblem& p : problems) {
        QString kind = QString::fromStdString(p.reason);
        qInfo().noquote() << QFileInfo(QString::fromStdString(p.source)).fileName() << ":" << kind;
        kind.replace(masks[0], "").replace(masks[3], "…");
        kind.replace(masks[1], "XPath not supported").replace(masks[2], "Refine not converted");
        ++byKind[kind];
    }
    for (const auto& [kind, n] : byKind)
        qInfo().noquote() << n << "x" << kind;
}

} // namespace

void EvtxecmdMapsTest::corpusLoads() {
    SKIP_WITHOUT_SHARED();
    const QStringList files = QDir(mapsDir()).entryList({"*.map"}, QDir::Files, QDir::Name);
    QVERIFY(files.size() > 400);
    KnowledgeBase kb;
    const MapLoadResult r = loadEvtxecmdMaps(kb, mapsDir().toStdString());
    printProblemSummary(r.problems);
    // No silent drops: every file is loaded or refused with a reason.
    std::set<std::string> refused;
    for (const LoadProblem& p : r.problems)
        if (p.reason.starts_with("not loaded:")) refused.insert(p.source);
    qInfo("%lld maps: %zu loaded, %zu refused, %zu problems in all", qlonglong(files.size()),
          r.loaded, refused.size(), r.problems.size());
    QCOMPARE(qsizetype(r.loaded + refused.size()), files.size());
    QCOMPARE(kb.entryCount(), r.loaded);
    QVERIFY(r.loaded >= size_t(files.size()) - 5);
}

namespace {

// The text of a JSON value as the record holds it.
QString jsonText(const QJsonValue& v) {
    if (v.isObject()) return jsonText(v.toObject().value("#text"));
    if (v.isArray()) return jsonText(v.toArray().at(0));
    if (v.isBool()) return v.toBool() ? "true" : "false";
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d, 'g', 17);
    }
    return v.toString(); // null and undefined: ""
}

// What the XPath of `s` selects in the record's JSON (evtxdump's shape:
// named <Data> as keys of EventData, unnamed ones as a "#text" list,
// attributes under "#attributes").
QString selectInJson(const QJsonObject& event, const FieldSelector& s, bool& comparable) {
    comparable = true;
    const QStringList steps = QString::fromStdString(s.path).split('/');
    QJsonValue at = event;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const bool last = i + 1 == steps.size();
        const QString& step = steps[i];
        if (step.startsWith('@'))
            return jsonText(at.toObject()["#attributes"].toObject()[step.mid(1)]);
        if (last && step == "Data" && steps.size() == 2 && steps[0] == "EventData") {
            const QJsonObject data = at.toObject();
            if (!s.name.empty()) return jsonText(data[QString::fromStdString(s.name)]);
            const QJsonValue unnamed = data["Data"].toObject()["#text"];
            const int n = int(s.position ? s.position : 1) - 1;
            if (unnamed.isArray()) return jsonText(unnamed.toArray().at(n));
            if (n == 0 && !unnamed.isUndefined()) return jsonText(unnamed);
            // Only named Data: XPath's Data[N] is the Nth of them, but
            // QJsonObject keeps no document order.
            comparable = data.isEmpty();
            return {};
        }
        at = at.toObject()[step];
        if (at.isArray()) at = at.toArray().at(int(s.position ? s.position : 1) - 1);
        if (last && !s.name.empty())
            return at.toObject()["#attributes"].toObject()["Name"].toString() ==
                           QString::fromStdString(s.name)
                       ? jsonText(at)
                       : QString();
    }
    return jsonText(at);
}

struct Sample {
    std::unique_ptr<evtx::Input> input;
    std::unique_ptr<evtx::TemplateCache> cache = std::make_unique<evtx::TemplateCache>();
    evtx::RecordIndex index;
};

Sample indexSample(const QString& path) {
    Sample s;
    std::string error;
    s.input = evtx::Input::openFile(path.toStdString(), error);
    if (!s.input) qFatal("cannot open %s: %s", qPrintable(path), error.c_str());
    evtx::IndexBuilder builder(s.input->bytes(), *s.cache, {},
                               [&](evtx::IndexBatch&& b) { s.index.append(b); });
    builder.runHere();
    return s;
}

QJsonObject jsonEvent(evtx::RecordReader& reader) {
    evtx::OutBuffer out;
    reader.appendJson(out);
    const QByteArray json(out.data(), qsizetype(out.size()));
    return QJsonDocument::fromJson(json).object()["Event"].toObject();
}

// Tallies of the corpus comparison.
struct Comparison {
    std::map<std::string, int> recordsPerMap;
    size_t values = 0, notComparable = 0, properties = 0;
    QStringList mismatches;
    void mismatch(const QString& what) {
        if (mismatches.size() < 40)
            mismatches << what;
        else if (mismatches.size() == 40)
            mismatches << "...";
    }
};

// Each placeholder's value against its XPath in the JSON; each property
// without Refine or Lookup against the text its pieces make.
void compareRecord(const KnowledgeBase& kb, const EventEntry& e, const evtx::EventFields& fields,
                   const QJsonObject& event, const QString& where, Comparison& c) {
    const EventDescription d = describe(kb, fields);
    for (size_t p = 0; p < e.properties.size(); ++p) {
        QString expectedText;
        bool plain = !e.properties[p].empty();
        for (const TextTemplate::Piece& piece : e.properties[p].pieces) {
            expectedText += QString::fromStdString(piece.literal);
            if (!piece.hasField) continue;
            const evtx::EventField* f =
                fields.at(piece.field.path, piece.field.name, piece.field.position);
            const QString ours = f ? QString::fromStdString(f->value) : QString();
            bool comparable = false;
            const QString expected = selectInJson(event, piece.field, comparable);
            if (!comparable) {
                ++c.notComparable;
                plain = false;
                continue;
            }
            ++c.values;
            expectedText += expected;
            plain = plain && piece.format.refine.empty() && !piece.format.lookup;
            if (ours != expected)
                c.mismatch(where + " " + QString::fromStdString(piece.field.path) + "[" +
                           QString::fromStdString(piece.field.name) + "]: ours '" + ours +
                           "', JSON '" + expected + "'");
        }
        if (!plain) continue;
        ++c.properties;
        if (QString::fromStdString(d.properties[p]) != expectedText)
            c.mismatch(where + " property " + QString::number(p) + ": describe '" +
                       QString::fromStdString(d.properties[p]) + "', expected '" + expectedText +
                       "'");
    }
}

} // namespace

void EvtxecmdMapsTest::corpusPlaceholdersSelectWhatTheXPathSelects() {
    SKIP_WITHOUT_SHARED();
    KnowledgeBase kb;
    loadEvtxecmdMaps(kb, mapsDir().toStdString());
    Comparison c;
    const QFileInfoList samples =
        QDir(sharedDir() + "/evtx-samples").entryInfoList({"*.evtx"}, QDir::Files, QDir::Name);
    evtx::EventFields fields;
    for (const QFileInfo& fi : samples) {
        Sample s = indexSample(fi.filePath());
        evtx::RecordReader reader(s.input->bytes(), *s.cache);
        const evtx::IndexColumns& cols = s.index.columns();
        for (size_t i = 0; i < s.index.size(); ++i) {
            std::string error;
            if (!reader.load(cols.chunk(i), cols.chunkOffset(i), error)) continue;
            evtx::readEventFields(reader.tree(), fields);
            const evtx::SystemFields& sys = fields.system;
            const EventEntry* e = kb.find(sys.provider, sys.channel, sys.eventId, -1);
            if (!e) continue;
            ++c.recordsPerMap[e->source];
            const QString where = fi.fileName() + " record " + QString::number(reader.recordId());
            compareRecord(kb, *e, fields, jsonEvent(reader), where, c);
        }
    }
    size_t records = 0;
    for (const auto& [map, n] : c.recordsPerMap) {
        records += size_t(n);
        qInfo().noquote() << n << "records:" << QFileInfo(QString::fromStdString(map)).fileName();
    }
    qInfo("%zu records of %zu maps; %zu values compared (%zu not comparable), %zu whole "
          "properties compared",
          records, c.recordsPerMap.size(), c.values, c.notComparable, c.properties);
    QVERIFY2(c.mismatches.isEmpty(), qPrintable(c.mismatches.join('\n')));
    QVERIFY(records >= 300);
    QVERIFY(c.recordsPerMap.size() >= 5);
}

QTEST_MAIN(EvtxecmdMapsTest)
#include "tst_evtxecmd_maps.moc"
