// evtxdump --sigma over samples/demo.evtx with hand-written rules: every
// line parses as JSON; each rule's detections are exactly the records its
// condition selects, counted here from the -o jsonl dump; -t 2 writes what
// -t 1 writes; --sigma-summary counts the lines; --min-level drops rules;
// an unsupported rule is named on stderr. With ../shared: a regression
// test's log gives its match_count lines for its rule.
#include "evtxdump_process.hpp"
#include "file_bytes.hpp"
#include "shared_dir.hpp"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

namespace {

using Result = EvtxdumpRun;

// The rules: a Security logon type, a Sysmon image suffix, a System event,
// and one this engine cannot apply (a correlation rule).
const char* kRdpLogon = R"(title: RDP logon
id: 00000000-0000-0000-0000-00000000000a
status: test
level: high
tags: [attack.t1021.001, attack.lateral-movement]
logsource: {product: windows, service: security}
detection:
  sel: {EventID: 4624, LogonType: 10}
  condition: sel
)";
const char* kPowershell = R"(title: PowerShell "started"
id: 00000000-0000-0000-0000-00000000000b
status: experimental
level: medium
logsource: {product: windows, service: sysmon}
detection:
  sel:
    EventID: 1
    Image|endswith: '\powershell.exe'
  condition: sel
)";
const char* kServiceState = R"(title: Service state
id: 00000000-0000-0000-0000-00000000000c
status: test
level: low
logsource: {product: windows, service: system}
detection:
  sel: {EventID: 7036}
  condition: sel
)";
const char* kCorrelation = R"(title: Many logons
id: 00000000-0000-0000-0000-00000000000d
correlation: {type: event_count, rules: [x], group-by: [User], timespan: 1h}
)";

const char* kRdp = "00000000-0000-0000-0000-00000000000a";
const char* kPs = "00000000-0000-0000-0000-00000000000b";
const char* kSvc = "00000000-0000-0000-0000-00000000000c";

QString text(const QJsonValue& v) {
    if (v.isObject()) return text(v.toObject().value("#text")); // EventID with Qualifiers
    return v.toVariant().toString();
}

// Each line as a JSON object; fails (empty list) when one does not parse.
QList<QJsonObject> parseLines(const QByteArray& out) {
    QList<QJsonObject> lines;
    for (const QByteArray& line : out.split('\n')) {
        if (line.isEmpty()) continue;
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &e);
        if (e.error != QJsonParseError::NoError || !doc.isObject()) return {};
        lines << doc.object();
    }
    return lines;
}

// Record ids per rule id, from the detection lines.
QMap<QString, QList<qint64>> byRule(const QList<QJsonObject>& lines) {
    QMap<QString, QList<qint64>> ids;
    for (const QJsonObject& o : lines)
        ids[o["rule_id"].toString()] << o["EventRecordID"].toInteger();
    return ids;
}

} // namespace

