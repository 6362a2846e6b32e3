// The query language: parsing (canonical trees, exact error positions),
// Event Viewer XPath and QueryList XML compiled to the same trees as the
// filter language, and evaluation over indexed samples with counts taken
// independently from the golden JSONL (parsed with QJsonDocument).
#include "evtx/format/input.hpp"
#include "evtx/index/index_builder.hpp"
#include "evtx/query/index_filter.hpp"
#include "evtx/query/query.hpp"
#include "evtx/render/system_fields.hpp"
#include "evtx_builder.hpp"
#include "record_walk.hpp"
#include "shared_dir.hpp"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

namespace {

// 2016-07-08T18:12:51Z as FILETIME ticks, "now" for relative times.
constexpr uint64_t kNow = (1468001571ull + 11644473600ull) * 10000000ull;

evtx::QueryOptions fixedNow() {
    evtx::QueryOptions o;
    o.now = kNow;
    return o;
}

QString canonical(const std::string& filter) {
    evtx::QueryError error;
    auto q = evtx::Query::parse(filter, error, fixedNow());
    if (!q) return "error " + QString::fromStdString(error.toString());
    return QString::fromStdString(q->toString());
}

QString canonicalXPath(const std::string& xpath) {
    evtx::QueryError error;
    auto q = evtx::Query::parseXPath(xpath, error, fixedNow());
    if (!q) return "error " + QString::fromStdString(error.toString());
    return QString::fromStdString(q->toString());
}

struct Indexed {
    std::unique_ptr<evtx::Input> input;
    std::unique_ptr<evtx::TemplateCache> cache = std::make_unique<evtx::TemplateCache>();
    evtx::RecordIndex index;

    evtx::IndexFilterRequest request() const {
        evtx::IndexFilterRequest r;
        r.file = input->bytes();
        r.cache = cache.get();
        r.index = &index;
        return r;
    }
};

std::unique_ptr<Indexed> indexInput(std::unique_ptr<evtx::Input> input, bool recover = false) {
    auto r = std::make_unique<Indexed>();
    r->input = std::move(input);
    evtx::IndexOptions options;
    options.recover = recover;
    evtx::IndexBuilder builder(r->input->bytes(), *r->cache, options,
                               [&](evtx::IndexBatch&& b) { r->index.append(b); });
    builder.runHere();
    return r;
}

std::unique_ptr<Indexed> indexSample(const QString& name, bool recover = false) {
    std::string error;
    const QString path = sharedDir() + "/evtx-samples/" + name + ".evtx";
    auto input = evtx::Input::openFile(path.toStdString(), error);
    if (!input) qFatal("cannot open %s: %s", qPrintable(path), error.c_str());
    return indexInput(std::move(input), recover);
}

// One <Data> of a built record: unnamed when `name` is empty.
struct DataItem {
    std::u16string name, value;
};

// <Event><EventData><Data>..</Data>..</EventData></Event>, names inline, no
// template: the shape of classic events (Application Error, EventLog 6008).
void classicRecord(evtxtest::ChunkBuilder& b, uint64_t id, const std::vector<DataItem>& items) {
    const size_t r = b.beginRecord(id);
    b.fragmentHeader();
    b.open(u"Event", false, false);
    b.closeStart();
    b.open(u"EventData", false, false);
    b.closeStart();
    for (const DataItem& item : items) {
        b.open(u"Data", !item.name.empty(), false);
        if (!item.name.empty()) {
            b.attr(u"Name");
            b.text(item.name);
        }
        b.closeStart();
        b.text(item.value);
        b.end();
    }
    b.end();
    b.end();
    b.endFragment();
    b.endRecord(r);
}

// <Event><UserData><EventXML><Param1>value</Param1></EventXML></UserData></Event>.
void userDataRecord(evtxtest::ChunkBuilder& b, uint64_t id, std::u16string_view value) {
    const size_t r = b.beginRecord(id);
    b.fragmentHeader();
    for (const char16_t* name : {u"Event", u"UserData", u"EventXML", u"Param1"}) {
        b.open(name, false, false);
        b.closeStart();
    }
    b.text(value);
    for (int i = 0; i < 4; ++i)
        b.end();
    b.endFragment();
    b.endRecord(r);
}

// Records 1..5: unnamed values, a named one among them, UserData.
evtxtest::ByteVec classicLog() {
    evtxtest::ChunkBuilder b;
    classicRecord(b, 1, {{u"", u"a"}, {u"", u"v2"}, {u"", u"c"}});
    classicRecord(b, 2, {{u"", u"v2"}, {u"", u"x"}});
    classicRecord(b, 3, {{u"User", u"v2"}, {u"", u"q"}, {u"", u"v2"}});
    userDataRecord(b, 4, u"v2");
    classicRecord(b, 5, {{u"", u"V2"}});
    return evtxtest::makeFile({b.finish(1, 5)});
}

// The unnamed <Data> values of a golden event, in order: the JSON folds them
// into EventData.Data's #text (one value or an array).
QStringList unnamedDataOf(const QJsonObject& event) {
    const QJsonValue text =
        event.value("EventData").toObject().value("Data").toObject().value("#text");
    if (text.isUndefined()) return {};
    const QJsonArray values = text.isArray() ? text.toArray() : QJsonArray{text};
    QStringList out;
    for (const QJsonValue& v : values)
        out << (v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString());
    return out;
}

// A filter literal: "text" with quotes and backslashes escaped.
std::string filterText(const QString& value) {
    QString v = value;
    v.replace("\\", "\\\\").replace("\"", "\\\"");
    return ("\"" + v + "\"").toStdString();
}

QList<QByteArray> goldenLines(const QString& name) {
    QFile f(sharedDir() + "/golden/" + name + ".jsonl");
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read golden %s", qPrintable(name));
    QList<QByteArray> lines = f.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
    return lines;
}

QJsonObject eventOf(const QByteArray& line) {
    return QJsonDocument::fromJson(line).object().value("Event").toObject();
}

QJsonValue textOf(const QJsonValue& v) {
    return v.isObject() ? v.toObject().value("#text") : v;
}

QJsonObject systemOf(const QJsonObject& event) {
    return event.value("System").toObject();
}

int eventIdOf(const QJsonObject& event) {
    return textOf(systemOf(event).value("EventID")).toInt();
}

QString scalarText(const QJsonValue& v) {
    if (v.isString()) return v.toString();
    if (v.isDouble()) return QString::number(qint64(v.toDouble()));
    if (v.isBool()) return v.toBool() ? "true" : "false";
    return {};
}

QDateTime systemTimeOf(const QJsonObject& event) {
    const QString t = systemOf(event)
                          .value("TimeCreated")
                          .toObject()
                          .value("#attributes")
                          .toObject()
                          .value("SystemTime")
                          .toString();
    return QDateTime::fromString(t, Qt::ISODateWithMs);
}

using GoldenPredicate = std::function<bool(const QJsonObject& event, const QByteArray& line)>;

int goldenCount(const QString& sample, const GoldenPredicate& keep) {
    int n = 0;
    for (const QByteArray& line : goldenLines(sample))
        if (keep(eventOf(line), line)) ++n;
    return n;
}

// Golden record ids (EventRecordID) that the predicate keeps.
QList<quint64> goldenIds(const QString& sample, const GoldenPredicate& keep) {
    QList<quint64> ids;
    for (const QByteArray& line : goldenLines(sample)) {
        const QJsonObject e = eventOf(line);
        if (keep(e, line)) ids << quint64(systemOf(e).value("EventRecordID").toDouble());
    }
    return ids;
}

QList<quint64> selectedIds(const Indexed& x, const evtx::Query& q) {
    auto result = evtx::filterIndex(q, x.request());
    QList<quint64> ids;
    for (uint32_t row : result.rows)
        ids << x.index.columns().recordId(row);
    return ids;
}

QList<quint64> filteredIds(const Indexed& x, const std::string& filter) {
    evtx::QueryError error;
    auto q = evtx::Query::parse(filter, error, fixedNow());
    if (!q) qFatal("bad filter %s: %s", filter.c_str(), error.toString().c_str());
    return selectedIds(x, *q);
}

// Each record's EventData / UserData names as extractEventData and as
// readEventFields give them (the two must agree).
std::pair<QList<QStringList>, QList<QStringList>> dataNames(evtx::Bytes file) {
    QList<QStringList> extracted, read;
    visitRecords(file, [&](const evtx::EventFields& fields, const evtx::RecordTree& tree) {
        QStringList a, b;
        for (const auto& [name, value] : evtx::extractEventData(tree))
            a << QString::fromStdString(name);
        for (const evtx::EventField& f : fields)
            if (f.isData()) b << QString::fromStdString(f.name);
        extracted << a;
        read << b;
    });
    return {extracted, read};
}

} // namespace

