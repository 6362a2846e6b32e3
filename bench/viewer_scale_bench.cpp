// The viewer issue's scale figures on one log, measured the way a user meets
// them: a LogView opens the file (offscreen), a 5 ms heartbeat timer on the
// GUI thread records the longest gap in the event loop while indexing, then
// every column is sorted (off the GUI thread, timed to sortFinished) and rows
// are selected to time the detail pane's render.
// Usage: viewer_scale_bench FILE.evtx [SELECTIONS]  (QT_QPA_PLATFORM=offscreen)
#include "app/log_view.hpp"
#include "details/detail_pane.hpp"
#include "document/log_document.hpp"
#include "table/record_columns.hpp"
#include "table/record_table_model.hpp"
#include "table/record_table_view.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <string>

using namespace evtxui;

namespace {

bool waitFor(const std::function<bool()>& done) {
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::usleep(200);
    }
    return true;
}

long statusKiB(const std::string& field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
    return -1;
}

qint64 threadCpuNs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double monotonicSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Time this thread has waited for a CPU while runnable (Linux schedstat),
// in ns; 0 where the kernel does not report it.
qint64 threadRunqueueWaitNs() {
    std::ifstream in("/proc/thread-self/schedstat");
    long long run = 0, wait = 0;
    in >> run >> wait;
    return qint64(wait);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE.evtx [SELECTIONS]\n", argv[0]);
        return 2;
    }
    const int selections = argc > 2 ? std::atoi(argv[2]) : 200;
    LogView view(QString::fromLocal8Bit(argv[1]));
    view.resize(1400, 900);
    view.show();
    // The empty window is painted once before the clock starts (fonts and
    // styles load on the first paint: up to ~55 ms of GUI-thread CPU with
    // cold caches), as it is when a file is opened from a running window.
    // EVTX_COLD_FIRST_PAINT=1 leaves that paint inside the indexing window.
    if (!std::getenv("EVTX_COLD_FIRST_PAINT")) {
        QElapsedTimer paint;
        paint.start();
        while (paint.elapsed() < 100)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }

    // The heartbeat: the longest time between two ticks of a 5 ms timer is
    // the longest the window could not react.
    // On a loaded machine the wall gap also counts time the GUI thread
    // waited for a core, so the GUI thread's own CPU time between two ticks
    // (work that kept it from the event loop) is recorded too.
    QElapsedTimer clock;
    qint64 lastTick = -1, longestGap = 0, lastCpu = 0, longestBusy = 0, lastWait = 0;
    // EVTX_STALL_TRACE=MS prints each gap longer than MS (default 50).
    const char* traceEnv = std::getenv("EVTX_STALL_TRACE");
    const bool traceStalls = traceEnv != nullptr;
    const qint64 traceAboveNs =
        qint64(traceEnv && std::atoi(traceEnv) > 0 ? std::atoi(traceEnv) : 50) * 1000000;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        if (lastTick >= 0) {
            longestGap = std::max(longestGap, now - lastTick);
            longestBusy = std::max(longestBusy, cpu - lastCpu);
            if (traceStalls && now - lastTick > traceAboveNs)
                // Ends at CLOCK_MONOTONIC `end` s, to match `perf record -k
                // CLOCK_MONOTONIC` samples with a gap.
                std::printf("  stall %.1f ms wall, %.1f ms CPU, %.1f ms waiting for a CPU at %zu "
                            "rows (%zu reserved), end %.6f\n",
                            double(now - lastTick) / 1e6, double(cpu - lastCpu) / 1e6,
                            double(threadRunqueueWaitNs() - lastWait) / 1e6,
                            view.document()->index().size(),
                            view.document()->index().columns().capacity(), monotonicSeconds());
        }
        lastTick = now;
        lastCpu = cpu;
        if (traceStalls) lastWait = threadRunqueueWaitNs();
    });

    clock.start();
    qint64 firstRowsNs = -1;
    QObject::connect(view.model(), &QAbstractItemModel::rowsInserted, [&] {
        if (firstRowsNs < 0) firstRowsNs = clock.nsecsElapsed();
    });
    QObject::connect(view.model(), &QAbstractItemModel::modelReset, [&] {
        if (firstRowsNs < 0 && view.model()->rowCount() > 0) firstRowsNs = clock.nsecsElapsed();
    });
    heartbeat.start();
    const qint64 openStart = clock.nsecsElapsed();
    if (!view.openAndIndex()) {
        std::fprintf(stderr, "cannot open: %s\n", qPrintable(view.problemText()));
        return 1;
    }
    const qint64 guiCpuStart = threadCpuNs();
    const std::clock_t processCpuStart = std::clock();
    waitFor([&] { return view.document()->indexFinished(); });
    const double indexMs = double(clock.nsecsElapsed() - openStart) / 1e6;
    const double indexGuiCpuMs = double(threadCpuNs() - guiCpuStart) / 1e6;
    const double indexCpuMs = double(std::clock() - processCpuStart) * 1000.0 / CLOCKS_PER_SEC;
    heartbeat.stop();
    const double stallMs = double(longestGap) / 1e6;
    const double busyMs = double(longestBusy) / 1e6;
    const size_t records = view.document()->index().size();
    std::printf("file                 %s\n", argv[1]);
    std::printf("records              %zu\n", records);
    std::printf("first rows in table  %.1f ms after open\n", double(firstRowsNs - openStart) / 1e6);
    std::printf("full index           %.0f ms (to the last batch in the model)\n", indexMs);
    std::printf("CPU while indexing   %.0f ms, of which the GUI thread %.0f ms\n", indexCpuMs,
                indexGuiCpuMs);
    std::printf("longest GUI stall    %.1f ms wall, %.1f ms GUI-thread CPU, while indexing (5 ms "
                "heartbeat)\n",
                stallMs, busyMs);
    if (auto* table = qobject_cast<RecordTableView*>(view.table()))
        std::printf("table layouts        %d scroll-bar only, %d full\n",
                    table->scrollBarOnlyLayouts(), table->fullLayouts());
    std::printf("index bytes/record   %.1f used (columns and strings), %.1f reserved\n",
                double(view.document()->index().usedBytes()) / double(records),
                double(view.document()->index().allocatedBytes()) / double(records));
    std::printf("peak RSS             %.1f MiB (VmHWM, mapping included)\n",
                statusKiB("VmHWM") / 1024.0);
    QCoreApplication::processEvents();
    std::printf("RSS after indexing   %.1f MiB\n", statusKiB("VmRSS") / 1024.0);

    // Sorts: each column, ascending, timed from the click to the new order;
    // the heartbeat runs again to catch stalls while the pool sorts.
    longestGap = longestBusy = 0;
    lastTick = -1;
    heartbeat.start();
    double slowestSort = 0;
    for (int c = 0; c < kColumnCount; ++c) {
        QElapsedTimer t;
        t.start();
        view.model()->sort(c, Qt::AscendingOrder);
        waitFor([&] { return !view.model()->isSorting(); });
        const double ms = double(t.nsecsElapsed()) / 1e6;
        slowestSort = std::max(slowestSort, ms);
        std::printf("sort %-16s %7.0f ms  (RSS now %.0f MiB, peak %.0f MiB)\n",
                    columnInfo(Column(c)).title, ms, statusKiB("VmRSS") / 1024.0,
                    statusKiB("VmHWM") / 1024.0);
    }
    heartbeat.stop();
    std::printf("slowest sort         %.0f ms; longest GUI stall while sorting %.1f ms wall, "
                "%.1f ms CPU\n",
                slowestSort, double(longestGap) / 1e6, double(longestBusy) / 1e6);

    // Detail pane: select random rows; the render is synchronous on the GUI
    // thread (one record parsed and rendered), so time the selection call.
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> pick(0, int(records) - 1);
    std::vector<double> renders;
    QTableView* table = view.table();
    for (int i = 0; i < selections; ++i) {
        const QModelIndex idx = view.model()->index(pick(rng), 0);
        QElapsedTimer t;
        t.start();
        table->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
        renders.push_back(double(t.nsecsElapsed()) / 1e6);
        QCoreApplication::processEvents();
        if (std::getenv("EVTX_RSS_TRACE") && i % 25 == 0)
            std::printf("  after %d renders RSS %.0f MiB anon %.0f file %.0f\n", i + 1,
                        statusKiB("VmRSS") / 1024.0, statusKiB("RssAnon") / 1024.0,
                        statusKiB("RssFile") / 1024.0);
    }
    std::sort(renders.begin(), renders.end());
    std::printf("detail pane render   median %.2f ms, p95 %.2f ms, max %.2f ms (%d rows)\n",
                median(renders), renders[renders.size() * 95 / 100], renders.back(), selections);
    std::printf("peak RSS at the end  %.1f MiB (VmHWM)\n", statusKiB("VmHWM") / 1024.0);
    return 0;
}
