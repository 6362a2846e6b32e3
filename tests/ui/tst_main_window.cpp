// The main window end to end: opening logs in tabs, damaged logs and a
// non-EVTX file (opened with a clear message, everything readable shown),
// cancel, close while indexing, Enter to the details, UTC switch, recent files.
// On the demo log, a damaged copy of it and a large generated log; with
// ../shared, on shared samples too (expected counts: evtxdump's output for
// the logs of the repository, the golden files for the shared samples).
#include "app/log_view.hpp"
#include "app/main_window.hpp"
#include "app/recent_files.hpp"
#include "details/detail_pane.hpp"
#include "evtx_builder.hpp"
#include "log_sources.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include "evtx/demo/demo_log.hpp"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>

using namespace evtxui;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

QString writeAll(const QString& path, const QByteArray& data) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// A copy of the demo log whose chunk 2 has a record that does not parse
// (its first BinXML token made invalid, the checksums fixed): the records
// around it are read, that one is an error.
QByteArray damagedDemo() {
    const QByteArray demo = readAll(demoLogPath());
    evtxtest::ByteVec chunk(demo.begin() + 4096 + 2 * 65536, demo.begin() + 4096 + 3 * 65536);
    size_t record = 512;
    for (int i = 0; i < 3; ++i) // the fourth record of the chunk
        record += chunk[record + 4] | chunk[record + 5] << 8 | chunk[record + 6] << 16;
    chunk[record + 24] = 0xff; // the fragment header's token
    evtxtest::fixChunkCrcs(chunk);
    QByteArray out = demo;
    out.replace(4096 + 2 * 65536, 65536,
                QByteArray(reinterpret_cast<const char*>(chunk.data()), 65536));
    return out;
}

} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    // The demo log always; a shared sample too when the corpus is there.
    static void logRows(const char* shared) {
        QTest::addColumn<QString>("log");
        QTest::newRow("demo") << QString("demo");
        if (sharedAvailable()) QTest::newRow(shared) << QString(shared);
    }

  private slots:
    void initTestCase() {
        useTestSettings();
        QVERIFY(dir_.isValid());
    }
    void init() { clearRecentFiles(); }

    // Two logs: the demo log and a copy of it; security and system from the
    // corpus when it is there.
    void opensTabsAndShowsCounts_data() {
        QTest::addColumn<QString>("pathA");
        QTest::addColumn<QString>("pathB");
        QTest::addColumn<qsizetype>("countA");
        QTest::addColumn<qsizetype>("countB");
        const qsizetype demo = logJsonLines("demo").size();
        QTest::newRow("demo") << demoLogPath()
                              << writeAll(dir_.filePath("copy of demo.evtx"),
                                          readAll(demoLogPath()))
                              << demo << demo;
        if (sharedAvailable())
            QTest::newRow("security, system")
                << samplePath("security") << samplePath("system")
                << goldenJsonLines("security").size() << goldenJsonLines("system").size();
    }
    void opensTabsAndShowsCounts() {
        QFETCH(QString, pathA);
        QFETCH(QString, pathB);
        QFETCH(qsizetype, countA);
        QFETCH(qsizetype, countB);
        MainWindow w;
        w.show();
        LogView* a = w.openFile(pathA);
        LogView* b = w.openFile(pathB);
        QCOMPARE(w.tabCount(), 2);
        QCOMPARE(w.currentView(), b);
        QVERIFY(waitIndexed(a->document()));
        QVERIFY(waitIndexed(b->document()));
        QCOMPARE(a->model()->rowCount(), countA);
        QCOMPARE(b->model()->rowCount(), countB);
        QVERIFY(a->problemText().isEmpty());
        QVERIFY(w.statusSummary()->text().contains("records"));
        QVERIFY(!w.indexProgress()->isVisible());
        QCOMPARE(recentFiles().first(), QFileInfo(pathB).absoluteFilePath());
        // The first record is selected and shown.
        QVERIFY(b->table()->currentIndex().isValid());
        QVERIFY(b->details()->xmlText().startsWith("<?xml"));
        w.closeTab(0);
        QCOMPARE(w.tabCount(), 1);
        QCOMPARE(w.currentView(), b);
    }

    // A damaged copy of the demo log (records and errors as evtxdump counts
    // them on it); the damaged shared samples when the corpus is there (as
    // their golden files count them).
    void damagedSamplesOpenWithTheirErrors_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<qsizetype>("records");
        QTest::addColumn<int>("errors");
        const QString damaged = writeAll(dir_.filePath("damaged demo.evtx"), damagedDemo());
        QByteArray stderrText;
        const QByteArray jsonl = runEvtxdump({"-o", "jsonl", damaged}, &stderrText);
        // One line per record it could not dump: "evtxdump: chunk N, ...".
        int errors = 0;
        for (const QByteArray& line : stderrText.split('\n'))
            errors += line.startsWith("evtxdump: chunk ");
        QTest::newRow("damaged demo") << damaged << jsonl.count('\n') << errors;
        if (!sharedAvailable()) return;
        for (const char* n :
             {"sample_with_a_bad_chunk_magic", "sysmon",
              "2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational",
              "sample-with-zero-data-size-event"})
            QTest::newRow(n)
                << samplePath(n) << goldenJsonLines(n).size()
                << int(readGolden(n, ".jsonl.stderr").count("Failed to dump the next record"));
    }
    void damagedSamplesOpenWithTheirErrors() {
        QFETCH(QString, path);
        QFETCH(qsizetype, records);
        QFETCH(int, errors);
        QVERIFY(errors > 0);
        MainWindow w;
        LogView* v = w.openFile(path);
        QVERIFY(waitIndexed(v->document()));
        QCOMPARE(v->model()->rowCount(), records);
        QCOMPARE(int(v->document()->errors().size()), errors);
        // The banner names the problem and where it is.
        QVERIFY(v->problemText().contains("problem"));
        QVERIFY(v->problemText().contains("chunk "));
        QVERIFY(v->problemText().contains("offset 0x"));
        QVERIFY(w.statusSummary()->text().contains("with errors"));
    }

    void nonEvtxFileOpensWithMessage() {
        MainWindow w;
        const QString path = dir_.filePath("notes.evtx");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(70000, 'x'));
        f.close();
        LogView* v = w.openFile(path);
        QCOMPARE(w.tabCount(), 1);
        QVERIFY2(v->problemText().contains("not an EVTX file"), qPrintable(v->problemText()));
        QVERIFY(v->problemText().contains("offset 0"));
        QCOMPARE(v->model()->rowCount(), 0);
        QVERIFY(recentFiles().isEmpty());
        // A file that does not exist says so too.
        LogView* missing = w.openFile(dir_.filePath("missing.evtx"));
        QVERIFY(missing->problemText().contains("Cannot open"));
        QCOMPARE(w.tabCount(), 2);
    }

    // A large log: one the demo generator writes (40,000 records, about
    // 40 MB); with the corpus, its 32 MB bench log too.
    void cancelKeepsWhatWasRead_data() {
        QTest::addColumn<QString>("big");
        std::string error;
        const auto log = evtx::writer::generateDemoLog({.records = 40000, .seed = 2}, error);
        QVERIFY2(log, error.c_str());
        QTest::newRow("generated") << writeAll(
            dir_.filePath("big.evtx"), QByteArray(reinterpret_cast<const char*>(log->file.data()),
                                                  qsizetype(log->file.size())));
        if (sharedAvailable()) QTest::newRow("bench") << sharedDir() + "/bench/security-32mb.evtx";
    }
    void cancelKeepsWhatWasRead() {
        QFETCH(QString, big);
        if (!QFile::exists(big)) {
            if (inCi()) QFAIL("no bench/security-32mb.evtx in the shared corpus (CI=true)");
            QSKIP("no bench/security-32mb.evtx");
        }
        MainWindow w;
        evtx::IndexOptions opt;
        opt.threads = 1;
        w.setIndexOptions(opt);
        LogView* v = w.openFile(big);
        QVERIFY(QTest::qWaitFor([&] { return v->model()->rowCount() > 0; }, 10000));
        v->document()->cancelIndexing();
        QVERIFY(waitIndexed(v->document()));
        QVERIFY(v->document()->wasCancelled());
        QVERIFY(v->document()->chunksDone() < v->document()->chunksTotal());
        QCOMPARE(size_t(v->model()->rowCount()), v->document()->index().size());
        QVERIFY(w.statusSummary()->text().contains("cancelled"));
    }

    void closeWhileIndexing() {
        MainWindow w;
        evtx::IndexOptions opt;
        opt.batchInterval = std::chrono::milliseconds(0);
        w.setIndexOptions(opt);
        for (int i = 0; i < 5; ++i) {
            w.openFile(demoLogPath());
            QTest::qWait(i); // close at different points of the walk
            w.closeTab(0);
        }
        QCOMPARE(w.tabCount(), 0);
    }

    void closeWhileSorting() {
        MainWindow w;
        for (int i = 0; i < 3; ++i) {
            LogView* v = w.openFile(demoLogPath());
            QVERIFY(waitIndexed(v->document()));
            v->model()->sort(int(Column::Source), Qt::DescendingOrder);
            w.closeTab(0); // waits for the sort before the index goes
        }
        QCOMPARE(w.tabCount(), 0);
    }

    void enterFocusesDetailsAndUtcSwitches_data() { logRows("security"); }
    void enterFocusesDetailsAndUtcSwitches() {
        QFETCH(QString, log);
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        LogView* v = w.openFile(logPath(log));
        QVERIFY(waitIndexed(v->document()));
        v->table()->setFocus();
        v->table()->setCurrentIndex(v->model()->index(3, 0));
        QTest::keyClick(v->table(), Qt::Key_Return);
        QVERIFY(v->details()->isAncestorOf(QApplication::focusWidget()));

        w.setTimeZoneMode(TimeZoneMode::Utc);
        const QString utc =
            v->model()->data(v->model()->index(0, int(Column::DateTime))).toString();
        const QByteArray golden = logJsonLines(log).first();
        QVERIFY(golden.contains(utc.left(26).replace(' ', 'T').toUtf8()));
        QCOMPARE(v->details()->timeZoneMode(), TimeZoneMode::Utc);
        w.setTimeZoneMode(TimeZoneMode::Local);
        QCOMPARE(v->model()->timeZoneMode(), TimeZoneMode::Local);
    }

    void selectAllAndCopy_data() { logRows("system"); }
    void selectAllAndCopy() {
        QFETCH(QString, log);
        MainWindow w;
        LogView* v = w.openFile(logPath(log));
        QVERIFY(waitIndexed(v->document()));
        v->table()->selectAll();
        QCOMPARE(v->selectedIndexRows().size(), v->document()->index().size());
        v->copySelection();
        QCOMPARE(QApplication::clipboard()->text().toUtf8(), logJsonText(log));
    }

    void dropOpensFiles() {
        MainWindow w;
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(demoLogPath()),
                      QUrl::fromLocalFile(
                          writeAll(dir_.filePath("dropped copy.evtx"), readAll(demoLogPath())))});
        // Qt delivers a drop to the widget that accepted the drag's enter event.
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &drop);
        QCOMPARE(w.tabCount(), 2);
        QVERIFY(waitIndexed(w.viewAt(0)->document()));
        QVERIFY(waitIndexed(w.viewAt(1)->document()));
    }

    void hiddenColumnsAreRemembered() {
        {
            MainWindow w;
            LogView* v = w.openFile(demoLogPath());
            v->table()->horizontalHeader()->setSectionHidden(int(Column::Computer), false);
            v->table()->horizontalHeader()->setSectionHidden(int(Column::Source), true);
            v->table()->horizontalHeader()->resizeSection(int(Column::EventId), 77);
        } // closing saves the header state
        MainWindow w;
        LogView* v = w.openFile(demoLogPath());
        QHeaderView* h = v->table()->horizontalHeader();
        QVERIFY(!h->isSectionHidden(int(Column::Computer)));
        QVERIFY(h->isSectionHidden(int(Column::Source)));
        QCOMPARE(h->sectionSize(int(Column::EventId)), 77);
        QSettings().remove("table/headerState.v2");
    }

    void defaultColumnsAreEventViewers() {
        QSettings().remove("table/headerState.v2");
        MainWindow w;
        LogView* v = w.openFile(demoLogPath());
        QHeaderView* h = v->table()->horizontalHeader();
        for (int c = 0; c < kColumnCount; ++c)
            QCOMPARE(!h->isSectionHidden(c), columnInfo(Column(c)).visibleByDefault);
    }
};

QTEST_MAIN(MainWindowTest)
#include "tst_main_window.moc"
