#include "background_priority.hpp"

#include <tbb/task_scheduler_observer.h>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace evtxui {

namespace {

constexpr int kNice = 10;

class BackgroundPriority : public tbb::task_scheduler_observer {
  public:
    BackgroundPriority() { observe(true); }
    ~BackgroundPriority() override { observe(false); }

    void on_scheduler_entry(bool) override { lowerCurrentThreadPriority(); }
};

} // namespace

void lowerCurrentThreadPriority() {
    const auto tid = pid_t(::syscall(SYS_gettid));
    if (tid == ::getpid()) return; // the GUI thread keeps its priority
    // Per-thread on Linux; raising nice needs no privilege.
    ::setpriority(PRIO_PROCESS, id_t(tid), kNice);
}

void lowerBackgroundThreadPriority() {
    static BackgroundPriority observer;
}

} // namespace evtxui