Q_DECLARE_METATYPE(GoldenPredicate)

class TestQuery : public QObject {
    Q_OBJECT

  private slots:
    void parsesFilters_data() {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("tree");
        auto row = [](const char* f, const char* t) {
            QTest::newRow(f) << QString(f) << QString(t);
        };
        row("", "true");
        row("EventID == 4624", "EventID == 4624");
        row("eventid=4624", "EventID == 4624");
        row("EventID != 4624", "EventID != 4624");
        row("Level <= 3 and Level > 0", "(Level <= 3 and Level > 0)");
        row("Level == \"Error\"", "Level == 2");
        row("EventID in (4624, 4625)", "EventID in (4624, 4625)");
        row("EventID in (4624..4634, 4672)", "EventID in (4624..4634, 4672)");
        row("EventID not in (1)", "not EventID in (1)");
        row("Keywords == 0x8020000000000000", "Keywords == 9232379236109516800");
        row("Provider == 'Microsoft-Windows-Security-Auditing'",
            "Provider == \"Microsoft-Windows-Security-Auditing\"");
        row("Computer contains \"WIN-\"", "Computer contains \"WIN-\"");
        row("Channel ~ \"^sec\"", "Channel ~ \"^sec\"");
        row("Channel not contains \"x\"", "not Channel contains \"x\"");
        row("Data.TargetUserName == \"SYSTEM\"", "Data.\"TargetUserName\" == \"SYSTEM\"");
        row("Data.\"Logon Type\" == 5", "Data.\"Logon Type\" == 5");
        row("Data.LogonType", "exists Data.\"LogonType\"");
        row("Data == \"x\"", "Data == \"x\"");
        row("Data[2] == \"x\"", "Data[2] == \"x\"");
        row("data.data[2] == 'x'", "Data[2] == \"x\"");
        row("Data[1]", "exists Data[1]");
        row("Data[02] in (1, 2)", "Data[2] in (1, 2)");
        row("Data.\"Data[3]\" != 1", "Data[3] != 1");
        row("Data.Data == \"x\"", "Data.\"Data\" == \"x\"");
        row("\"lsass.exe\"", "* contains \"lsass.exe\"");
        row("contains \"C:\\Windows\"", "* contains \"C:\\\\Windows\"");
        row("~ \"\\d{4}\"", "* ~ \"\\\\d{4}\"");
        row("'it\\'s'", "* contains \"it's\"");
        row("a == 1 or b == 2", "error at 0: unknown field 'a': expected EventID, Level, Provider, "
                                "Channel, Computer, Task, Opcode, Keywords, RecordID, TimeCreated, "
                                "UserID, ProcessID, ThreadID, Recovered or Data.NAME");
        // Records found by recovery (IndexOptions::recover).
        row("Recovered", "Recovered != 0");
        row("recovered == true", "Recovered == 1");
        row("Recovered == false and EventID == 1", "(Recovered == 0 and EventID == 1)");
        row("not Recovered", "not Recovered != 0");
        row("Recovered != 0 or Recovered", "(Recovered != 0 or Recovered != 0)");
        row("not (Level == 4 || Level == 0) && !(EventID == 1)",
            "(not (Level == 4 or Level == 0) and not EventID == 1)");
        row("EventID == 1 and Level == 2 and Task == 3",
            "(EventID == 1 and Level == 2 and Task == 3)");
        row("(EventID == 1 or (EventID == 2 or EventID == 3))",
            "(EventID == 1 or EventID == 2 or EventID == 3)");
        row("band(Keywords, 0x10)", "band(Keywords, 0x10) != 0");
        row("band(Keywords, 0x10) == 0", "band(Keywords, 0x10) == 0");
        // 2016-07-08T18:12:51Z is 131124751710000000 ticks.
        row("TimeCreated >= \"2016-07-08T18:12:51Z\"", "TimeCreated >= 131124751710000000");
        row("TimeCreated >= \"2016-07-08 20:12:51.5+02:00\"", "TimeCreated >= 131124751715000000");
        row("TimeCreated < \"2016-07-09\"", "TimeCreated < 131124960000000000");
        row("TimeCreated > now - 24h", "TimeCreated > 131123887710000000");
        row("TimeCreated > now - 90m", "TimeCreated > 131124697710000000");
        row("TimeCreated <= now", "TimeCreated <= 131124751710000000");
        row("TimeCreated in (\"2016-07-08\"..\"2016-07-09\")",
            "TimeCreated in (131124096000000000..131124960000000000)");
        row("RecordID >= 10 and ProcessID == 4 and ThreadID != 8 and Opcode == 0 and UserID == "
            "\"S-1-5-18\"",
            "(RecordID >= 10 and ProcessID == 4 and ThreadID != 8 and Opcode == 0 and UserID == "
            "\"S-1-5-18\")");
    }
    void parsesFilters() {
        QFETCH(QString, filter);
        QFETCH(QString, tree);
        QCOMPARE(canonical(filter.toStdString()), tree);
    }

