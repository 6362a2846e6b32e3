// Gives each thread that enters an arena a CPU of its own for as long as
// it stays. On a 2-vCPU VM the scheduler put a dump's freshly started
// worker on the CPU of the thread that started it, and pulled it back there
// after futex wake-ups, so both threads shared one CPU for tens of
// milliseconds while the other idled (PERF.md, H20).
#pragma once

#include <tbb/task_arena.h>
#include <tbb/task_scheduler_observer.h>

#ifdef __linux__
#include <sched.h>
#endif

#include <atomic>
#include <vector>

namespace evtx {

class CpuPinning : public tbb::task_scheduler_observer {
  public:
    // Observes `arena` only when `threads` > 1 and the calling thread may run
    // on at least that many CPUs; otherwise does nothing. Destroy it after
    // the arena's work is done: it waits for the workers to leave the arena,
    // so that none stays pinned when it goes on to other work.
    CpuPinning(tbb::task_arena& arena, unsigned threads);
    ~CpuPinning() override;
    CpuPinning(const CpuPinning&) = delete;
    CpuPinning& operator=(const CpuPinning&) = delete;

    void on_scheduler_entry(bool isWorker) override;
    void on_scheduler_exit(bool isWorker) override;

  private:
#ifdef __linux__
    cpu_set_t allowed_{}; // the mask the arena's threads go back to
#endif
    std::vector<int> cpus_;      // allowed CPUs, the constructing thread's first
    std::atomic<int> pinned_{0}; // threads in the arena with a CPU of their own
};

} // namespace evtx
