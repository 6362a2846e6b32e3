// The viewer's Ctrl+F search timings on a log: index it as evtxview does,
// then run searches through the tab's search controller (compile, searchIndex
// on the pool, hits delivered to the GUI thread) and report, per search, the
// time until the first hits reach the GUI (counter, markers, F3) and until
// the whole log is searched; medians of several runs. The engine's
// searchIndex alone (no event loop) is timed too, to show what the UI adds.
// --breakdown also times parsing and JSON rendering alone.
// Usage: viewer_search_bench FILE.evtx [--runs N] [--breakdown] [[--regex] TEXT...]
// (QT_QPA_PLATFORM=offscreen)
// TBB before Qt (Qt's `emit` macro clashes with a TBB function name).
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "app/log_view.hpp"
#include "document/log_document.hpp"
#include "search/search_bar.hpp"
#include "search/search_controller.hpp"

#include "evtx/index/record_reader.hpp"
#include "evtx/query/text_search.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <sys/resource.h>

using namespace evtxui;

namespace {
// QTest::qWaitFor without linking Qt Test.
void waitFor(const std::function<bool()>& done) {
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(1);
    }
}

// CPU time of the process so far (all threads), in ms.
double cpuMs() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto ms = [](const timeval& t) { return double(t.tv_sec) * 1e3 + double(t.tv_usec) / 1e3; };
    return ms(u.ru_utime) + ms(u.ru_stime);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Where the search's time goes: every record parsed, then parsed and
// rendered as JSON (what searchIndex does before testing the pattern).
void breakdown(LogDocument& doc, int runs) {
    const evtx::IndexColumns& cols = doc.index().columns();
    const size_t n = doc.index().size();
    for (const bool render : {false, true}) {
        std::vector<double> times, cpu;
        for (int run = 0; run < runs; ++run) {
            struct Local {
                explicit Local(LogDocument& d) : reader(d.bytes(), d.templates()) {}
                evtx::RecordReader reader;
                evtx::OutBuffer out;
                std::string error;
            };
            tbb::enumerable_thread_specific<std::unique_ptr<Local>> locals(
                [&] { return std::make_unique<Local>(doc); });
            QElapsedTimer t;
            t.start();
            const double cpuBefore = cpuMs();
            tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 256), [&](const auto& range) {
                Local& l = *locals.local();
                for (size_t r = range.begin(); r != range.end(); ++r) {
                    if (!l.reader.load(cols.chunk(r), cols.chunkOffset(r), l.error)) continue;
                    if (!render) continue;
                    l.out.clear();
                    l.reader.appendJson(l.out);
                }
            });
            times.push_back(double(t.nsecsElapsed()) / 1e6);
            cpu.push_back(cpuMs() - cpuBefore);
        }
        std::printf("engine: every record %-28s %8.1f ms, CPU %8.1f ms\n",
                    render ? "parsed and rendered as JSON" : "parsed", median(times), median(cpu));
    }
}

struct Search {
    QString text;
    bool regex = false;
};
} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE.evtx [--runs N] [[--regex] TEXT...]\n", argv[0]);
        return 2;
    }
    int runs = 5;
    std::vector<Search> searches;
    bool nextRegex = false, showBreakdown = false;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--breakdown")) {
            showBreakdown = true;
        } else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (!std::strcmp(argv[i], "--regex")) {
            nextRegex = true;
        } else {
            searches.push_back({QString::fromLocal8Bit(argv[i]), nextRegex});
            nextRegex = false;
        }
    }
    if (searches.empty())
        searches = {{"NT AUTHORITY", false},
                    {"lsass.exe", false},
                    {"S-1-5-21-\\d+-\\d+-\\d+-5\\d\\d\\b", true}};

    LogView view(QString::fromLocal8Bit(argv[1]));
    QElapsedTimer clock;
    clock.start();
    view.openAndIndex();
    waitFor([&] { return view.document()->indexFinished(); });
    const size_t records = view.document()->index().size();
    std::printf("%s: %zu records, indexed in %lld ms; %d runs per search, medians\n", argv[1],
                records, clock.elapsed(), runs);

    if (showBreakdown) breakdown(*view.document(), runs);

    SearchController* search = view.search();
    for (const Search& s : searches) {
        std::vector<double> first, full, engine, engineCpu, stalls;
        quint64 hits = 0;
        for (int run = 0; run < runs; ++run) {
            // Through the viewer: from "search now" to the first hits shown
            // and to the end.
            view.searchBar()->setText(QString());
            search->searchNow();
            view.searchBar()->setRegex(s.regex);
            double firstMs = -1;
            bool done = false;
            const auto c1 = QObject::connect(search, &SearchController::hitsChanged, [&] {
                if (firstMs < 0 && search->hitCount() > 0)
                    firstMs = double(clock.nsecsElapsed()) / 1e6;
            });
            const auto c2 = QObject::connect(search, &SearchController::searchFinished,
                                             [&](bool) { done = true; });
            {
                const QSignalBlocker block(view.searchBar()); // no typing pause
                view.searchBar()->setText(s.text);
            }
            // The GUI thread's longest pause while the search runs (a 2 ms
            // timer's largest gap between ticks).
            QElapsedTimer tick;
            double stall = 0;
            QTimer beat;
            beat.setInterval(2);
            QObject::connect(&beat, &QTimer::timeout, [&] {
                stall = std::max(stall, double(tick.nsecsElapsed()) / 1e6);
                tick.restart();
            });
            clock.restart();
            tick.start();
            beat.start();
            search->searchNow();
            waitFor([&] { return done; });
            beat.stop();
            stalls.push_back(stall);
            full.push_back(double(clock.nsecsElapsed()) / 1e6);
            if (firstMs >= 0) first.push_back(firstMs);
            QObject::disconnect(c1);
            QObject::disconnect(c2);
            hits = search->hitCount();

            // The engine alone, on this thread (TBB inside).
            evtx::TextSearchSpec spec;
            spec.text = s.text.toStdString();
            spec.regex = s.regex;
            std::string error;
            const auto pattern = evtx::TextSearchPattern::compile(spec, error);
            evtx::IndexFilterRequest request;
            request.file = view.document()->bytes();
            request.cache = &view.document()->templates();
            request.index = &view.document()->index();
            clock.restart();
            const double cpu = cpuMs();
            evtx::searchIndex(*pattern, request, [](std::vector<uint32_t>&&) {});
            engine.push_back(double(clock.nsecsElapsed()) / 1e6);
            engineCpu.push_back(cpuMs() - cpu);
        }
        std::printf("%-6s %-32s %8llu hits  first hits %6.1f ms  all %7.1f ms  GUI stall max "
                    "%5.1f ms  (engine alone %7.1f ms, CPU %7.1f ms)\n",
                    s.regex ? "regex" : "text", qPrintable(s.text), (unsigned long long)hits,
                    first.empty() ? -1.0 : median(first), median(full), median(stalls),
                    median(engine), median(engineCpu));
    }
    return 0;
}