    void reportsErrorPositions_data() {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("message");
        auto row = [](const char* f, int p, const char* m) {
            QTest::newRow(f) << QString(f) << p << QString(m);
        };
        row("EventID ==", 10,
            "expected a value (a number, quoted text or now - 24h), found the "
            "end of the query");
        row("EventID == and", 11,
            "expected a value (a number, quoted text or now - 24h), found "
            "'and'");
        row("EventID = 4624 and", 18,
            "expected a field name, quoted text, 'not' or '(', found the "
            "end of the query");
        row("EventID 4624", 8,
            "expected an operator after EventID (==, !=, <, <=, >, >=, in, "
            "contains or ~), found '4624'");
        row("Foo == 1", 0,
            "unknown field 'Foo': expected EventID, Level, Provider, Channel, "
            "Computer, Task, Opcode, Keywords, RecordID, TimeCreated, UserID, "
            "ProcessID, ThreadID, Recovered or Data.NAME");
        row("Recovered == maybe", 13,
            "expected a value (a number, quoted text or now - 24h), found 'maybe'");
        row("EventID == true", 11,
            "expected a value (a number, quoted text or now - 24h), found 'true'");
        row("(EventID == 1", 13, "expected ')' to close the '(' at 0");
        row("EventID == 1)", 12, "unmatched ')'");
        row("EventID == 1 Level == 2", 13,
            "expected 'and', 'or' or the end of the query, found "
            "'Level'");
        row("EventID == \"abc\"", 11, "expected a number for EventID");
        row("Level == \"Loud\"", 9,
            "expected a number for Level (or Critical, Error, Warning, "
            "Information, Verbose)");
        row("TimeCreated > \"yesterday\"", 14,
            "expected a time for TimeCreated (ISO 8601 such as \"2016-07-08T18:12:51Z\", or now - "
            "24h)");
        row("TimeCreated > now - 24", 20, "expected a duration such as 24h (units s, m, h, d)");
        row("TimeCreated > now - 24x", 22, "expected a digit or a duration unit (s, m, h, d)");
        row("EventID == now", 11, "'now' is a time: only TimeCreated compares with it");
        row("Provider == \"abc", 12, "unterminated text: expected a closing \"");
        row("EventID == 4624 # x", 16, "unexpected character '#'");
        row("EventID in 4624", 11, "expected '(' after 'in'");
        row("EventID in (1 2)", 14, "expected ',', '..' or ')' in the list after 'in'");
        row("Computer contains 5", 18, "expected quoted text after 'contains'");
        row("Data. == 1", 6, "expected a name after 'Data.' (Data.NAME or Data.\"NAME\")");
        row("Data[0] == 1", 5, "Data[N] counts from 1: Data[1] is the first unnamed value");
        row("Data[x] == 1", 5,
            "expected a number in Data[N] (the N-th unnamed Data value, from 1), found 'x'");
        row("Data[0x2]", 5,
            "expected a number in Data[N] (the N-th unnamed Data value, from 1), found '0x2'");
        row("Data[] == 1", 5,
            "expected a number in Data[N] (the N-th unnamed Data value, from 1), found ']'");
        row("Data[2 == 1", 7, "expected ']' to close Data[N]");
        row("Data.User[1] == 1", 9,
            "only unnamed Data values take an index: Data[N] or Data.Data[N]");
        row("EventID[1] == 1", 7,
            "expected an operator after EventID (==, !=, <, <=, >, >=, in, contains or ~), "
            "found '['");
        row("Computer ~ \"(\"", 11, "bad regular expression \"(\": missing ): (");
        row("EventID == 0x", 13, "expected hexadecimal digits after '0x'");
        row("EventID == 99999999999999999999", 11, "number too large (64 bits at most)");
        row("band(Provider, 1)", 5, "band() takes a numeric field such as Keywords");
        row("not", 3,
            "expected a field name, quoted text, 'not' or '(', found the end of the "
            "query");
    }
    void reportsErrorPositions() {
        QFETCH(QString, filter);
        QFETCH(int, position);
        QFETCH(QString, message);
        evtx::QueryError error;
        QVERIFY(!evtx::Query::parse(filter.toStdString(), error));
        QCOMPARE(QString::fromStdString(error.message), message);
        QCOMPARE(int(error.position), position);
    }

