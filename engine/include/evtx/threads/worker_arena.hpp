// A TBB arena whose threads run the program's WorkerThreadHook on entry,
// and, when asked, each get a CPU of their own (CpuPinning). A
// task_scheduler_observer without an arena sees only the implicit arena of
// the thread that made it, so both ride on each arena.
#pragma once

#include "evtx/threads/cpu_pinning.hpp"
#include "evtx/threads/worker_threads.hpp"

#include <tbb/task_arena.h>
#include <tbb/task_scheduler_observer.h>

#include <algorithm>
#include <memory>
#include <utility>

namespace evtx {

class WorkerArena {
  public:
    enum class Placement { Scheduler, OneCpuPerThread };

    explicit WorkerArena(unsigned threads, Placement placement = Placement::Scheduler)
        : arena_(int(std::max(1u, threads))), observer_(arena_) {
        if (placement == Placement::OneCpuPerThread)
            pinning_ = std::make_unique<CpuPinning>(arena_, threads);
    }

    template <class F> decltype(auto) execute(F&& f) { return arena_.execute(std::forward<F>(f)); }

  private:
    class HookObserver : public tbb::task_scheduler_observer {
      public:
        explicit HookObserver(tbb::task_arena& arena)
            : tbb::task_scheduler_observer(arena), hook_(workerThreadHook()) {
            if (hook_) observe(true);
        }
        ~HookObserver() override { observe(false); }
        void on_scheduler_entry(bool) override { hook_(); }

      private:
        WorkerThreadHook hook_;
    };

    tbb::task_arena arena_;
    HookObserver observer_; // declared after arena_: stops observing before it goes
    std::unique_ptr<CpuPinning> pinning_;
};

} // namespace evtx
