// The main window end to end: opening logs in tabs, damaged samples and a
// non-EVTX file (opened with a clear message, everything readable shown),
// cancel, close while indexing, Enter to the details, UTC switch, recent files.
#include "app/log_view.hpp"
#include "app/main_window.hpp"
#include "app/recent_files.hpp"
#include "details/detail_pane.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

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

class MainWindowTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

  private slots:
    void initTestCase() {
        useTestSettings();
        QVERIFY(dir_.isValid());
    }
    void init() { clearRecentFiles(); }

    void opensTabsAndShowsCounts() {
        SKIP_WITHOUT_SHARED();
        MainWindow w;
        w.show();
        LogView* a = w.openFile(samplePath("security"));
        LogView* b = w.openFile(samplePath("system"));
        QCOMPARE(w.tabCount(), 2);
        QCOMPARE(w.currentView(), b);
        QVERIFY(waitIndexed(a->document()));
        QVERIFY(waitIndexed(b->document()));
        QCOMPARE(a->model()->rowCount(), goldenJsonLines("security").size());
        QCOMPARE(b->model()->rowCount(), goldenJsonLines("system").size());
        QVERIFY(a->problemText().isEmpty());
        QVERIFY(w.statusSummary()->text().contains("records"));
        QVERIFY(!w.indexProgress()->isVisible());
        QCOMPARE(recentFiles().first(), QFileInfo(samplePath("system")).absoluteFilePath());
        // The first record is selected and shown.
        QVERIFY(b->table()->currentIndex().isValid());
        QVERIFY(b->details()->xmlText().startsWith("<?xml"));
        w.closeTab(0);
        QCOMPARE(w.tabCount(), 1);
        QCOMPARE(w.currentView(), b);
    }

    void damagedSamplesOpenWithTheirErrors_data() {
        QTest::addColumn<QString>("name");
        for (const char* n :
             {"sample_with_a_bad_chunk_magic", "sysmon",
              "2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational",
              "sample-with-zero-data-size-event"})
            QTest::newRow(n) << QString(n);
    }
    void damagedSamplesOpenWithTheirErrors() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        MainWindow w;
        LogView* v = w.openFile(samplePath(name));
        QVERIFY(waitIndexed(v->document()));
        QCOMPARE(v->model()->rowCount(), goldenJsonLines(name).size());
        const int errors =
            int(readGolden(name, ".jsonl.stderr").count("Failed to dump the next record"));
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

    void cancelKeepsWhatWasRead() {
        SKIP_WITHOUT_SHARED();
        const QString big = sharedDir() + "/bench/security-32mb.evtx";
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
        SKIP_WITHOUT_SHARED();
        MainWindow w;
        evtx::IndexOptions opt;
        opt.batchInterval = std::chrono::milliseconds(0);
        w.setIndexOptions(opt);
        for (int i = 0; i < 5; ++i) {
            w.openFile(samplePath("security"));
            QTest::qWait(i); // close at different points of the walk
            w.closeTab(0);
        }
        QCOMPARE(w.tabCount(), 0);
    }

    void closeWhileSorting() {
        SKIP_WITHOUT_SHARED();
        MainWindow w;
        for (int i = 0; i < 3; ++i) {
            LogView* v = w.openFile(samplePath("security"));
            QVERIFY(waitIndexed(v->document()));
            v->model()->sort(int(Column::Source), Qt::DescendingOrder);
            w.closeTab(0); // waits for the sort before the index goes
        }
        QCOMPARE(w.tabCount(), 0);
    }

    void enterFocusesDetailsAndUtcSwitches() {
        SKIP_WITHOUT_SHARED();
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        LogView* v = w.openFile(samplePath("security"));
        QVERIFY(waitIndexed(v->document()));
        v->table()->setFocus();
        v->table()->setCurrentIndex(v->model()->index(3, 0));
        QTest::keyClick(v->table(), Qt::Key_Return);
        QVERIFY(v->details()->isAncestorOf(QApplication::focusWidget()));

        w.setTimeZoneMode(TimeZoneMode::Utc);
        const QString utc =
            v->model()->data(v->model()->index(0, int(Column::DateTime))).toString();
        const QByteArray golden = goldenJsonLines("security").first();
        QVERIFY(golden.contains(utc.left(26).replace(' ', 'T').toUtf8()));
        QCOMPARE(v->details()->timeZoneMode(), TimeZoneMode::Utc);
        w.setTimeZoneMode(TimeZoneMode::Local);
        QCOMPARE(v->model()->timeZoneMode(), TimeZoneMode::Local);
    }

    void selectAllAndCopy() {
        SKIP_WITHOUT_SHARED();
        MainWindow w;
        LogView* v = w.openFile(samplePath("system"));
        QVERIFY(waitIndexed(v->document()));
        v->table()->selectAll();
        QCOMPARE(v->selectedIndexRows().size(), v->document()->index().size());
        v->copySelection();
        QCOMPARE(QApplication::clipboard()->text().toUtf8(), readGolden("system", ".jsonl"));
    }

    void dropOpensFiles() {
        SKIP_WITHOUT_SHARED();
        MainWindow w;
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(samplePath("system")),
                      QUrl::fromLocalFile(samplePath("security"))});
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
        SKIP_WITHOUT_SHARED();
        {
            MainWindow w;
            LogView* v = w.openFile(samplePath("system"));
            v->table()->horizontalHeader()->setSectionHidden(int(Column::Computer), false);
            v->table()->horizontalHeader()->setSectionHidden(int(Column::Source), true);
            v->table()->horizontalHeader()->resizeSection(int(Column::EventId), 77);
        } // closing saves the header state
        MainWindow w;
        LogView* v = w.openFile(samplePath("system"));
        QHeaderView* h = v->table()->horizontalHeader();
        QVERIFY(!h->isSectionHidden(int(Column::Computer)));
        QVERIFY(h->isSectionHidden(int(Column::Source)));
        QCOMPARE(h->sectionSize(int(Column::EventId)), 77);
        QSettings().remove("table/headerState");
    }

    void defaultColumnsAreEventViewers() {
        SKIP_WITHOUT_SHARED();
        QSettings().remove("table/headerState");
        MainWindow w;
        LogView* v = w.openFile(samplePath("system"));
        QHeaderView* h = v->table()->horizontalHeader();
        for (int c = 0; c < kColumnCount; ++c)
            QCOMPARE(!h->isSectionHidden(c), columnInfo(Column(c)).visibleByDefault);
    }
};

QTEST_MAIN(MainWindowTest)
#include "tst_main_window.moc"
