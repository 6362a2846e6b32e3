// Exports are byte for byte what evtxdump writes: all records of the demo
// log against the evtxdump binary, a selection in table order, CSV, and
// cancellation (the shared samples against their golden files:
// tst_export_corpus).
#include "export/export_job.hpp"
#include "export_support.hpp"
#include "log_samples.hpp"
#include "log_sources.hpp"
#include "ui_test_support.hpp"

#include <QJsonDocument>
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

    void csvHasHeaderAndOneLinePerRecord_data() { addLogRows({"system"}); }
    void csvHasHeaderAndOneLinePerRecord() {
        QFETCH(QString, name);
        LogDocument doc(logPath(name));
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        const QString csv = dir_.filePath(name + ".csv");
        QVERIFY(runExport(doc, allRows(doc), ExportJob::formatForPath(csv), csv));
        const QList<QByteArray> lines = readAll(csv).split('\n');
        QCOMPARE(lines.size(), logJsonLines(name).size() + 2); // header + final empty
        QVERIFY(lines[0].startsWith("Level,Date and Time (UTC),Source,Event ID"));
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
