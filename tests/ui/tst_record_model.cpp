// The record table model: QAbstractItemModelTester while the pipeline feeds
// it in batches, cell texts against the index, background sorting. On the
// demo log, and on shared samples when ../shared is there.
#include "jobs/background_pool.hpp"
#include "log_samples.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include "evtx/threads/worker_threads.hpp"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSemaphore>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace evtxui;

class RecordModelTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { useTestSettings(); }

    void feedsInBatchesUnderModelTester_data() { addLogRows({"security"}); }
    void feedsInBatchesUnderModelTester() {
        QFETCH(QString, name);
        LogDocument doc(logPath(name));
        QVERIFY(doc.open());
        RecordTableModel model(&doc);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        evtx::IndexOptions opt;
        opt.batchInterval = std::chrono::milliseconds(0); // a batch per chunk
        doc.startIndexing(opt);
        QVERIFY(waitIndexed(&doc));
        QVERIFY(!doc.wasCancelled());
        QCOMPARE(model.rowCount(), logJsonLines(name).size());
        QVERIFY2(inserted.count() > 1, "rows arrive in several batches");
        QCOMPARE(model.columnCount(), kColumnCount);
        QCOMPARE(doc.chunksDone(), doc.chunksTotal());
    }

    // The first record's cells, hand-checked against what evtxdump writes
    // for it (the golden JSONL for the shared sample).
    void cellsShowIndexedValues_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<uint>("eventId");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("level");
        QTest::newRow("demo") << kDemo << 12u << "Microsoft-Windows-Kernel-General"
                              << "Information";
        if (sharedAvailable())
            QTest::newRow("security")
                << "security" << 4608u << "Microsoft-Windows-Security-Auditing"
                << "Audit Success";
    }
    void cellsShowIndexedValues() {
        QFETCH(QString, name);
        QFETCH(uint, eventId);
        QFETCH(QString, source);
        QFETCH(QString, level);
        LogDocument doc(logPath(name));
        QVERIFY(doc.open());
        RecordTableModel model(&doc);
        model.setTimeZoneMode(TimeZoneMode::Utc);
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        const QByteArray first = logJsonLines(name).first();
        QVERIFY(first.contains("\"EventID\":" + QByteArray::number(eventId)) ||
                first.contains("\"#text\":" + QByteArray::number(eventId)));
        const QJsonObject provider = QJsonDocument::fromJson(first)
                                         .object()["Event"]
                                         .toObject()["System"]
                                         .toObject()["Provider"]
                                         .toObject()["#attributes"]
                                         .toObject();
        QCOMPARE(provider["Name"].toString(), source);
        QCOMPARE(model.data(model.index(0, int(Column::EventId))).toUInt(), eventId);
        QCOMPARE(model.data(model.index(0, int(Column::Source))).toString(), source);
        QCOMPARE(model.data(model.index(0, int(Column::Level))).toString(), level);
        QVERIFY(
            first.contains("\"SystemTime\":\"" + model.data(model.index(0, int(Column::DateTime)))
                                                     .toString()
                                                     .replace(' ', 'T')
                                                     .left(26)
                                                     .toUtf8()));
        QVERIFY(!model.data(model.index(0, 0), Qt::DecorationRole).isNull());
    }

    void sortsInTheBackground_data() { addLogRows({"system"}); }
    void sortsInTheBackground() {
        QFETCH(QString, name);
        LogDocument doc(logPath(name));
        QVERIFY(doc.open());
        RecordTableModel model(&doc);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        QPersistentModelIndex kept = model.index(10, 0);
        const uint32_t keptRow = model.indexRow(10);
        QSignalSpy done(&model, &RecordTableModel::sortFinished);
        model.sort(int(Column::EventId), Qt::DescendingOrder);
        QVERIFY(model.isSorting());
        QVERIFY(done.wait(10000));
        QVERIFY(!model.isSorting());
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.data(model.index(r - 1, int(Column::EventId))).toUInt() >=
                    model.data(model.index(r, int(Column::EventId))).toUInt());
        // Persistent indexes follow their record.
        QCOMPARE(model.indexRow(kept.row()), keptRow);
        model.sort(int(Column::Source), Qt::AscendingOrder);
        QVERIFY(done.wait(10000));
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.data(model.index(r - 1, int(Column::Source))).toString() <=
                    model.data(model.index(r, int(Column::Source))).toString());
    }

    // Qt's raster engine splits large fills over QThreadPool::globalInstance()
    // and waits for them on the GUI thread: a sort there held up repaints.
    // Sorts run on backgroundPool(), at background priority: with that pool's
    // threads held, a sort waits its turn and the global pool stays idle.
    // Indexing a document puts the engine's TBB threads below the GUI thread
    // (in tests and benchmarks too, not only where main() asks for it): at
    // equal priority the GUI thread waited up to 113 ms for a core.
    void indexingInstallsTheBackgroundPriority() {
        evtx::setWorkerThreadHook(nullptr);
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        QVERIFY(evtx::workerThreadHook() == &lowerCurrentThreadPriority);
    }

    void sortsLeaveQtsGlobalPoolFree() {
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        RecordTableModel model(&doc);
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        // Waited for by polling: result() on a job not yet started would run
        // it here, on the GUI thread (Qt's pool lets the waiter take it).
        QFuture<int> priority = runInBackground(
            [] { return ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid))); });
        QVERIFY(QTest::qWaitFor([&] { return priority.isFinished(); }));
        QVERIFY2(priority.result() > 0, QByteArray::number(priority.result()));

        QSemaphore release;
        const int threads = backgroundPool()->maxThreadCount();
        QList<QFuture<void>> blockers;
        for (int i = 0; i < threads; ++i)
            blockers << runInBackground([&release] { release.acquire(); });
        // Released on every way out, so that a failure cannot hang the test.
        auto releaseBlockers = qScopeGuard([&] {
            release.release(threads);
            for (auto& f : blockers)
                f.waitForFinished();
        });
        QVERIFY(QTest::qWaitFor([&] { return backgroundPool()->activeThreadCount() == threads; }));
        QSignalSpy done(&model, &RecordTableModel::sortFinished);
        model.sort(int(Column::EventId), Qt::AscendingOrder);
        QTest::qWait(200);
        QVERIFY2(model.isSorting(), "the sort ran elsewhere than on backgroundPool()");
        QCOMPARE(QThreadPool::globalInstance()->activeThreadCount(), 0);
        releaseBlockers.dismiss();
        release.release(threads);
        QVERIFY(done.wait(10000));
        for (auto& f : blockers)
            f.waitForFinished();
    }

    void sortWhileIndexingKeepsEveryRow_data() { addLogRows({"security"}); }
    void sortWhileIndexingKeepsEveryRow() {
        QFETCH(QString, name);
        LogDocument doc(logPath(name));
        QVERIFY(doc.open());
        RecordTableModel model(&doc);
        QSignalSpy done(&model, &RecordTableModel::sortFinished);
        evtx::IndexOptions opt;
        opt.batchInterval = std::chrono::milliseconds(0);
        opt.threads = 1;
        doc.startIndexing(opt);
        QVERIFY(QTest::qWaitFor([&] { return model.rowCount() > 0; }, 10000));
        model.sort(int(Column::RecordId), Qt::DescendingOrder);
        QVERIFY(waitIndexed(&doc));
        // The final re-sort after indexing covers every row.
        QVERIFY(QTest::qWaitFor([&] { return !model.isSorting() && done.count() >= 1; }, 10000));
        QCOMPARE(size_t(model.rowCount()), doc.index().size());
        std::vector<bool> seen(doc.index().size());
        for (int r = 0; r < model.rowCount(); ++r)
            seen[model.indexRow(r)] = true;
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](bool b) { return b; }));
    }
};

QTEST_MAIN(RecordModelTest)
#include "tst_record_model.moc"
