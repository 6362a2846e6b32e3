#include "evtx/threads/cpu_pinning.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace evtx {

#ifdef __linux__

CpuPinning::CpuPinning(tbb::task_arena& arena, unsigned threads)
    : tbb::task_scheduler_observer(arena) {
    if (threads < 2 || sched_getaffinity(0, sizeof allowed_, &allowed_) != 0) return;
    std::vector<int> cpus;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
        if (CPU_ISSET(cpu, &allowed_)) cpus.push_back(cpu);
    if (cpus.size() < threads) return; // oversubscribed: pinning would only add stalls
    // The thread that starts the work (arena slot 0) keeps the CPU it is on.
    const int here = sched_getcpu();
    auto it = std::find(cpus.begin(), cpus.end(), here);
    if (it != cpus.end()) std::rotate(cpus.begin(), it, cpus.end());
    cpus_ = std::move(cpus);
    observe(true);
}

CpuPinning::~CpuPinning() {
    // A worker leaves an arena some microseconds after its last task; its
    // exit callback restores its mask only while we still observe. The
    // bound only guards against a worker that never leaves.
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (pinned_.load() > 0 && std::chrono::steady_clock::now() < giveUp)
        std::this_thread::yield();
    observe(false);
}

namespace {
// The pinning that gave this thread its CPU (null: none), so that entry and
// exit pair up per thread whatever order TBB calls them in.
thread_local const CpuPinning* pinnedBy = nullptr;
} // namespace

void CpuPinning::on_scheduler_entry(bool) {
    const int slot = tbb::this_task_arena::current_thread_index();
    if (slot < 0 || pinnedBy) return;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpus_[size_t(slot) % cpus_.size()], &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) return;
    pinnedBy = this;
    ++pinned_;
}

void CpuPinning::on_scheduler_exit(bool) {
    if (pinnedBy != this) return;
    sched_setaffinity(0, sizeof allowed_, &allowed_);
    pinnedBy = nullptr;
    --pinned_;
}

#else // no affinity API: the scheduler places threads

CpuPinning::CpuPinning(tbb::task_arena& arena, unsigned) : tbb::task_scheduler_observer(arena) {}
CpuPinning::~CpuPinning() = default;
void CpuPinning::on_scheduler_entry(bool) {}
void CpuPinning::on_scheduler_exit(bool) {}

#endif

} // namespace evtx
