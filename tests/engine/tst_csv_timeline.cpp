// The CSV timeline (evtx/knowledge/csv_timeline.hpp, `evtxdump -o csv`),
// read back with a strict RFC 4180 reader (csv_reader.hpp) and checked
// against the JSONL dump of the same file, record by record: the header is
// EvtxECmd's 27 columns in order; every row has 27 fields; the rows are the
// JSONL lines (same count, same order) and their System columns, time,
// level name and Payload say what the JSON says; -t 2 writes the same bytes
// as -t 1; the built-in knowledge fills the map columns of a 4624; values
// holding commas, quotes and line breaks come back exactly; --recover rows
// (and only they) are HiddenRecord True. On samples/demo.evtx, a log built
// byte by byte, and (SKIP_WITHOUT_SHARED) every ../shared sample and both
// bench logs.
#include "csv_reader.hpp"
#include "dump_to_memory.hpp"
#include "evtx_builder.hpp"
#include "shared_dir.hpp"

#include "evtx/format/input.hpp"
#include "evtx/knowledge/csv_timeline.hpp"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <tbb/global_control.h>

#include <algorithm>
#include <memory>
#include <string>

using namespace evtxtest;

namespace {

// EvtxECmd's columns, in its order (written here, not taken from the writer).
const QStringList kColumns = {"RecordNumber",   "EventRecordId",   "TimeCreated",  "EventId",
                              "Level",          "Provider",        "Channel",      "ProcessId",
                              "ThreadId",       "Computer",        "ChunkNumber",  "UserId",
                              "MapDescription", "UserName",        "RemoteHost",   "PayloadData1",
                              "PayloadData2",   "PayloadData3",    "PayloadData4", "PayloadData5",
                              "PayloadData6",   "ExecutableInfo",  "HiddenRecord", "SourceFile",
                              "Keywords",       "ExtraDataOffset", "Payload"};

enum Column {
    RecordNumber,
    EventRecordId,
    TimeCreated,
    EventId,
    Level,
    Provider,
    Channel,
    ProcessId,
    ThreadId,
    Computer,
    ChunkNumber,
    UserId,
    MapDescription,
    UserName,
    RemoteHost,
    PayloadData1,
    PayloadData2,
    PayloadData3,
    PayloadData4,
    PayloadData5,
    PayloadData6,
    ExecutableInfo,
    HiddenRecord,
    SourceFile,
    Keywords,
    ExtraDataOffset,
    Payload,
    ColumnCount
};

QString field(const CsvRow& row, Column c) {
    return QString::fromStdString(row[size_t(c)]);
}

evtx::Bytes bytesOf(const ByteVec& v) {
    return evtx::Bytes(v.data(), v.size());
}

// The timeline as evtxdump -o csv writes it: header, then one row per record.
QByteArray csvDump(evtx::Bytes file, unsigned threads, bool recover, const std::string& source) {
    evtx::knowledge::TimelineOptions timeline;
    timeline.sourceFile = source;
    evtx::SharedShapes shapes;
    evtx::DumpOptions opt;
    opt.threads = threads;
    opt.recover = recover;
    const bool shared = threads != 1;
    opt.makeWriter = [&timeline, &shapes, shared] {
        return std::make_unique<evtx::knowledge::TimelineWriter>(timeline,
                                                                 shared ? &shapes : nullptr);
    };
    evtx::OutBuffer header;
    evtx::knowledge::writeTimelineHeader(header, timeline);
    const DumpedText d = dumpToMemory(file, opt);
    const std::string_view h = header.view();
    return QByteArray(h.data(), qsizetype(h.size())) + d.text;
}

// The JSONL dump's lines, each parsed (a line that is not a JSON object is
// kept as an empty object, and the test fails on it).
struct JsonLines {
    QList<QJsonObject> lines;
    QString bad; // the first line that did not parse
};

JsonLines jsonlDump(evtx::Bytes file, bool recover) {
    evtx::DumpOptions opt;
    opt.format = evtx::OutputFormat::Jsonl;
    opt.threads = 1;
    opt.recover = recover;
    const DumpedText d = dumpToMemory(file, opt);
    JsonLines j;
    for (const QByteArray& line : d.text.split('\n')) {
        if (line.isEmpty()) continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject() && j.bad.isEmpty()) j.bad = QString::fromUtf8(line.left(300));
        j.lines << doc.object();
    }
    return j;
}

