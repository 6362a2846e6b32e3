#include "jobs/background_priority.hpp"

#include "evtx/threads/worker_threads.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace evtxui {

namespace {
constexpr int kNice = 10;
} // namespace

void lowerCurrentThreadPriority() {
    // Threads enter arenas again and again; one system call each is enough.
    thread_local bool lowered = false;
    if (lowered) return;
    lowered = true;
    const auto tid = pid_t(::syscall(SYS_gettid));
    if (tid == ::getpid()) return; // the GUI thread keeps its priority
    // Per-thread on Linux; raising nice needs no privilege.
    ::setpriority(PRIO_PROCESS, id_t(tid), kNice);
}

void lowerBackgroundThreadPriority() {
    evtx::setWorkerThreadHook(&lowerCurrentThreadPriority);
}

} // namespace evtxui
