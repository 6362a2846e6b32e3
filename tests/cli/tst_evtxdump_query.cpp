// evtxdump --filter / --xpath / --query / --count, run as a process: the
// records written are exactly the golden lines (or XML records) that the
// same predicate, evaluated here on the parsed golden JSON, selects; errors
// in a query exit non-zero with the position.
#include "evtxdump_process.hpp"
#include "shared_dir.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

namespace {

using Result = EvtxdumpRun;

QString sample(const QString& name) {
    return sharedDir() + "/evtx-samples/" + name + ".evtx";
}

QByteArray golden(const QString& file) {
    QFile f(sharedDir() + "/golden/" + file);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read golden %s", qPrintable(file));
    return f.readAll();
}

QList<QByteArray> goldenLines(const QString& name) {
    QList<QByteArray> lines = golden(name + ".jsonl").split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
    return lines;
}

// Golden XML per record: each block starts with "Record N".
QList<QByteArray> goldenXmlRecords(const QString& name) {
    const QByteArray all = golden(name + ".xml");
    QList<QByteArray> out;
    qsizetype pos = 0;
    while (pos < all.size()) {
        qsizetype next = all.indexOf("\nRecord ", pos);
        next = next < 0 ? all.size() : next + 1;
        out << all.mid(pos, next - pos);
        pos = next;
    }
    return out;
}

using Predicate = std::function<bool(const QJsonObject& event, const QByteArray& line)>;

QJsonObject eventOf(const QByteArray& line) {
    return QJsonDocument::fromJson(line).object().value("Event").toObject();
}
QJsonObject systemOf(const QJsonObject& e) {
    return e.value("System").toObject();
}
int eventIdOf(const QJsonObject& e) {
    const QJsonValue v = systemOf(e).value("EventID");
    return (v.isObject() ? v.toObject().value("#text") : v).toInt();
}
QString dataOf(const QJsonObject& e, const char* name) {
    return e.value("EventData").toObject().value(name).toString();
}

// The unnamed <Data> values of a classic event, in order: the golden JSON
// folds them into EventData.Data's #text (one value or an array).
QStringList unnamedDataOf(const QJsonObject& e) {
    const QJsonValue text = e.value("EventData").toObject().value("Data").toObject().value("#text");
    const QJsonArray values = text.isArray() ? text.toArray() : QJsonArray{text};
    QStringList out;
    for (const QJsonValue& v : values)
        out << (v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString());
    if (text.isUndefined()) out.clear();
    return out;
}

// The golden JSONL lines the predicate keeps, each with its newline.
QByteArray selectedLines(const QString& name, const Predicate& keep, int* count = nullptr) {
    QByteArray out;
    int n = 0;
    for (const QByteArray& line : goldenLines(name)) {
        if (!keep(eventOf(line), line)) continue;
        out += line + '\n';
        ++n;
    }
    if (count) *count = n;
    return out;
}

} // namespace

Q_DECLARE_METATYPE(Predicate)

class TestEvtxdumpQuery : public QObject {
    Q_OBJECT