std::vector<CsvRow> parseOrFail(const QByteArray& csv, QString* error) {
    std::string why;
    auto rows = parseCsv(std::string_view(csv.constData(), size_t(csv.size())), &why);
    if (!rows) {
        *error = QString::fromStdString(why);
        return {};
    }
    return *rows;
}

QString levelName(qint64 level) {
    static const QStringList names = {"LogAlways", "Critical", "Error",
                                      "Warning",   "Info",     "Verbose"};
    return level >= 0 && level < names.size() ? names[int(level)] : QString();
}

QJsonObject attributesOf(const QJsonValue& v) {
    return v.toObject()["#attributes"].toObject();
}

// A number as the JSON writes it: a number, a text ("3229", in logs whose
// System values are text), or {"#attributes":..,"#text":n}.
qint64 numberOf(const QJsonValue& v) {
    if (v.isObject()) return numberOf(v.toObject()["#text"]);
    if (v.isString()) return v.toString().toLongLong();
    return v.toInteger();
}

// JSON's "2024-03-04T07:58:12.170434Z" and the CSV's "2024-03-04 07:58:12.1704340"
// name the same time: date, time, and the fraction's digits as far as both
// have them (the JSON writes 6, or the text of a time stored as text; the
// CSV always 7). No time in the JSON: none in the CSV.
bool sameTime(const QString& json, const QString& csv) {
    if (json.isEmpty()) return csv.isEmpty();
    static const QRegularExpression jsonForm(
        "^(\\d{4}-\\d\\d-\\d\\d)T(\\d\\d:\\d\\d:\\d\\d)\\.(\\d{6,9})Z$");
    static const QRegularExpression csvForm(
        "^(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d)\\.(\\d{7})$");
    const auto j = jsonForm.match(json);
    const auto c = csvForm.match(csv);
    if (!j.hasMatch() || !c.hasMatch()) return false;
    const qsizetype digits = std::min<qsizetype>(7, j.captured(3).size());
    return j.captured(1) == c.captured(1) && j.captured(2) == c.captured(2) &&
           j.captured(3).left(digits) == c.captured(3).left(digits);
}

