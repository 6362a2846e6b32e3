// The viewer's filter and facet timings on a log: index it as evtxview does,
// then time filters applied through the filter controller (parse, filterIndex
// on the pool, rows swapped into the model), the facet counts alone, and the
// time histogram's counting (median of 9 runs, one thread, as the viewer
// runs it on the pool).
// Usage: viewer_filter_bench FILE.evtx [EXPRESSION...]  (QT_QPA_PLATFORM=offscreen)
#include "app/log_view.hpp"
#include "document/log_document.hpp"
#include "facets/facet_counts.hpp"
#include "filter/filter_controller.hpp"
#include "histogram/histogram_counts.hpp"
#include "table/record_table_model.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace evtxui;

namespace {
// QTest::qWaitFor without linking Qt Test (found after bench/ is configured).
bool waitFor(const std::function<bool()>& done) {
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(1);
    }
    return true;
}

double timeMs(const std::function<void()>& f) {
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

double medianMs(int runs, const std::function<void()>& f) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i)
        ms.push_back(timeMs(f));
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}
} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE.evtx [EXPRESSION...]\n", argv[0]);
        return 2;
    }
    LogView view(QString::fromLocal8Bit(argv[1]));
    const double indexMs = timeMs([&] {
        view.openAndIndex();
        waitFor([&] { return view.document()->indexFinished(); });
    });
    waitFor([&] { return !view.filter()->isBusy(); });
    const size_t records = view.document()->index().size();
    std::printf("%s: %zu records, indexed in %.0f ms\n", argv[1], records, indexMs);

    QStringList expressions;
    for (int i = 2; i < argc; ++i)
        expressions << QString::fromLocal8Bit(argv[i]);
    if (expressions.isEmpty())
        expressions << "EventID == 4624"
                    << "Level <= 3"
                    << "EventID in (4624..4634, 4672)"
                    << "*[System[(EventID=4624 or EventID=4625)]]"
                    << "EventID == 4624 and Data.LogonType == 5"
                    << "\"lsass.exe\"";
    for (const QString& e : expressions) {
        double best = 1e300;
        int rows = 0;
        for (int run = 0; run < 3; ++run) {
            view.filter()->applyExpression(QString());
            waitFor([&] { return !view.filter()->isBusy(); });
            const double ms = timeMs([&] {
                QEventLoop loop;
                QObject::connect(view.filter(), &FilterController::filterApplied, &loop,
                                 &QEventLoop::quit);
                view.filter()->applyExpression(e);
                loop.exec();
            });
            best = std::min(best, ms);
            rows = view.model()->rowCount();
        }
        std::printf("filter %-48s %8d rows  %8.1f ms (best of 3, to the table)\n", qPrintable(e),
                    rows, best);
    }
    waitFor([&] { return !view.filter()->isBusy(); });
    const evtx::RecordIndex& index = view.document()->index();
    double best = 1e300;
    for (int run = 0; run < 3; ++run)
        best = std::min(best, timeMs([&] { (void)countFacets(index, nullptr); }));
    std::printf("facet counts, all %zu rows: %.1f ms (best of 3)\n", records, best);
    std::vector<uint32_t> half;
    for (uint32_t r = 0; r < records; r += 2)
        half.push_back(r);
    best = 1e300;
    for (int run = 0; run < 3; ++run)
        best = std::min(best, timeMs([&] { (void)countFacets(index, &half); }));
    std::printf("facet counts, %zu filtered rows: %.1f ms (best of 3)\n", half.size(), best);

    // The histogram at 200 buckets (the widest strip), local time as shown.
    for (const std::vector<uint32_t>* rows : {static_cast<const std::vector<uint32_t>*>(nullptr),
                                              static_cast<const std::vector<uint32_t>*>(&half)}) {
        HistogramCounts h;
        const double ms =
            medianMs(9, [&] { h = countHistogram(index, rows, 200, TimeZoneMode::Local); });
        std::printf("histogram counts, %zu rows: %.1f ms (median of 9), %d buckets of %s\n",
                    rows ? rows->size() : records, ms, h.buckets.size(),
                    qPrintable(h.buckets.widthText()));
    }
    return 0;
}