    void xpathCompilesToTheSameTree_data() {
        QTest::addColumn<QString>("xpath");
        QTest::addColumn<QString>("filter");
        auto row = [](const char* x, const char* f) {
            QTest::newRow(x) << QString(x) << QString(f);
        };
        row("*", "");
        row("*[System[EventID=4624]]", "EventID == 4624");
        row("*[System[(EventID=4624 or EventID=4625)]]", "EventID == 4624 or EventID == 4625");
        row("*[System[(EventID=4624 or EventID=4625) and TimeCreated[timediff(@SystemTime) <= "
            "86400000]]]",
            "(EventID == 4624 or EventID == 4625) and TimeCreated >= now - 24h");
        row("*[System[TimeCreated[timediff(@SystemTime) > 3600000]]]", "TimeCreated < now - 1h");
        row("*[System[Provider[@Name='Microsoft-Windows-Security-Auditing']]]",
            "Provider == \"Microsoft-Windows-Security-Auditing\"");
        row("*[System[Provider[@Name='A' or @Name='B']]]", "Provider == 'A' or Provider == 'B'");
        row("*[System[Level=2 or Level=3]]", "Level == 2 or Level == 3");
        row("*[System[(Level=1  or Level=2 or Level=3)]]",
            "Level == 1 or Level == 2 or Level == 3");
        row("*[EventData[Data[@Name='TargetUserName']='SYSTEM']]",
            "Data.TargetUserName == \"SYSTEM\"");
        row("*[EventData[Data[@Name='LogonType']=5 and Data[@Name='TargetUserName']!='SYSTEM']]",
            "Data.LogonType == 5 and Data.TargetUserName != \"SYSTEM\"");
        row("*[EventData[Data='SYSTEM']]", "Data == \"SYSTEM\"");
        row("*[UserData[EventXML[Param1='x']]]", "Data.Param1 == 'x'");
        row("*[System[band(Keywords,4503599627370496)]]", "band(Keywords, 4503599627370496)");
        row("*[System[TimeCreated[@SystemTime>='2016-07-08T18:12:51.000Z' and "
            "@SystemTime<='2016-07-09T00:00:00.000Z']]]",
            "TimeCreated >= \"2016-07-08T18:12:51Z\" and TimeCreated <= \"2016-07-09\"");
        row("*[System[Execution[@ProcessID=4] and Security[@UserID='S-1-5-18']]]",
            "ProcessID == 4 and UserID == \"S-1-5-18\"");
        row("*[System[EventRecordID>=10 and Channel='Security' and Computer='PC' and Task=12544 "
            "and Opcode=0]]",
            "RecordID >= 10 and Channel == 'Security' and Computer == 'PC' and Task == 12544 and "
            "Opcode == 0");
        row("Event[System[not(Level=4)]]", "not Level == 4");
        row("*[System[EventID=4624] and EventData[Data[@Name='LogonType']=2]]",
            "EventID == 4624 and Data.LogonType == 2");
        row("*[EventData[Data[2]='x']]", "Data[2] == 'x'");
        row("*[EventData[Data[1]=5 and Data[@Name='A']='b']]", "Data[1] == 5 and Data.A == 'b'");
    }
    void xpathCompilesToTheSameTree() {
        QFETCH(QString, xpath);
        QFETCH(QString, filter);
        QCOMPARE(canonicalXPath(xpath.toStdString()), canonical(filter.toStdString()));
    }

    void xpathErrors_data() {
        QTest::addColumn<QString>("xpath");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("message");
        auto row = [](const char* x, int p, const char* m) {
            QTest::newRow(x) << QString(x) << p << QString(m);
        };
        row("System[EventID=1]", 0, "expected '*' or 'Event' at the start of an XPath query");
        row("*[System[EventID=1]", 19, "expected ']'");
        row("*[System[Foo=1]]", 9,
            "expected a System element: Provider, EventID, Level, Task, "
            "Opcode, Keywords, TimeCreated, EventRecordID, Execution, "
            "Channel, Computer, Security or band(Keywords, MASK)");
        row("*[System[Provider[@Guid='x']]]", 19, "unsupported attribute 'Guid': expected @Name");
        row("*[System[EventID='x']]", 17, "expected a number for EventID");
        row("*[System[EventID=]]", 17, "expected a value: a number or 'quoted text'");
        row("*[Foo]", 2, "expected System, EventData or UserData");
        row("*[System[EventID=1]] x", 21, "expected the end of the query");
        row("*[System[TimeCreated[timediff(@Foo) <= 1]]]", 31,
            "expected 'SystemTime' in timediff()");
        row("*[EventData[Data[@Name='A'='B']]]", 26, "expected ']' after Data[@Name='...'");
        row("*[EventData[Data[0]='x']]", 17, "Data[N] counts from 1: Data[1] is the first Data");
        row("*[EventData[Data[2 ='x']]", 19, "expected ']' after Data[N");
        row("*[System[Channel='x]]", 17, "unterminated text: expected a closing '");
    }
    void xpathErrors() {
        QFETCH(QString, xpath);
        QFETCH(int, position);
        QFETCH(QString, message);
        evtx::QueryError error;
        QVERIFY(!evtx::Query::parseXPath(xpath.toStdString(), error));
        QCOMPARE(QString::fromStdString(error.message), message);
        QCOMPARE(int(error.position), position);
    }