// Checks one CSV row against the same record's JSONL line; returns why
// they differ, or an empty string.
QString compareRow(const CsvRow& row, const QJsonObject& line, const QString& source) {
    QStringList diffs;
    auto expect = [&](Column c, const QString& want) {
        if (field(row, c) != want)
            diffs << QString("%1: CSV '%2', expected '%3'")
                         .arg(kColumns[c], field(row, c).left(200), want.left(200));
    };
    const QJsonObject event = line["Event"].toObject();
    const bool recovered = line.contains("#recovered");
    expect(HiddenRecord, recovered ? "True" : "False");
    expect(SourceFile, source);
    expect(ExtraDataOffset, "0");
    bool numeric = false;
    field(row, RecordNumber).toULongLong(&numeric);
    if (!numeric) diffs << "RecordNumber not a number: " + field(row, RecordNumber);
    field(row, ChunkNumber).toULongLong(&numeric);
    if (!numeric) diffs << "ChunkNumber not a number: " + field(row, ChunkNumber);

    if (event.contains("#template_lost")) {
        // A recovered record whose template is lost: no System values; its
        // raw values are the Payload.
        expect(EventRecordId, "0");
        expect(TimeCreated, "");
        expect(Provider, "");
        QJsonParseError error;
        const QJsonDocument payload = QJsonDocument::fromJson(field(row, Payload).toUtf8(), &error);
        if (!payload.isObject() || !payload.object()["Event"].toObject().contains("#template_lost"))
            diffs << "Payload of a partial record: " + field(row, Payload).left(200);
        return diffs.join("; ");
    }

    const QJsonObject sys = event["System"].toObject();
    expect(EventRecordId, QString::number(numberOf(sys["EventRecordID"])));
    expect(EventId, QString::number(numberOf(sys["EventID"])));
    expect(Provider, attributesOf(sys["Provider"])["Name"].toString());
    expect(Channel, sys["Channel"].toString());
    expect(Computer, sys["Computer"].toString());
    const QJsonObject execution = attributesOf(sys["Execution"]);
    expect(ProcessId, QString::number(numberOf(execution["ProcessID"])));
    expect(ThreadId, QString::number(numberOf(execution["ThreadID"])));
    expect(Level, levelName(numberOf(sys["Level"])));
    expect(UserId, attributesOf(sys["Security"])["UserID"].toString());
    // No Keywords (null in the JSON): written as 0, like the numeric columns.
    expect(Keywords, sys["Keywords"].isNull() ? "0x0" : sys["Keywords"].toString());
    const QString time = attributesOf(sys["TimeCreated"])["SystemTime"].toString();
    if (!sameTime(time, field(row, TimeCreated)))
        diffs << QString("TimeCreated: CSV '%1', JSON '%2'").arg(field(row, TimeCreated), time);

    // Payload: {"EventData": ...} or {"UserData": ...} of the JSON, or empty.
    const QString payloadText = field(row, Payload);
    QJsonObject want;
    for (const char* key : {"EventData", "UserData"})
        if (event.contains(key) && want.isEmpty()) want.insert(key, event[key]);
    if (want.isEmpty()) {
        if (!payloadText.isEmpty()) diffs << "Payload without EventData/UserData: " + payloadText;
    } else {
        QJsonParseError error;
        const QJsonDocument payload = QJsonDocument::fromJson(payloadText.toUtf8(), &error);
        const bool both = event.contains("EventData") && event.contains("UserData");
        const bool ok =
            payload.isObject() &&
            (payload.object() == want ||
             (both && payload.object() == QJsonObject{{"UserData", event["UserData"]}}));
        if (!ok)
            diffs << QString("Payload: CSV '%1' (%2), expected '%3'")
                         .arg(payloadText.left(300), error.errorString(),
                              QString::fromUtf8(QJsonDocument(want).toJson(QJsonDocument::Compact))
                                  .left(300));
    }
    return diffs.join("; ");
}

// Checks a whole timeline against the JSONL dump; the first differences are
// reported with the row number.
void checkTimeline(const QByteArray& csv, const JsonLines& json, const QString& source,
                   int* recoveredRows = nullptr) {
    QVERIFY2(json.bad.isEmpty(), qPrintable("JSONL line is not JSON: " + json.bad));
    QString error;
    const std::vector<CsvRow> rows = parseOrFail(csv, &error);
    QVERIFY2(error.isEmpty(), qPrintable("CSV does not parse: " + error));
    QVERIFY(!rows.empty());
    QStringList header;
    for (const std::string& name : rows.front())
        header << QString::fromStdString(name);
    QCOMPARE(header, kColumns);
    QCOMPARE(qsizetype(rows.size() - 1), json.lines.size());
    int recovered = 0;
    QStringList failures;
    quint64 lastChunk = 0;
    for (size_t i = 1; i < rows.size(); ++i) {
        const CsvRow& row = rows[i];
        if (row.size() != size_t(ColumnCount)) {
            failures << QString("row %1: %2 fields").arg(i).arg(row.size());
            continue;
        }
        recovered += field(row, HiddenRecord) == "True" ? 1 : 0;
        const quint64 chunk = field(row, ChunkNumber).toULongLong();
        if (chunk < lastChunk)
            failures << QString("row %1: chunk %2 after %3").arg(i).arg(chunk).arg(lastChunk);
        lastChunk = chunk;
        const QString diff = compareRow(row, json.lines[qsizetype(i - 1)], source);
        if (!diff.isEmpty()) failures << QString("row %1: %2").arg(i).arg(diff);
    }
    if (recoveredRows) *recoveredRows = recovered;
    QVERIFY2(failures.isEmpty(), qPrintable(QString("%1 rows differ, first: %2")
                                                .arg(failures.size())
                                                .arg(failures.mid(0, 5).join("\n"))));
}

QString demoPath() {
    return QStringLiteral(EVTX_SOURCE_DIR "/samples/demo.evtx");
}

