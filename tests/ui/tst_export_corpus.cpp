// Exports of the shared samples (damaged ones included) are byte for byte
// the golden files and what the evtxdump binary writes, with and without
// recovery. Needs ../shared: tst_export tests the same on the demo log.
#include "export/export_job.hpp"
#include "export_support.hpp"
#include "log_sources.hpp"
#include "ui_test_support.hpp"

#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <numeric>

using namespace evtxui;

class ExportCorpusTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    void addRows() {
        QTest::addColumn<QString>("name");
        for (const char* n :
             {"security", "system", "sample_with_a_bad_chunk_magic", "sysmon",
              "2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational",
              "sample-with-zero-data-size-event"})
            QTest::newRow(n) << QString(n);
    }

  private slots:
    void initTestCase() {
        useTestSettings();
        QVERIFY(dir_.isValid());
    }

    void allRecordsEqualGoldenAndEvtxdump_data() { addRows(); }
    void allRecordsEqualGoldenAndEvtxdump() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        LogDocument doc(samplePath(name));
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));

        const QString jsonl = dir_.filePath(name + ".jsonl");
        QVERIFY(runExport(doc, allRows(doc), evtx::ExportFormat::Jsonl, jsonl));
        QCOMPARE(readAll(jsonl), readGolden(name, ".jsonl"));
        QCOMPARE(readAll(jsonl), runEvtxdump({"-o", "jsonl", "-t", "1", samplePath(name)}));
        QVERIFY(!QFile::exists(jsonl + ".part"));

        const QString xml = dir_.filePath(name + ".xml");
        QVERIFY(runExport(doc, allRows(doc), evtx::ExportFormat::Xml, xml));
        QCOMPARE(readAll(xml), readGolden(name, ".xml"));
        QCOMPARE(readAll(xml), runEvtxdump({"-o", "xml", samplePath(name)}));
    }

    // Recovery on: the export writes what evtxdump --recover writes, byte
    // for byte (carved records marked, copies of live records left out).
    void recoveredExportEqualsEvtxdump_data() { addRows(); }
    void recoveredExportEqualsEvtxdump() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        LogDocument doc(samplePath(name));
        QVERIFY(doc.open());
        evtx::IndexOptions options;
        options.recover = true;
        doc.startIndexing(options);
        QVERIFY(waitIndexed(&doc));

        const QString jsonl = dir_.filePath(name + ".recovered.jsonl");
        QVERIFY(runExport(doc, allRows(doc), evtx::ExportFormat::Jsonl, jsonl));
        const QByteArray dumped =
            runEvtxdump({"-o", "jsonl", "-t", "1", "--recover", samplePath(name)});
        QCOMPARE(readAll(jsonl), dumped);
        QCOMPARE(qulonglong(dumped.count("\"#recovered\":")), qulonglong(doc.recoveredCount()));
        for (const QByteArray& line : dumped.split('\n'))
            QVERIFY(line.isEmpty() || QJsonDocument::fromJson(line).isObject());

        const QString xml = dir_.filePath(name + ".recovered.xml");
        QVERIFY(runExport(doc, allRows(doc), evtx::ExportFormat::Xml, xml));
        QCOMPARE(readAll(xml), runEvtxdump({"-o", "xml", "--recover", samplePath(name)}));
    }
};

QTEST_MAIN(ExportCorpusTest)
#include "tst_export_corpus.moc"
