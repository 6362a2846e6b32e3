// Exports are byte for byte what evtxdump writes: all records of the demo
// log against the evtxdump binary, a selection in table order, CSV (the
// timeline of evtxdump -o csv, parsed as RFC 4180), and
// cancellation (the shared samples against their golden files:
// tst_export_corpus).
#include "csv_reader.hpp"
#include "export/export_job.hpp"
#include "export_support.hpp"
#include "log_samples.hpp"
#include "log_sources.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <numeric>

using namespace evtxui;

class ExportTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

  private slots:
    void initTestCase() {
        useTestSettings();
        QVERIFY(dir_.isValid());
    }

    // The whole log, as evtxdump writes it (the shared samples, damaged ones
    // included, and their golden files: tst_export_corpus).
    void allRecordsEqualEvtxdump() {
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));

        const QString jsonl = dir_.filePath("demo.jsonl");
        QVERIFY(runExport(doc, allRows(doc), evtx::ExportFormat::Jsonl, jsonl));
        const QByteArray dumped = runEvtxdump({"-o", "jsonl", "-t", "1", EVTX_DEMO_LOG});
        QCOMPARE(qulonglong(dumped.count('\n')), qulonglong(doc.index().size()));
        QCOMPARE(readAll(jsonl), dumped);
        QVERIFY(!QFile::exists(jsonl + ".part"));

        const QString xml = dir_.filePath("demo.xml");
        QVERIFY(runExport(doc, allRows(doc), evtx::ExportFormat::Xml, xml));
        QCOMPARE(readAll(xml), runEvtxdump({"-o", "xml", EVTX_DEMO_LOG}));
    }

    // Recovery on: the export writes what evtxdump --recover writes (the
    // demo log has nothing to recover; carved records: tst_export_corpus).
    void recoveredExportEqualsEvtxdump() {
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        evtx::IndexOptions options;
        options.recover = true;
        doc.startIndexing(options);
        QVERIFY(waitIndexed(&doc));

        const QString jsonl = dir_.filePath("demo.recovered.jsonl");
        QVERIFY(runExport(doc, allRows(doc), evtx::ExportFormat::Jsonl, jsonl));
        const QByteArray dumped =
            runEvtxdump({"-o", "jsonl", "-t", "1", "--recover", EVTX_DEMO_LOG});
        QCOMPARE(readAll(jsonl), dumped);
        QCOMPARE(qulonglong(dumped.count("\"#recovered\":")), qulonglong(doc.recoveredCount()));
        for (const QByteArray& line : dumped.split('\n'))
            QVERIFY(line.isEmpty() || QJsonDocument::fromJson(line).isObject());

        const QString xml = dir_.filePath("demo.recovered.xml");
        QVERIFY(runExport(doc, allRows(doc), evtx::ExportFormat::Xml, xml));
        QCOMPARE(readAll(xml), runEvtxdump({"-o", "xml", "--recover", EVTX_DEMO_LOG}));
    }

    void selectionInTableOrder_data() { addLogRows({"security"}); }
    void selectionInTableOrder() {
        QFETCH(QString, name);
        LogDocument doc(logPath(name));
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        const QList<QByteArray> lines = logJsonLines(name);
        QCOMPARE(lines.size(), qsizetype(doc.index().size()));
        const std::vector<uint32_t> rows{7, 2, 1000, 3};
        QByteArray memory;
        QVERIFY(runExport(doc, rows, evtx::ExportFormat::Jsonl, QString(), &memory));
        QByteArray expected;
        for (uint32_t r : rows)
            expected += lines[r] + '\n';
        QCOMPARE(memory, expected);
    }

    // CSV is the timeline of evtxdump -o csv, written by the same writer:
    // the whole log is byte for byte what evtxdump writes for it.
    void csvIsEvtxdumpsTimeline() {
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        const QString csv = dir_.filePath("demo.csv");
        QVERIFY(runExport(doc, allRows(doc), ExportJob::formatForPath(csv), csv));
        QCOMPARE(readAll(csv), runEvtxdump({"-o", "csv", "-t", "1", EVTX_DEMO_LOG}));
    }

    // Every row parses (RFC 4180) with the header's number of fields, one
    // per selected record, in UTC, and its Payload is the record's
    // EventData / UserData as the JSONL export writes it; the table's Data
    // columns follow Payload.
    void csvRowsParseAndCarryThePayload_data() { addLogRows({"system", "security"}); }
    void csvRowsParseAndCarryThePayload() {
        QFETCH(QString, name);
        LogDocument doc(logPath(name));
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        std::vector<uint32_t> rows = allRows(doc);
        if (rows.size() > 300) rows = {7, 2, 250, 3, uint32_t(rows.size() - 1), 100};
        QByteArray jsonl;
        QVERIFY(runExport(doc, rows, evtx::ExportFormat::Jsonl, QString(), &jsonl));
        const QList<QByteArray> lines = jsonl.split('\n');

        ExportJob job(&doc, rows, evtx::ExportFormat::Csv, QString());
        job.setTimeZoneMode(TimeZoneMode::Utc); // the default (local times: tst_time_zones)
        job.setDataColumns({"TargetUserName"});
        QSignalSpy finished(&job, &ExportJob::finished);
        job.start();
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.first().at(0).toBool());
        QString error;
        const QList<QStringList> table = readCsv(job.result(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(table.size(), qsizetype(rows.size()) + 1);
        const QStringList header = table[0];
        QCOMPARE(header.join(','),
                 QStringLiteral("RecordNumber,EventRecordId,TimeCreated,EventId,Level,Provider,"
                                "Channel,ProcessId,ThreadId,Computer,ChunkNumber,UserId,"
                                "MapDescription,UserName,RemoteHost,PayloadData1,PayloadData2,"
                                "PayloadData3,PayloadData4,PayloadData5,PayloadData6,"
                                "ExecutableInfo,HiddenRecord,SourceFile,Keywords,"
                                "ExtraDataOffset,Payload,TargetUserName"));
        const qsizetype payload = header.indexOf("Payload");
        for (qsizetype i = 1; i < table.size(); ++i) {
            const QStringList& row = table[i];
            QCOMPARE(row.size(), header.size());
            const QJsonObject event =
                QJsonDocument::fromJson(lines[i - 1]).object()["Event"].toObject();
            const QJsonObject system = event["System"].toObject();
            QCOMPARE(row[1].toULongLong(), system["EventRecordID"].toVariant().toULongLong());
            // UTC, as EvtxECmd writes it: the SystemTime (JSON: 6 digits)
            // with a space, no Z, to 100 ns.
            const QString utc =
                system["TimeCreated"].toObject()["#attributes"].toObject()["SystemTime"].toString();
            QVERIFY2(row[2].startsWith(QString(utc).replace('T', ' ').remove('Z')),
                     qPrintable(row[2] + " vs " + utc));
            QCOMPARE(row[2].size(), qsizetype(27));
            QJsonObject expected;
            for (const char* member : {"EventData", "UserData"})
                if (event.contains(member)) expected[member] = event[member];
            const QJsonDocument got = QJsonDocument::fromJson(row[payload].toUtf8());
            if (expected.isEmpty())
                QVERIFY(row[payload].isEmpty());
            else
                QCOMPARE(got.object(), expected);
            const QJsonValue user = event["EventData"].toObject()["TargetUserName"];
            QCOMPARE(row.last(), user.isString() ? user.toString() : QString());
        }
    }

    // Classic events' unnamed values: a Data[2] column holds the second; a
    // column named plain "Data" (saved by older versions) every one, joined
    // as the table shows them, in the table and in the CSV.
    void unnamedDataColumns() {
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        const QList<QByteArray> lines = logJsonLines(kDemo);
        std::vector<uint32_t> rows;
        QStringList joined, second;
        for (qsizetype i = 0; i < lines.size() && rows.size() < 5; ++i) {
            const QJsonValue text = QJsonDocument::fromJson(lines[i])
                                        .object()["Event"]
                                        .toObject()["EventData"]
                                        .toObject()["Data"]
                                        .toObject()["#text"];
            if (!text.isArray()) continue;
            QStringList values;
            for (const QJsonValue& v : text.toArray())
                values << v.toString();
            rows.push_back(uint32_t(i));
            joined << values.join(", ");
            second << values.value(1);
        }
        QVERIFY(rows.size() >= 2);
        RecordTableModel model(&doc);
        model.addDataColumn("Data");
        model.addDataColumn("Data[2]");
        ExportJob job(&doc, rows, evtx::ExportFormat::Csv, QString());
        job.setDataColumns(model.dataColumns());
        QSignalSpy finished(&job, &ExportJob::finished);
        job.start();
        QVERIFY(finished.wait(60000));
        QString error;
        const QList<QStringList> table = readCsv(job.result(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(table.size(), qsizetype(rows.size()) + 1);
        for (size_t k = 0; k < rows.size(); ++k) {
            const int r = model.tableRow(rows[k]);
            QCOMPARE(model.index(r, kColumnCount).data().toString(), joined[qsizetype(k)]);
            QCOMPARE(model.index(r, kColumnCount + 1).data().toString(), second[qsizetype(k)]);
            QCOMPARE(table[qsizetype(k) + 1].mid(table[0].size() - 2),
                     (QStringList{joined[qsizetype(k)], second[qsizetype(k)]}));
        }
    }

    void cancelLeavesNoFile() {
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        const QString path = dir_.filePath("cancelled.jsonl");
        std::vector<uint32_t> rows;
        for (int k = 0; k < 50; ++k) {
            const auto all = allRows(doc);
            rows.insert(rows.end(), all.begin(), all.end());
        }
        ExportJob job(&doc, rows, evtx::ExportFormat::Xml, path);
        QSignalSpy finished(&job, &ExportJob::finished);
        job.start();
        job.cancel();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + ".part"));
    }

    void formatFromFileName() {
        QCOMPARE(ExportJob::formatForPath("a.XML"), evtx::ExportFormat::Xml);
        QCOMPARE(ExportJob::formatForPath("a.csv"), evtx::ExportFormat::Csv);
        QCOMPARE(ExportJob::formatForPath("a.jsonl"), evtx::ExportFormat::Jsonl);
    }
};

QTEST_MAIN(ExportTest)
#include "tst_export.moc"
