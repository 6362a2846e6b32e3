// How a multi-threaded dump places its threads (DumpOptions::pinThreads):
// pinned, every thread that writes output runs on exactly one CPU and
// different threads on different CPUs; the calling thread gets its own
// CPU mask back afterwards; without pinning, or with more threads than
// CPUs, threads keep the whole mask. The output is the same either way.
#include "evtx/dump/dump.hpp"
#include "evtx/format/input.hpp"

#include <QTest>

#include <tbb/global_control.h>

#include <sched.h>

#include <map>
#include <mutex>
#include <thread>

namespace {

cpu_set_t currentMask() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) qFatal("sched_getaffinity failed");
    return set;
}

bool sameMask(const cpu_set_t& a, const cpu_set_t& b) {
    return CPU_EQUAL(&a, &b);
}

struct Run {
    std::string text;
    std::map<std::thread::id, cpu_set_t> masks; // of the threads that wrote output
    uint64_t records = 0;
};

Run dump(unsigned threads, bool pin) {
    std::string error;
    auto input = evtx::Input::openFile(EVTX_SOURCE_DIR "/samples/demo.evtx", error);
    if (!input) qFatal("cannot open demo.evtx: %s", error.c_str());
    evtx::DumpOptions opt;
    opt.format = evtx::OutputFormat::Jsonl;
    opt.threads = threads;
    opt.pinThreads = pin;
    Run run;
    std::mutex mutex;
    // dumpFile itself, not dumpToMemory: each write records its thread's mask.
    auto stats = evtx::dumpFile(
        input->bytes(), opt,
        [&](std::string_view s) {
            std::lock_guard lock(mutex);
            run.text.append(s);
            run.masks.emplace(std::this_thread::get_id(), currentMask());
        },
        [](const evtx::DumpError& e) { qFatal("unexpected error %s", e.toString().c_str()); });
    run.records = stats.records;
    return run;
}

} // namespace

class TestDumpThreads : public QObject {
    Q_OBJECT

    cpu_set_t before_;
    int cpus_ = 0;

  private slots:
    void cleanupTestCase() {
        // As evtxdump does: join TBB's workers, so that none still holds
        // TBB's record of a pinning observer when the process exits.
        tbb::task_scheduler_handle handle{tbb::attach{}};
        tbb::finalize(handle, std::nothrow);
    }

    void init() {
        before_ = currentMask();
        cpus_ = CPU_COUNT(&before_);
    }

    void pinnedThreadsGetOneCpuEach() {
        if (cpus_ < 2) QSKIP("needs at least 2 CPUs");
        const Run serial = dump(1, false);
        const Run pinned = dump(2, true);
        QCOMPARE(pinned.records, serial.records);
        QVERIFY(pinned.text == serial.text);
        QVERIFY(!pinned.masks.empty());
        std::map<int, int> threadsPerCpu;
        for (const auto& [id, mask] : pinned.masks) {
            QCOMPARE(CPU_COUNT(&mask), 1);
            for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
                if (CPU_ISSET(cpu, &mask)) {
                    QVERIFY2(CPU_ISSET(cpu, &before_), "pinned outside the allowed CPUs");
                    ++threadsPerCpu[cpu];
                }
        }
        for (const auto& [cpu, n] : threadsPerCpu)
            QVERIFY2(n == 1, "two threads of the dump share a CPU");
        // The calling thread leaves the dump with the mask it came with.
        QVERIFY(sameMask(currentMask(), before_));
    }

    void unpinnedThreadsKeepTheirMask() {
        const Run run = dump(2, false);
        QVERIFY(!run.masks.empty());
        for (const auto& [id, mask] : run.masks)
            QVERIFY(sameMask(mask, before_));
    }

    void moreThreadsThanCpusAreNotPinned() {
        const Run run = dump(unsigned(cpus_) + 1, true);
        QVERIFY(!run.masks.empty());
        for (const auto& [id, mask] : run.masks)
            QVERIFY(sameMask(mask, before_));
        QVERIFY(sameMask(currentMask(), before_));
    }
};

QTEST_GUILESS_MAIN(TestDumpThreads)
#include "tst_dump_threads.moc"