// The files every check runs on: the demo log, and the shared samples and
// bench logs when there (an empty name stands for "shared missing").
void addFiles() {
    QTest::addColumn<QString>("file");
    QTest::newRow("demo") << demoPath();
    if (!sharedAvailable()) {
        QTest::newRow("shared") << QString();
        return;
    }
    const QDir samples(sharedDir() + "/evtx-samples");
    for (const QString& name : samples.entryList({"*.evtx"}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(name)) << samples.filePath(name);
    for (const char* name : {"security-32mb.evtx", "mixed-32mb.evtx"})
        QTest::newRow(name) << sharedDir() + "/bench/" + name;
}

// --- the log built byte by byte: values that need quoting ---------------

const std::u16string kNs = u"http://schemas.microsoft.com/win/2004/08/events/event";
constexpr std::array<uint8_t, 16> kGuid = {0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe,
                                           0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
const char16_t* const kDataNames[] = {u"TargetUserName", u"TargetDomainName", u"WorkstationName",
                                      u"IpAddress", u"LogonType"};

// <Event xmlns=NS><System><Provider Name={0}/><EventID>{1}</EventID>
//   <Level>{2}</Level><Keywords>{3}</Keywords><TimeCreated SystemTime={4}/>
//   <EventRecordID>{5}</EventRecordID><Execution ProcessID={6} ThreadID={7}/>
//   <Channel>{8}</Channel><Computer>{9}</Computer><Security UserID={10}/></System>
//   <EventData><Data Name=kDataNames[i]>{11+i}</Data>...</EventData></Event>
void securityTemplate(ChunkBuilder& b) {
    b.fragmentHeader();
    b.open(u"Event", true);
    b.attr(u"xmlns");
    b.text(kNs);
    b.closeStart();
    b.open(u"System");
    b.closeStart();
    b.open(u"Provider", true);
    b.attr(u"Name");
    b.subst(0, 0x01);
    b.closeEmpty();
    auto element = [&](std::u16string_view name, uint16_t index, uint8_t type) {
        b.open(name);
        b.closeStart();
        b.subst(index, type);
        b.end();
    };
    element(u"EventID", 1, 0x06);
    element(u"Level", 2, 0x04);
    element(u"Keywords", 3, 0x15);
    b.open(u"TimeCreated", true);
    b.attr(u"SystemTime");
    b.subst(4, 0x11);
    b.closeEmpty();
    element(u"EventRecordID", 5, 0x0a);
    b.open(u"Execution", true);
    b.attr(u"ProcessID", true);
    b.subst(6, 0x08);
    b.attr(u"ThreadID");
    b.subst(7, 0x08);
    b.closeEmpty();
    element(u"Channel", 8, 0x01);
    element(u"Computer", 9, 0x01);
    b.open(u"Security", true);
    b.attr(u"UserID");
    b.subst(10, 0x13);
    b.closeEmpty();
    b.end(); // System
    b.open(u"EventData");
    b.closeStart();
    uint16_t index = 11;
    for (const char16_t* name : kDataNames) {
        b.open(u"Data", true);
        b.attr(u"Name");
        b.text(name);
        b.closeStart();
        b.subst(index++, 0x01);
        b.end();
    }
    b.end(); // EventData
    b.end(); // Event
    b.endFragment();
}

struct BuiltEvent {
    std::u16string provider;
    uint16_t eventId;
    uint8_t level;
    uint64_t keywords;
    uint64_t fileTime;
    uint64_t recordId;
    uint32_t processId, threadId;
    std::u16string channel, computer;
    std::u16string data[5];
};

std::vector<Val> valuesOf(const BuiltEvent& e) {
    const ByteVec localSystem = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};
    std::vector<Val> v = {
        {0x01, utf16(e.provider)},  {0x06, le(e.eventId, 2)},  {0x04, le(e.level, 1)},
        {0x15, le(e.keywords, 8)},  {0x11, le(e.fileTime, 8)}, {0x0a, le(e.recordId, 8)},
        {0x08, le(e.processId, 4)}, {0x08, le(e.threadId, 4)}, {0x01, utf16(e.channel)},
        {0x01, utf16(e.computer)},  {0x13, localSystem}};
    for (const std::u16string& d : e.data)
        v.push_back({0x01, utf16(d)});
    return v;
}

QString q(const std::u16string& s) {
    return QString::fromStdU16String(s);
}

} // namespace