    void queryLists() {
        const std::string xml =
            "<?xml version=\"1.0\"?>\n"
            "<QueryList>\n"
            "  <!-- custom view -->\n"
            "  <Query Id=\"0\" Path=\"Security\">\n"
            "    <Select Path=\"Security\">*[System[(EventID=4624 or "
            "EventID=4625)]]</Select>\n"
            "    <Select Path=\"Security\">*[System[Level&lt;=2]]</Select>\n"
            "    <Suppress Path=\"Security\">*[EventData[Data[@Name="
            "'TargetUserName']='SYSTEM']]</Suppress>\n"
            "  </Query>\n"
            "  <Query Id=\"1\"><Select>*[System[EventID=1102]]</Select></Query>\n"
            "</QueryList>\n";
        evtx::QueryError error;
        auto q = evtx::Query::parseQueryList(xml, error);
        QVERIFY2(q, error.toString().c_str());
        QCOMPARE(QString::fromStdString(q->toString()),
                 canonical("((EventID == 4624 or EventID == 4625) or Level <= 2) and not "
                           "Data.TargetUserName == \"SYSTEM\" or EventID == 1102"));
        QVERIFY(q->needsRecord());
    }

    void queryListErrors_data() {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("message");
        auto row = [](const char* name, const char* x, int p, const char* m) {
            QTest::newRow(name) << QString(x) << p << QString(m);
        };
        row("no list", "<Query/>", 0, "expected <QueryList>");
        row("empty list", "<QueryList></QueryList>", 23,
            "expected at least one <Query> in <QueryList>");
        row("no select", "<QueryList><Query><Suppress>*</Suppress></Query></QueryList>", 11,
            "a <Query> needs at least one <Select>");
        row("bad child", "<QueryList><Query><Foo/></Query></QueryList>", 18,
            "expected <Select>, <Suppress> or </Query>");
        // The XPath error at its offset inside the XML (entities decoded).
        row("xpath error",
            "<QueryList><Query><Select>*[System[Level&lt;=]]</Select></Query></QueryList>", 45,
            "expected a value: a number or 'quoted text'");
        row("unclosed select", "<QueryList><Query><Select>*</Query></QueryList>", 27,
            "expected </Select>");
        row("trailing", "<QueryList><Query><Select>*</Select></Query></QueryList>x", 56,
            "expected the end of the document after </QueryList>");
    }
    void queryListErrors() {
        QFETCH(QString, xml);
        QFETCH(int, position);
        QFETCH(QString, message);
        evtx::QueryError error;
        QVERIFY(!evtx::Query::parseQueryList(xml.toStdString(), error));
        QCOMPARE(QString::fromStdString(error.message), message);
        QCOMPARE(int(error.position), position);
    }

    void needsRecordOnlyForDataAndText() {
        evtx::QueryError error;
        QVERIFY(!evtx::Query::parse("EventID == 1 and Provider ~ \"x\"", error)->needsRecord());
        QVERIFY(evtx::Query::parse("EventID == 1 and Data.X == 1", error)->needsRecord());
        QVERIFY(evtx::Query::parse("\"text\"", error)->needsRecord());
        QVERIFY(evtx::Query::parse("", error)->matchesAll());
        QVERIFY(evtx::Query().matchesAll());
        QVERIFY(!evtx::Query::parse("EventID == 1", error)->matchesAll());
    }