class TestEvtxdumpSigma : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString rules_, demo_;

    QByteArray out(const QStringList& args) {
        const Result r = evtxdump(args);
        if (r.code != 0) qWarning("evtxdump %s: %s", qPrintable(args.join(' ')), r.err.constData());
        return r.code == 0 ? r.out : QByteArray("<failed>");
    }

    // The record ids of demo.evtx that `select` accepts, from -o jsonl.
    QList<qint64>
    selected(const std::function<bool(const QJsonObject&, const QJsonObject&)>& select) {
        QList<qint64> ids;
        for (const QByteArray& line : out({"-t", "1", "-o", "jsonl", demo_}).split('\n')) {
            if (line.isEmpty()) continue;
            const QJsonObject event = QJsonDocument::fromJson(line).object()["Event"].toObject();
            const QJsonObject system = event["System"].toObject();
            if (select(system, event["EventData"].toObject()))
                ids << system["EventRecordID"].toInteger();
        }
        return ids;
    }

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY(QFileInfo(EVTXDUMP_PATH).isExecutable());
        demo_ = QString(EVTX_SOURCE_DIR) + "/samples/demo.evtx";
        rules_ = dir_.filePath("rules");
        QVERIFY(QDir().mkpath(rules_ + "/more"));
        QVERIFY(writeAll(rules_ + "/rdp_logon.yml", kRdpLogon));
        QVERIFY(writeAll(rules_ + "/more/powershell.yaml", kPowershell));
        QVERIFY(writeAll(rules_ + "/more/service_state.yml", kServiceState));
        QVERIFY(writeAll(rules_ + "/correlation.yml", kCorrelation));
    }

    void detectionsAreTheSelectedRecords() {
        const QList<QJsonObject> lines = parseLines(out({"-t", "1", "--sigma", rules_, demo_}));
        QVERIFY(!lines.isEmpty());
        const auto ids = byRule(lines);
        const QList<qint64> rdp = selected([](const QJsonObject& s, const QJsonObject& d) {
            return s["Channel"].toString() == "Security" && text(s["EventID"]) == "4624" &&
                   text(d["LogonType"]) == "10";
        });
        const QList<qint64> ps = selected([](const QJsonObject& s, const QJsonObject& d) {
            return s["Channel"].toString() == "Microsoft-Windows-Sysmon/Operational" &&
                   text(s["EventID"]) == "1" &&
                   d["Image"].toString().toLower().endsWith("\\powershell.exe");
        });
        const QList<qint64> svc = selected([](const QJsonObject& s, const QJsonObject&) {
            return s["Channel"].toString() == "System" && text(s["EventID"]) == "7036";
        });
        QVERIFY(!rdp.isEmpty() && !ps.isEmpty() && !svc.isEmpty());
        QCOMPARE(ids.value(kRdp), rdp);
        QCOMPARE(ids.value(kPs), ps);
        QCOMPARE(ids.value(kSvc), svc);
        QCOMPARE(ids.size(), 3);
    }

    void lineFields() {
        const QList<QJsonObject> lines = parseLines(out({"--sigma", rules_, demo_}));
        QVERIFY(!lines.isEmpty());
        for (const QJsonObject& o : lines) {
            if (o["rule_id"].toString() != kRdp) continue;
            QCOMPARE(o["rule_title"].toString(), QString("RDP logon"));
            QCOMPARE(o["level"].toString(), QString("high"));
            QCOMPARE(o["status"].toString(), QString("test"));
            QCOMPARE(o["tags"].toArray().size(), 2);
            QCOMPARE(o["Channel"].toString(), QString("Security"));
            QCOMPARE(o["EventID"].toInt(), 4624);
            QCOMPARE(o["source_file"].toString(), demo_);
            QVERIFY(!o["Computer"].toString().isEmpty());
            const QString time = o["TimeCreated"].toString();
            QVERIFY2(QRegularExpression(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$)")
                         .match(time)
                         .hasMatch(),
                     qPrintable(time));
            const QJsonObject matched = o["matched"].toObject();
            QCOMPARE(text(matched["LogonType"]), QString("10"));
            QCOMPARE(text(matched["EventID"]), QString("4624"));
        }
    }

    void threadsWriteTheSame() {
        const QByteArray one = out({"-t", "1", "--sigma", rules_, demo_});
        QVERIFY(one.count('\n') > 0);
        QCOMPARE(out({"-t", "2", "--sigma", rules_, demo_}), one);
        // Several inputs, and --filter, also alike.
        QCOMPARE(out({"-t", "2", "--sigma", rules_, demo_, demo_}),
                 out({"-t", "1", "--sigma", rules_, demo_, demo_}));
        const QByteArray filtered =
            out({"-t", "2", "--sigma", rules_, "--filter", "EventID == 7036", demo_});
        const auto ids = byRule(parseLines(filtered));
        QCOMPARE(ids.keys(), QList<QString>{kSvc});
        QCOMPARE(ids.value(kSvc), byRule(parseLines(one)).value(kSvc));
    }

    void summaryCountsTheLines() {
        const auto ids = byRule(parseLines(out({"--sigma", rules_, demo_})));
        const QByteArray summary = out({"-t", "2", "--sigma", rules_, "--sigma-summary", demo_});
        const QList<QByteArray> rows = summary.trimmed().split('\n');
        QCOMPARE(rows.size(), ids.size());
        qint64 previous = -1;
        for (const QByteArray& row : rows) {
            const QList<QByteArray> cols = row.split('\t');
            QCOMPARE(cols.size(), 4);
            const qint64 count = cols[0].toLongLong();
            QCOMPARE(count, qint64(ids.value(QString(cols[2])).size()));
            QVERIFY(previous < 0 || count <= previous); // by count, descending
            previous = count;
        }
        QVERIFY(summary.contains("\thigh\t00000000-0000-0000-0000-00000000000a\tRDP logon\n"));
    }

    void minLevel() {
        const auto medium =
            byRule(parseLines(out({"--sigma", rules_, "--min-level", "medium", demo_})));
        QCOMPARE(medium.keys(), (QList<QString>{kRdp, kPs}));
        const auto high =
            byRule(parseLines(out({"--sigma", rules_, "--min-level", "high", demo_})));
        QCOMPARE(high.keys(), QList<QString>{kRdp});
        QCOMPARE(evtxdump({"--sigma", rules_, "--min-level", "severe", demo_}).code == 0, false);
    }

    void unsupportedOnStderr() {
        const Result r = evtxdump({"--sigma", rules_, "--sigma", rules_ + "/rdp_logon.yml", demo_});
        QCOMPARE(r.code, 0);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(
            err.contains("evtxdump: sigma: " + rules_ + "/correlation.yml: correlation rule\n"),
            qPrintable(err));
        QVERIFY2(err.contains("evtxdump: sigma: 4 rules loaded, 1 unsupported\n"), qPrintable(err));
        // Only unsupported rules: nothing to apply, a failure.
        const Result none = evtxdump({"--sigma", rules_ + "/correlation.yml", demo_});
        QCOMPARE(none.code, 1);
    }

    void sharedRegressionLog() {
        SKIP_WITHOUT_SHARED();
        // "Files With System DLL Name In Unsuspected Locations": match_count 1.
        const QString id = "13c02350-4177-4e45-ac17-cf7ca628ff5e";
        const QString sigma = sharedDir() + "/sigma";
        const QString log = sigma +
                            "/regression_data/rules/windows/file/file_event/"
                            "file_event_win_creation_system_dll_files/" +
                            id + ".evtx";
        if (!QFile::exists(log)) QSKIP("the regression log is not in ../shared/sigma");
        const auto ids = byRule(parseLines(out({"--sigma", sigma + "/rules", log})));
        QCOMPARE(ids.value(id).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEvtxdumpSigma)
#include "tst_evtxdump_sigma.moc"