class TestCsvTimeline : public QObject {
    Q_OBJECT

  private slots:
    void cleanupTestCase() {
        // As evtxdump does: join TBB's workers before the process exits.
        tbb::task_scheduler_handle handle{tbb::attach{}};
        tbb::finalize(handle, std::nothrow);
    }

    // The reader the other checks rely on: it reads what RFC 4180 allows
    // and rejects the rest.
    void readerIsStrict_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QStringList>("fields"); // all rows, joined with '|' per row
        QTest::newRow("plain") << QByteArray("a,b,c\r\n1,,3\r\n") << true
                               << QStringList{"a|b|c", "1||3"};
        QTest::newRow("quoted") << QByteArray("\"a,b\",\"say \"\"hi\"\"\",\"\"\r\n") << true
                                << QStringList{"a,b|say \"hi\"|"};
        QTest::newRow("line breaks in quotes") << QByteArray("\"x\r\ny\",\"z\nw\",\"\r\"\r\n")
                                               << true << QStringList{"x\r\ny|z\nw|\r"};
        QTest::newRow("empty row") << QByteArray("\r\n") << true << QStringList{""};
        QTest::newRow("bare LF row end") << QByteArray("a,b\n") << false << QStringList{};
        QTest::newRow("bare CR row end") << QByteArray("a,b\rc\r\n") << false << QStringList{};
        QTest::newRow("no final CRLF") << QByteArray("a,b") << false << QStringList{};
        QTest::newRow("comma at end") << QByteArray("a,") << false << QStringList{};
        QTest::newRow("quote in unquoted field")
            << QByteArray("a\"b,c\r\n") << false << QStringList{};
        QTest::newRow("unclosed quote") << QByteArray("\"abc\r\n") << false << QStringList{};
        QTest::newRow("text after closing quote")
            << QByteArray("\"ab\"c,d\r\n") << false << QStringList{};
        QTest::newRow("single quote doubled wrongly")
            << QByteArray("\"a\"\"\r\n") << false << QStringList{};
    }
    void readerIsStrict() {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(QStringList, fields);
        std::string error;
        const auto rows = parseCsv(std::string_view(text.constData(), size_t(text.size())), &error);
        QCOMPARE(bool(rows), valid);
        if (!valid) {
            QVERIFY(!error.empty());
            return;
        }
        QStringList got;
        for (const CsvRow& row : *rows) {
            QStringList cells;
            for (const std::string& c : row)
                cells << QString::fromStdString(c);
            got << cells.join('|');
        }
        QCOMPARE(got, fields);
    }

    // Header, 27 fields a row, one row per JSONL line, each row's columns
    // as the JSON says; -t 2 writes the same bytes as -t 1.
    void timelineMatchesJsonl_data() { addFiles(); }
    void timelineMatchesJsonl() {
        QFETCH(QString, file);
        if (file.isEmpty()) SKIP_WITHOUT_SHARED();
        std::string error;
        const auto input = evtx::Input::openFile(file.toStdString(), error);
        QVERIFY2(input, error.c_str());
        const QByteArray one = csvDump(input->bytes(), 1, false, file.toStdString());
        const QByteArray two = csvDump(input->bytes(), 2, false, file.toStdString());
        QVERIFY2(one == two, "-t 2 output differs from -t 1");
        checkTimeline(one, jsonlDump(input->bytes(), false), file);
    }

    // --recover: the carved rows, and only they, are HiddenRecord True
    // (as many as the JSONL --recover dump marks "#recovered"); the other
    // columns still agree with the JSONL lines; -t 2 == -t 1.
    void recoveredRowsAreHidden_data() { addFiles(); }
    void recoveredRowsAreHidden() {
        QFETCH(QString, file);
        if (file.isEmpty()) SKIP_WITHOUT_SHARED();
        std::string error;
        const auto input = evtx::Input::openFile(file.toStdString(), error);
        QVERIFY2(input, error.c_str());
        const QByteArray one = csvDump(input->bytes(), 1, true, file.toStdString());
        const QByteArray two = csvDump(input->bytes(), 2, true, file.toStdString());
        QVERIFY2(one == two, "-t 2 output differs from -t 1");
        const JsonLines json = jsonlDump(input->bytes(), true);
        int marked = 0;
        for (const QJsonObject& line : json.lines)
            marked += line.contains("#recovered") ? 1 : 0;
        int hidden = -1;
        checkTimeline(one, json, file, &hidden);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(hidden, marked);
        // The samples the recovery table in PERF.md lists with records
        // written: these must have some.
        if (file.contains("RdpCoreTS") || file.contains("RemoteConnectionManager") ||
            file.contains("sample_with_a_bad_chunk_magic"))
            QVERIFY2(hidden > 0, "no recovered rows");
    }

    // Without --recover nothing is hidden, even in a log with slack records.
    void liveRowsNotHidden() {
        SKIP_WITHOUT_SHARED();
        const QString file = sharedDir() +
                             "/evtx-samples/2-vss_0-Microsoft-Windows-RemoteDesktopServices-"
                             "RdpCoreTS%4Operational.evtx";
        std::string error;
        const auto input = evtx::Input::openFile(file.toStdString(), error);
        QVERIFY2(input, error.c_str());
        QString why;
        const auto rows = parseOrFail(csvDump(input->bytes(), 1, false, "x"), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(rows.size() > 1);
        for (size_t i = 1; i < rows.size(); ++i)
            QCOMPARE(field(rows[i], HiddenRecord), QString("False"));
    }

    // The demo's 4624: the built-in knowledge (security.yaml: username
    // "{TargetDomainName}\{TargetUserName}") fills MapDescription and
    // UserName; RecordNumber is the record's number.
    void demoLogonDescribed() {
        std::string error;
        const auto input = evtx::Input::openFile(demoPath().toStdString(), error);
        QVERIFY2(input, error.c_str());
        QString why;
        const auto rows = parseOrFail(csvDump(input->bytes(), 1, false, "demo"), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const JsonLines json = jsonlDump(input->bytes(), false);
        QCOMPARE(qsizetype(rows.size() - 1), json.lines.size());
        int logons = 0;
        for (size_t i = 1; i < rows.size(); ++i) {
            const CsvRow& row = rows[i];
            QCOMPARE(field(row, RecordNumber), field(row, EventRecordId));
            if (field(row, EventId) != "4624" ||
                field(row, Provider) != "Microsoft-Windows-Security-Auditing")
                continue;
            ++logons;
            const QJsonObject data =
                json.lines[qsizetype(i - 1)]["Event"].toObject()["EventData"].toObject();
            const QString user =
                data["TargetDomainName"].toString() + "\\" + data["TargetUserName"].toString();
            QVERIFY(!data["TargetUserName"].toString().isEmpty());
            QVERIFY2(!field(row, MapDescription).isEmpty(), qPrintable(QString::number(i)));
            QCOMPARE(field(row, UserName), user);
            QCOMPARE(field(row, PayloadData1), "Target: " + user);
        }
        QVERIFY(logons > 0);
    }

    // Values with commas, quotes, CR and LF in every kind of column (System
    // text, Data, map columns built from Data, Payload) come back exactly.
    void quotingRoundTrips() {
        const BuiltEvent logon{
            u"Microsoft-Windows-Security-Auditing",
            4624,
            0,
            0x8020000000000000,
            133540126921234567, // 2024-03-04 07:58:12.1234567
            41,
            652,
            4512,
            u"Security",
            u"host,\"quoted\"\r\nname",
            {u"al,ice \"the\" admin\r\nline2", u"CORP,\"EU\"", u"WS\n01", u"10.0.0.1", u"3"}};
        const BuiltEvent other{u"Weird,\"Provider\"",
                               7,
                               3,
                               0,
                               133540126920000000, // 2024-03-04 07:58:12.0000000
                               42,
                               1,
                               2,
                               u"Chan\rnel", // a bare CR: quoted too
                               u"\"",
                               {u",", u"\"\"", u"\r", u"", u"a\"b"}};
        ChunkBuilder b;
        const uint32_t def = templateRecord(
            b, 41, 0, kGuid, [&] { securityTemplate(b); }, valuesOf(logon));
        templateRecord(b, 42, def, kGuid, {}, valuesOf(other));
        const ByteVec file = makeFile({b.finish(41, 42)});
        const std::string source = "C:\\logs\\a,\"b\".evtx";
        const QByteArray csv = csvDump(bytesOf(file), 1, false, source);
        QString why;
        const auto rows = parseOrFail(csv, &why);
        QVERIFY2(why.isEmpty(), qPrintable(why + "\n" + QString::fromUtf8(csv)));
        QCOMPARE(int(rows.size()), 3);
        for (const CsvRow& row : rows)
            QCOMPARE(int(row.size()), int(ColumnCount));

        const CsvRow& r1 = rows[1];
        QCOMPARE(field(r1, RecordNumber), QString("41"));
        QCOMPARE(field(r1, EventRecordId), QString("41"));
        QCOMPARE(field(r1, TimeCreated), QString("2024-03-04 07:58:12.1234567"));
        QCOMPARE(field(r1, EventId), QString("4624"));
        QCOMPARE(field(r1, Level), QString("LogAlways"));
        QCOMPARE(field(r1, Provider), q(logon.provider));
        QCOMPARE(field(r1, Channel), QString("Security"));
        QCOMPARE(field(r1, ProcessId), QString("652"));
        QCOMPARE(field(r1, ThreadId), QString("4512"));
        QCOMPARE(field(r1, Computer), q(logon.computer));
        QCOMPARE(field(r1, ChunkNumber), QString("0"));
        QCOMPARE(field(r1, UserId), QString("S-1-5-18"));
        QVERIFY(!field(r1, MapDescription).isEmpty());
        QCOMPARE(field(r1, UserName), q(logon.data[1]) + "\\" + q(logon.data[0]));
        QCOMPARE(field(r1, RemoteHost), q(logon.data[2]) + " (" + q(logon.data[3]) + ")");
        QCOMPARE(field(r1, PayloadData1), "Target: " + q(logon.data[1]) + "\\" + q(logon.data[0]));
        QCOMPARE(field(r1, HiddenRecord), QString("False"));
        QCOMPARE(field(r1, SourceFile), QString::fromStdString(source));
        QCOMPARE(field(r1, Keywords), QString("0x8020000000000000"));
        QCOMPARE(field(r1, ExtraDataOffset), QString("0"));
        const QJsonObject payload1 = QJsonDocument::fromJson(field(r1, Payload).toUtf8()).object();
        QCOMPARE(payload1.keys(), QStringList{"EventData"});
        const QJsonObject data1 = payload1["EventData"].toObject();
        for (size_t i = 0; i < 5; ++i)
            QCOMPARE(data1[q(kDataNames[i])].toString(), q(logon.data[i]));

        const CsvRow& r2 = rows[2];
        QCOMPARE(field(r2, EventRecordId), QString("42"));
        QCOMPARE(field(r2, TimeCreated), QString("2024-03-04 07:58:12.0000000"));
        QCOMPARE(field(r2, EventId), QString("7"));
        QCOMPARE(field(r2, Level), QString("Warning"));
        QCOMPARE(field(r2, Provider), q(other.provider));
        QCOMPARE(field(r2, Channel), q(other.channel));
        QCOMPARE(field(r2, Computer), q(other.computer));
        QCOMPARE(field(r2, MapDescription), QString());
        QCOMPARE(field(r2, UserName), QString());
        QCOMPARE(field(r2, Keywords), QString("0x0"));
        QCOMPARE(field(r2, SourceFile), QString::fromStdString(source));
        const QJsonObject data2 =
            QJsonDocument::fromJson(field(r2, Payload).toUtf8()).object()["EventData"].toObject();
        for (size_t i = 0; i < 5; ++i)
            QCOMPARE(data2[q(kDataNames[i])].toString(), q(other.data[i]));

        // And the whole file agrees with its JSONL dump.
        checkTimeline(csv, jsonlDump(bytesOf(file), false), QString::fromStdString(source));
    }
};

QTEST_GUILESS_MAIN(TestCsvTimeline)
#include "tst_csv_timeline.moc"