  private slots:
    void filteredJsonlIsTheGoldenSelection_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<Predicate>("keep");
        QTest::newRow("4624 SYSTEM")
            << "security"
            << "EventID == 4624 and Data.TargetUserName == \"SYSTEM\""
            << Predicate([](const QJsonObject& e, const QByteArray&) {
                   return eventIdOf(e) == 4624 &&
                          dataOf(e, "TargetUserName").compare("SYSTEM", Qt::CaseInsensitive) == 0;
               });
        QTest::newRow("Level 2") << "system"
                                 << "Level == 2"
                                 << Predicate([](const QJsonObject& e, const QByteArray&) {
                                        return systemOf(e).value("Level").toInt() == 2;
                                    });
        QTest::newRow("anywhere") << "security"
                                  << "\"lsass.exe\""
                                  << Predicate([](const QJsonObject&, const QByteArray& line) {
                                         return line.toLower().contains("lsass.exe");
                                     });
        QTest::newRow("time range")
            << "security"
            << "TimeCreated >= \"2016-08-01\" and TimeCreated < \"2017-04-01T00:00:00Z\""
            << Predicate([](const QJsonObject&, const QByteArray& line) {
                   const QByteArray t = line.mid(line.indexOf("\"SystemTime\":\"") + 14, 20);
                   return t >= "2016-08-01" && t < "2017-04-01T00:00:00Z";
               });
        QTest::newRow("sysmon image")
            << "sysmon"
            << "EventID in (1, 3) and Data.Image contains \"svchost.exe\""
            << Predicate([](const QJsonObject& e, const QByteArray&) {
                   return (eventIdOf(e) == 1 || eventIdOf(e) == 3) &&
                          dataOf(e, "Image").contains("svchost.exe", Qt::CaseInsensitive);
               });
        QTest::newRow("unnamed Data[2]")
            << "system"
            << "Data[2] == \"Intel(R) 82574L Gigabit Network Connection\""
            << Predicate([](const QJsonObject& e, const QByteArray&) {
                   const QStringList data = unnamedDataOf(e);
                   return data.size() >= 2 && data[1].compare("Intel(R) 82574L Gigabit Network "
                                                              "Connection",
                                                              Qt::CaseInsensitive) == 0;
               });
        QTest::newRow("unnamed Data.Data[5] as a number") // EventLog 6013: uptime seconds
            << "2-vss_7-System"
            << "EventID == 6013 and Data.Data[5] > 100000"
            << Predicate([](const QJsonObject& e, const QByteArray&) {
                   const QStringList data = unnamedDataOf(e);
                   return eventIdOf(e) == 6013 && data.size() >= 5 &&
                          data[4].toULongLong() > 100000;
               });
        QTest::newRow("regex provider or")
            << "system"
            << "Provider ~ \"^microsoft-windows-(kernel|time)\" or EventID == 7036"
            << Predicate([](const QJsonObject& e, const QByteArray&) {
                   const QString p = systemOf(e)
                                         .value("Provider")
                                         .toObject()
                                         .value("#attributes")
                                         .toObject()
                                         .value("Name")
                                         .toString()
                                         .toLower();
                   return p.startsWith("microsoft-windows-kernel") ||
                          p.startsWith("microsoft-windows-time") || eventIdOf(e) == 7036;
               });
    }
    void filteredJsonlIsTheGoldenSelection() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        QFETCH(QString, filter);
        QFETCH(Predicate, keep);
        int count = 0;
        const QByteArray expected = selectedLines(name, keep, &count);
        QVERIFY2(count > 0, "the test needs matches");
        for (const char* threads : {"1", "0"}) {
            Result r = evtxdump({"-o", "jsonl", "-t", threads, "--filter", filter, sample(name)});
            QCOMPARE(r.code, 0);
            QCOMPARE(r.out, expected);
        }
        Result c = evtxdump({"--count", "--filter", filter, sample(name)});
        QCOMPARE(c.code, 0);
        QCOMPARE(c.out, QByteArray::number(count) + '\n');
    }

    void filteredXmlIsTheGoldenSelection() {
        SKIP_WITHOUT_SHARED();
        const QList<QByteArray> lines = goldenLines("security");
        const QList<QByteArray> records = goldenXmlRecords("security");
        QCOMPARE(records.size(), lines.size());
        QByteArray expected;
        for (qsizetype i = 0; i < lines.size(); ++i)
            if (eventIdOf(eventOf(lines[i])) == 4672) expected += records[i];
        QVERIFY(!expected.isEmpty());
        Result r = evtxdump({"-o", "xml", "--filter", "EventID == 4672", sample("security")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, expected);
    }

    void xpathAndQueryFile() {
        SKIP_WITHOUT_SHARED();
        int count = 0;
        const QByteArray expected = selectedLines(
            "security",
            [](const QJsonObject& e, const QByteArray&) {
                const int id = eventIdOf(e);
                return (id == 4624 || id == 4625) && dataOf(e, "TargetUserName") != "SYSTEM";
            },
            &count);
        QVERIFY(count > 0);
        Result x = evtxdump({"-o", "jsonl", "--xpath",
                             "*[System[(EventID=4624 or EventID=4625)] and "
                             "EventData[Data[@Name='TargetUserName']!='SYSTEM']]",
                             sample("security")});
        QCOMPARE(x.code, 0);
        QCOMPARE(x.out, expected);

        QTemporaryDir dir;
        const QString path = dir.filePath("view.xml");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<QueryList>\n  <Query Id=\"0\" Path=\"Security\">\n"
                "    <Select Path=\"Security\">*[System[(EventID=4624 or EventID=4625)]]</Select>\n"
                "    <Suppress Path=\"Security\">*[EventData[Data[@Name='TargetUserName']="
                "'SYSTEM']]</Suppress>\n  </Query>\n</QueryList>\n");
        f.close();
        Result q = evtxdump({"-o", "jsonl", "--query", path, sample("security")});
        QCOMPARE(q.code, 0);
        QCOMPARE(q.out, expected);
        Result c = evtxdump({"--count", "--query", path, sample("security")});
        QCOMPARE(c.out, QByteArray::number(count) + '\n');
    }

    // `Recovered` in --filter: with --recover it selects exactly the records
    // the unfiltered run marks "#recovered" (those with only raw values are
    // left out of filtered output), and `not Recovered` the live records,
    // which are the golden file's.
    void recoveredFieldSelectsRecoveredRecords() {
        SKIP_WITHOUT_SHARED();
        const QString name =
            "2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational";
        Result all = evtxdump({"-o", "jsonl", "--recover", sample(name)});
        QCOMPARE(all.code, 0);
        QList<QByteArray> recovered, live;
        for (const QByteArray& line : all.out.split('\n')) {
            if (line.isEmpty()) continue;
            if (!line.contains("\"#recovered\":"))
                live << line;
            else if (!line.contains("\"#template_lost\""))
                recovered << line;
        }
        QVERIFY(recovered.size() > 10); // 83 of 153 carved records keep their template
        QCOMPARE(live, goldenLines(name));
        for (const QString threads : {"1", "2"}) {
            Result r = evtxdump(
                {"-o", "jsonl", "-t", threads, "--recover", "--filter", "Recovered", sample(name)});
            QCOMPARE(r.code, 0);
            QCOMPARE(r.out, recovered.join('\n') + '\n');
            Result n = evtxdump({"-o", "jsonl", "-t", threads, "--recover", "--filter",
                                 "Recovered == false", sample(name)});
            QCOMPARE(n.out, live.join('\n') + '\n');
        }
    }

    void countWithoutFilterCountsEveryRecord() {
        SKIP_WITHOUT_SHARED();
        Result r = evtxdump({"--count", sample("security")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray::number(goldenLines("security").size()) + '\n');
    }

    void queryErrorsExitWithThePosition() {
        SKIP_WITHOUT_SHARED();
        Result r = evtxdump({"--filter", "EventID == and", sample("security")});
        QVERIFY(r.code != 0);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err, QByteArray("evtxdump: --filter: at 11: expected a value (a number, quoted "
                                   "text or now - 24h), found 'and'\n  EventID == and\n"
                                   "             ^\n"));

        Result d = evtxdump({"--filter", "Data[0] == \"x\"", sample("system")});
        QVERIFY(d.code != 0);
        QVERIFY(d.out.isEmpty());
        QCOMPARE(d.err, QByteArray("evtxdump: --filter: at 5: Data[N] counts from 1: Data[1] is "
                                   "the first unnamed value\n  Data[0] == \"x\"\n       ^\n"));

        Result x = evtxdump({"--xpath", "*[System[Foo=1]]", sample("security")});
        QVERIFY(x.code != 0);
        QVERIFY2(x.err.startsWith("evtxdump: --xpath: at 9: expected a System element"), x.err);

        QTemporaryDir dir;
        const QString path = dir.filePath("bad.xml");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "<QueryList>\n<Query>\n<Select>*[System[Level=]]</Select>\n</Query>\n</QueryList>\n");
        f.close();
        Result q = evtxdump({"--query", path, sample("security")});
        QVERIFY(q.code != 0);
        QCOMPARE(q.err, (QString("evtxdump: %1:3:24: expected a value: a number or 'quoted "
                                 "text'\n")
                             .arg(path))
                            .toUtf8());

        Result missing = evtxdump({"--query", dir.filePath("none.xml"), sample("security")});
        QVERIFY(missing.code != 0);
        QVERIFY(missing.err.contains("cannot read query file"));

        Result both = evtxdump({"--filter", "EventID == 1", "--xpath", "*", sample("security")});
        QVERIFY(both.code != 0);
        QVERIFY(both.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEvtxdumpQuery)
#include "tst_evtxdump_query.moc"