    // Counts over indexed samples against the golden JSONL.
    void filtersIndexedSamples_data() {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<GoldenPredicate>("golden");
        QTest::newRow("EventID 4624")
            << "security"
            << "EventID == 4624" << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   return eventIdOf(e) == 4624;
               });
        QTest::newRow("EventID range")
            << "security"
            << "EventID in (4624..4634, 4672)"
            << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   const int id = eventIdOf(e);
                   return (id >= 4624 && id <= 4634) || id == 4672;
               });
        QTest::newRow("Level 2 system")
            << "system"
            << "Level == 2" << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   return systemOf(e).value("Level").toInt() == 2;
               });
        QTest::newRow("Level name") << "2-vss_7-System"
                                    << "Level == \"Error\" or Level == \"Warning\""
                                    << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                                           const int l = systemOf(e).value("Level").toInt();
                                           return l == 2 || l == 3;
                                       });
        QTest::newRow("Provider") << "system"
                                  << "Provider == \"service control manager\""
                                  << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                                         return systemOf(e)
                                                    .value("Provider")
                                                    .toObject()
                                                    .value("#attributes")
                                                    .toObject()
                                                    .value("Name")
                                                    .toString()
                                                    .compare("Service Control Manager",
                                                             Qt::CaseInsensitive) == 0;
                                     });
        QTest::newRow("TargetUserName SYSTEM")
            << "security"
            << "Data.TargetUserName == \"SYSTEM\""
            << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   return e.value("EventData")
                              .toObject()
                              .value("TargetUserName")
                              .toString()
                              .compare("SYSTEM", Qt::CaseInsensitive) == 0;
               });
        QTest::newRow("4624 not SYSTEM")
            << "security"
            << "EventID == 4624 and Data.TargetUserName != \"SYSTEM\""
            << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   return eventIdOf(e) == 4624 &&
                          e.value("EventData")
                                  .toObject()
                                  .value("TargetUserName")
                                  .toString()
                                  .compare("SYSTEM", Qt::CaseInsensitive) != 0;
               });
        QTest::newRow("LogonType number")
            << "security"
            << "Data.LogonType in (2, 10..11)"
            << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   const QJsonValue v = e.value("EventData").toObject().value("LogonType");
                   const int t = v.isDouble() ? v.toInt() : v.toString().toInt();
                   return v.isDouble() && (t == 2 || t == 10 || t == 11);
               });
        QTest::newRow("Data regex")
            << "security"
            << "Data.TargetUserName ~ \"^adm|\\$$\""
            << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   const QString name =
                       e.value("EventData").toObject().value("TargetUserName").toString();
                   return name.startsWith("adm", Qt::CaseInsensitive) || name.endsWith('$');
               });
        QTest::newRow("contains anywhere")
            << "security"
            << "contains \"lsass.exe\""
            << GoldenPredicate([](const QJsonObject&, const QByteArray& line) {
                   return line.toLower().contains("lsass.exe");
               });
        QTest::newRow("bare text with path")
            << "sysmon"
            << "\"C:\\Windows\\System32\\svchost.exe\""
            << GoldenPredicate([](const QJsonObject&, const QByteArray& line) {
                   return line.toLower().contains("c:\\\\windows\\\\system32\\\\svchost.exe");
               });
        QTest::newRow("time range")
            << "security"
            << "TimeCreated >= \"2017-03-01T00:00:00Z\" and TimeCreated < \"2017-04-14T01:00:00Z\""
            << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   const QDateTime t = systemTimeOf(e);
                   return t >= QDateTime(QDate(2017, 3, 1), QTime(0, 0), Qt::UTC) &&
                          t < QDateTime(QDate(2017, 4, 14), QTime(1, 0), Qt::UTC);
               });
        QTest::newRow("not and or")
            << "security"
            << "not (EventID == 4624 or EventID == 4672) and Level == 0"
            << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   const int id = eventIdOf(e);
                   return id != 4624 && id != 4672 && systemOf(e).value("Level").toInt() == 0;
               });
        QTest::newRow("Computer contains")
            << "system"
            << "Computer contains \"desktop-\" and Data.QueryName contains \"WPAD\""
            << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   return systemOf(e)
                              .value("Computer")
                              .toString()
                              .contains("desktop-", Qt::CaseInsensitive) &&
                          scalarText(e.value("EventData").toObject().value("QueryName"))
                              .contains("wpad", Qt::CaseInsensitive);
               });
        QTest::newRow("keywords band")
            << "system"
            << "band(Keywords, 0x10) and not band(Keywords, 0x8) == 0x8"
            << GoldenPredicate([](const QJsonObject& e, const QByteArray&) {
                   const quint64 k =
                       systemOf(e).value("Keywords").toString().toULongLong(nullptr, 16);
                   return (k & 0x10) && !(k & 0x8);
               });
    }
    void filtersIndexedSamples() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, sample);
        QFETCH(QString, filter);
        QFETCH(GoldenPredicate, golden);
        auto indexed = indexSample(sample);
        const QList<quint64> expected = goldenIds(sample, golden);
        const QList<quint64> actual = filteredIds(*indexed, filter.toStdString());
        QVERIFY2(!expected.isEmpty(), "the test needs matches");
        QCOMPARE(actual, expected);
    }

    void recoveredSelectsTheRecoveredRows() {
        SKIP_WITHOUT_SHARED();
        // 270 live records and 163 recovered ones (tst_recover's counts).
        auto plain = indexSample("sample_with_a_bad_chunk_magic");
        auto recovered = indexSample("sample_with_a_bad_chunk_magic", true);
        QCOMPARE(plain->index.size(), size_t(270));
        QCOMPARE(recovered->index.size(), size_t(270 + 163));
        QList<quint64> recoveredIds, liveIds;
        const evtx::IndexColumns& c = recovered->index.columns();
        for (size_t i = 0; i < c.size(); ++i)
            (c.isRecovered(i) ? recoveredIds : liveIds) << c.recordId(i);
        QCOMPARE(recoveredIds.size(), 163);
        QCOMPARE(filteredIds(*recovered, "Recovered"), recoveredIds);
        QCOMPARE(filteredIds(*recovered, "Recovered == true"), recoveredIds);
        QCOMPARE(filteredIds(*recovered, "not Recovered"), liveIds);
        QCOMPARE(filteredIds(*recovered, "Recovered == false"), filteredIds(*plain, ""));
        QVERIFY(filteredIds(*plain, "Recovered").isEmpty());
        // Recovered records whose template is lost cannot be judged by their
        // content (as evtxdump --recover --filter): they never match Data tests.
        evtx::QueryError error;
        auto q = evtx::Query::parse("Recovered and Data.Foo", error);
        QVERIFY(q);
        const evtx::IndexFilterResult r = evtx::filterIndex(*q, recovered->request());
        uint64_t lost = 0;
        for (size_t i = 0; i < c.size(); ++i)
            lost += (c.recovery(i) & evtx::row_recovery::TemplateLost) ? 1 : 0;
        QCOMPARE(lost, uint64_t(82));
        QCOMPARE(r.unreadable, lost);
    }

    void xpathAndQueryListSelectTheSameRows() {
        SKIP_WITHOUT_SHARED();
        auto indexed = indexSample("security");
        evtx::QueryError error;
        auto viaXPath = evtx::Query::parseXPath("*[System[(EventID=4624 or EventID=4625)] and "
                                                "EventData[Data[@Name='TargetUserName']='SYSTEM']]",
                                                error);
        QVERIFY(viaXPath);
        auto viaList = evtx::Query::parseQueryList(
            "<QueryList><Query><Select>*[System[EventID=4624 or EventID=4625]]</Select>"
            "<Suppress>*[EventData[Data[@Name='TargetUserName']!='SYSTEM']]</Suppress>"
            "</Query></QueryList>",
            error);
        QVERIFY(viaList);
        const auto a = evtx::filterIndex(*viaXPath, indexed->request()).rows;
        const auto b = evtx::filterIndex(*viaList, indexed->request()).rows;
        const int golden = goldenCount("security", [](const QJsonObject& e, const QByteArray&) {
            const int id = eventIdOf(e);
            return (id == 4624 || id == 4625) &&
                   e.value("EventData").toObject().value("TargetUserName").toString() == "SYSTEM";
        });
        QVERIFY(golden > 0);
        QCOMPARE(int(a.size()), golden);
        QCOMPARE(a, b);
    }

    void relativeTimes() {
        SKIP_WITHOUT_SHARED();
        auto indexed = indexSample("security");
        // "now" fixed at 2017-04-14T02:00:00Z: the last 2 hours hold what
        // the golden file dates after 00:00.
        evtx::QueryOptions options;
        options.now =
            (uint64_t(QDateTime(QDate(2017, 4, 14), QTime(2, 0), Qt::UTC).toSecsSinceEpoch()) +
             11644473600ull) *
            10000000ull;
        evtx::QueryError error;
        auto q = evtx::Query::parse("TimeCreated > now - 2h", error, options);
        auto x = evtx::Query::parseXPath("*[System[TimeCreated[timediff(@SystemTime) < 7200000]]]",
                                         error, options);
        QVERIFY(q && x);
        const int golden = goldenCount("security", [](const QJsonObject& e, const QByteArray&) {
            return systemTimeOf(e) > QDateTime(QDate(2017, 4, 14), QTime(0, 0), Qt::UTC);
        });
        QVERIFY(golden > 0);
        QCOMPARE(int(evtx::filterIndex(*q, indexed->request()).rows.size()), golden);
        QCOMPARE(int(evtx::filterIndex(*x, indexed->request()).rows.size()), golden);
    }

    void rowSubsetsProgressAndCancel() {
        SKIP_WITHOUT_SHARED();
        auto indexed = indexSample("security");
        evtx::QueryError error;
        auto q = evtx::Query::parse("Data.TargetUserName == \"SYSTEM\"", error);
        auto r = indexed->request();
        std::vector<uint32_t> odd;
        for (uint32_t i = 1; i < indexed->index.size(); i += 2)
            odd.push_back(i);
        r.rows = &odd;
        std::atomic<uint64_t> lastDone{0}, total{0};
        auto result = evtx::filterIndex(*q, r, [&](uint64_t done, uint64_t all) {
            uint64_t seen = lastDone.load();
            while (done > seen && !lastDone.compare_exchange_weak(seen, done)) {
            }
            total = all;
        });
        QCOMPARE(lastDone.load(), uint64_t(odd.size()));
        QCOMPARE(total.load(), uint64_t(odd.size()));
        const auto all = evtx::filterIndex(*q, indexed->request()).rows;
        std::vector<uint32_t> expected;
        for (uint32_t row : all)
            if (row % 2) expected.push_back(row);
        QCOMPARE(result.rows, expected);

        std::atomic<bool> cancel{true};
        auto cancelled = evtx::filterIndex(*q, indexed->request(), {}, &cancel);
        QVERIFY(cancelled.cancelled);
        QVERIFY(cancelled.rows.empty());

        // One thread or many: the same rows in the same order.
        auto one = indexed->request();
        one.threads = 1;
        QCOMPARE(evtx::filterIndex(*q, one).rows, all);

        // Single rows, as a viewer tests rows appended under a filter.
        evtx::IndexRowMatcher matcher(*q, indexed->request());
        std::vector<uint32_t> single;
        for (uint32_t i = 0; i < indexed->index.size(); ++i)
            if (matcher.matches(i)) single.push_back(i);
        QCOMPARE(single, all);
    }

    void dataFieldNamesForCompletion() {
        SKIP_WITHOUT_SHARED();
        auto indexed = indexSample("security");
        const auto names = evtx::collectDataFieldNames(indexed->request());
        QMap<QString, int> golden;
        for (const QByteArray& line : goldenLines("security"))
            for (const QString& key : eventOf(line).value("EventData").toObject().keys())
                ++golden[key];
        QVERIFY(golden.contains("TargetUserName"));
        for (const evtx::DataFieldName& n : names) {
            const QString name = QString::fromStdString(n.name);
            if (golden.contains(name)) QCOMPARE(int(n.records), golden.value(name));
        }
        for (const QString& key : golden.keys()) {
            const bool found = std::any_of(names.begin(), names.end(), [&](const auto& n) {
                return QString::fromStdString(n.name) == key;
            });
            QVERIFY2(found || key == "Data", qPrintable(key));
        }
        for (size_t i = 1; i < names.size(); ++i)
            QVERIFY(QString::fromStdString(names[i - 1].name)
                        .compare(QString::fromStdString(names[i].name), Qt::CaseInsensitive) <= 0);
        QVERIFY(!evtx::collectDataFieldNames(indexed->request(), 100).empty());
        QVERIFY(std::find(evtx::queryFieldNames().begin(), evtx::queryFieldNames().end(),
                          "TimeCreated") != evtx::queryFieldNames().end());
    }

    // Classic events' unnamed <Data> values are Data[1], Data[2] ...: built
    // records with unnamed, named and UserData values.
    void unnamedDataOnBuiltRecords() {
        const evtxtest::ByteVec file = classicLog();
        auto x = indexInput(evtx::Input::fromBuffer(file));
        QCOMPARE(x->index.size(), size_t(5));
        using Ids = QList<quint64>;
        QCOMPARE(filteredIds(*x, "Data[2] == \"v2\""), Ids{1});
        QCOMPARE(filteredIds(*x, "Data.Data[2] == \"v2\""), Ids{1});
        QCOMPARE(filteredIds(*x, "Data[1] == \"v2\""), (Ids{2, 5}));
        QCOMPARE(filteredIds(*x, "Data[3] == \"v2\""), Ids{3});
        QCOMPARE(filteredIds(*x, "Data[2] == \"q\""), Ids{3});
        QCOMPARE(filteredIds(*x, "Data[2]"), (Ids{1, 2, 3}));
        QCOMPARE(filteredIds(*x, "Data[4]"), Ids{});
        QCOMPARE(filteredIds(*x, "Data[4294967297]"), Ids{}); // not Data[1] cut to 32 bits
        QCOMPARE(filteredIds(*x, "not Data[2] == \"v2\""), (Ids{2, 3, 4, 5}));
        // Named values and UserData leaves keep their names; Data.Data
        // still reads every unnamed value, Data any value.
        QCOMPARE(filteredIds(*x, "Data.User == \"v2\""), Ids{3});
        QCOMPARE(filteredIds(*x, "Data.Param1 == \"v2\""), Ids{4});
        QCOMPARE(filteredIds(*x, "Data.Data == \"v2\""), (Ids{1, 2, 3, 5}));
        QCOMPARE(filteredIds(*x, "Data == \"v2\""), (Ids{1, 2, 3, 4, 5}));
        evtx::QueryError error;
        auto xpath = evtx::Query::parseXPath("*[EventData[Data[2]='v2']]", error);
        QVERIFY(xpath);
        QCOMPARE(selectedIds(*x, *xpath), Ids{1});

        const auto [extracted, read] = dataNames(evtx::Bytes(file.data(), file.size()));
        QCOMPARE(extracted.size(), 5);
        QCOMPARE(extracted[0], (QStringList{"Data[1]", "Data[2]", "Data[3]"}));
        QCOMPARE(extracted[2], (QStringList{"User", "Data[2]", "Data[3]"}));
        QCOMPARE(extracted[3], QStringList{"Param1"});
        QCOMPARE(extracted, read);
    }

    // On classic events of the corpus: Data[N] == v selects exactly the
    // records whose N-th unnamed value (read from the golden JSON) is v.
    void unnamedDataOnSamples_data() {
        QTest::addColumn<QString>("sample");
        for (const char* name : {"system", "2-vss_7-System", "sample-with-zero-data-size-event"})
            QTest::newRow(name) << QString(name);
    }
    void unnamedDataOnSamples() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, sample);
        auto indexed = indexSample(sample);
        QMap<quint64, QStringList> golden; // record id -> unnamed values
        qsizetype most = 0;
        for (const QByteArray& line : goldenLines(sample)) {
            const QJsonObject e = eventOf(line);
            golden[quint64(systemOf(e).value("EventRecordID").toDouble())] = unnamedDataOf(e);
            most = std::max(most, unnamedDataOf(e).size());
        }
        QVERIFY2(most >= 4, "the test needs classic events");
        auto goldenWhere = [&](const std::function<bool(const QStringList&)>& keep) {
            QList<quint64> ids;
            for (auto it = golden.begin(); it != golden.end(); ++it)
                if (keep(it.value())) ids << it.key();
            return ids;
        };
        auto sorted = [](QList<quint64> ids) {
            std::sort(ids.begin(), ids.end());
            return ids;
        };
        for (qsizetype n = 1; n <= most + 1; ++n) {
            const std::string field = "Data[" + std::to_string(n) + "]";
            QMap<QString, int> counts; // the most common non-empty value at n
            for (const QStringList& values : golden)
                if (values.size() >= n && !values[n - 1].isEmpty()) ++counts[values[n - 1]];
            QCOMPARE(sorted(filteredIds(*indexed, field)),
                     goldenWhere([&](const QStringList& v) { return v.size() >= n; }));
            if (counts.isEmpty()) continue;
            const QString value = std::max_element(counts.begin(), counts.end()).key();
            const QList<quint64> expected = goldenWhere([&](const QStringList& v) {
                return v.size() >= n && v[n - 1].compare(value, Qt::CaseInsensitive) == 0;
            });
            QVERIFY(!expected.isEmpty());
            QCOMPARE(sorted(filteredIds(*indexed, field + " == " + filterText(value))), expected);
        }
        QVERIFY(filteredIds(*indexed, "Data[" + std::to_string(most + 1) + "]").isEmpty());

        const auto [extracted, read] = dataNames(indexed->input->bytes());
        QVERIFY(!extracted.isEmpty());
        QCOMPARE(extracted, read);
    }
};

QTEST_GUILESS_MAIN(TestQuery)
#include "tst_query.moc"
