// The one background-job helper (jobs/background_job.hpp) and the jobs built
// on it: the newest request wins (a superseded run's result is discarded),
// cancel discards a late result, destruction waits for the run in flight,
// results arrive on the owner's thread.
#include "export/export_job.hpp"
#include "filter/filter_job.hpp"
#include "filter/query_text.hpp"
#include "integrity/integrity_job.hpp"
#include "jobs/background_job.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <chrono>
#include <thread>

using namespace evtxui;

namespace {
// Work that returns `value` once `release` is set (cancelled or not).
BackgroundJob<int>::Work heldUntil(std::shared_ptr<std::atomic<bool>> release, int value) {
    return [release, value](JobToken&) {
        while (!*release)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return value;
    };
}
} // namespace

class BackgroundJobTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { useTestSettings(); }

    void newestRequestWins() {
        std::vector<int> results;
        BackgroundJob<int> job([&](int&& v) { results.push_back(v); });
        QSignalSpy finished(&job, &JobRunner::finished);
        auto release = std::make_shared<std::atomic<bool>>(false);
        const uint64_t first = job.start(heldUntil(release, 1));
        const uint64_t second = job.start([](JobToken&) { return 2; });
        const uint64_t third = job.start([](JobToken&) { return 3; }); // replaces the waiting one
        QVERIFY(first < second && second < third);
        QCOMPARE(job.currentId(), third);
        *release = true;
        QVERIFY(finished.wait(5000));
        QTest::qWait(50);
        QCOMPARE(results, std::vector<int>{3});
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toULongLong(), third);
        QCOMPARE(finished[0][1].toBool(), false);
        QVERIFY(!job.isRunning());
    }

    void supersededRunIsToldToStop() {
        BackgroundJob<int> job([](int&&) {});
        QSignalSpy finished(&job, &JobRunner::finished);
        std::atomic<bool> sawCancel{false};
        job.start([&](JobToken& t) {
            while (!t.isCancelled())
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            sawCancel = true;
            return 0;
        });
        job.start([](JobToken&) { return 1; });
        QVERIFY(finished.wait(5000));
        QVERIFY(sawCancel);
    }

    void cancelDiscardsALateResult() {
        int results = 0;
        BackgroundJob<int> job([&](int&&) { ++results; });
        QSignalSpy finished(&job, &JobRunner::finished);
        auto release = std::make_shared<std::atomic<bool>>(false);
        const uint64_t id = job.start(heldUntil(release, 7)); // ignores the cancel
        job.cancel();
        *release = true;
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished[0][0].toULongLong(), id);
        QCOMPARE(finished[0][1].toBool(), true);
        QCOMPARE(results, 0);
    }

    void destructionCancelsAndWaits() {
        std::atomic<bool> returned{false};
        int results = 0;
        {
            BackgroundJob<int> job([&](int&&) { ++results; });
            job.start([&](JobToken& t) {
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
                returned = t.isCancelled();
                return 1;
            });
        }
        QVERIFY(returned); // the run had returned, and had been told to stop
        QTest::qWait(50);
        QCOMPARE(results, 0);
    }

    void resultsArriveOnTheOwnersThread() {
        QThread* handlerThread = nullptr;
        QThread* workThread = nullptr;
        BackgroundJob<int> job([&](int&&) { handlerThread = QThread::currentThread(); });
        QSignalSpy finished(&job, &JobRunner::finished);
        QSignalSpy progress(&job, &JobRunner::progress);
        job.setProgressInterval(5);
        job.start([&](JobToken& t) {
            workThread = QThread::currentThread();
            t.setProgress(1, 2);
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            return 1;
        });
        QVERIFY(finished.wait(5000));
        QCOMPARE(handlerThread, QThread::currentThread());
        QVERIFY(workThread != QThread::currentThread());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last()[0].toULongLong(), 1ull);
        QCOMPARE(progress.last()[1].toULongLong(), 2ull);
    }

    // The jobs built on the helper, on the demo log.
    void filterJobCancelAndSupersede() {
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        evtx::QueryError error;
        const auto all = parseFilterText("EventID >= 0", error, TimeZoneMode::Utc);
        const auto none = parseFilterText("EventID == 999999", error, TimeZoneMode::Utc);
        QVERIFY(all && none);
        FilterJob job(&doc);
        QSignalSpy finished(&job, &FilterJob::finished);
        job.start(*all);
        job.cancel();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished[0][0].toBool(), true);
        QVERIFY(job.rows().empty()); // cancelled: no rows kept
        finished.clear();
        job.start(*all);
        job.start(*none); // supersedes: only its rows arrive
        QVERIFY(finished.wait(5000));
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toBool(), false);
        QVERIFY(job.rows().empty());
        finished.clear();
        job.start(*none);
        job.start(*all);
        QVERIFY(finished.wait(5000));
        QCOMPARE(job.rows().size(), doc.index().size());
    }

    void integrityJobCancelDiscards() {
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        IntegrityJob job(&doc);
        QSignalSpy finished(&job, &IntegrityJob::finished);
        job.start();
        job.cancel(); // even if the check finished before it saw this
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished[0][0].toBool(), true);
        QVERIFY(!job.hasReport());
        job.start();
        job.start();
        QVERIFY(finished.wait(5000));
        QTest::qWait(50);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished[1][0].toBool(), false);
        QVERIFY(job.hasReport());
    }

    void exportJobCancelLeavesNothing() {
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        std::vector<uint32_t> rows(doc.index().size());
        for (size_t i = 0; i < rows.size(); ++i)
            rows[i] = uint32_t(i);
        ExportJob job(&doc, rows, evtx::ExportFormat::Jsonl, QString());
        QSignalSpy finished(&job, &ExportJob::finished);
        job.start();
        job.cancel();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished[0][0].toBool(), false);
        QCOMPARE(finished[0][1].toString(), QString("Export cancelled"));
    }

    void sortNewestWins() {
        LogDocument doc(EVTX_DEMO_LOG);
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        RecordTableModel model(&doc);
        QSignalSpy sorted(&model, &RecordTableModel::sortFinished);
        const int column = int(Column::EventId);
        model.sort(column, Qt::AscendingOrder);
        model.sort(column, Qt::DescendingOrder);
        QVERIFY(sorted.wait(5000));
        QTest::qWait(50);
        QCOMPARE(sorted.size(), 1);
        QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
        const QVariant first = model.data(model.index(0, column));
        const QVariant last = model.data(model.index(model.rowCount() - 1, column));
        QVERIFY(first.toLongLong() >= last.toLongLong());
        QVERIFY(first.toLongLong() > last.toLongLong() || model.rowCount() < 2);
    }
};

QTEST_MAIN(BackgroundJobTest)
#include "tst_background_job.moc"
