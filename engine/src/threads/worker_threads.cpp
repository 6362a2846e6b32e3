#include "evtx/threads/worker_threads.hpp"

#include <atomic>

namespace evtx {

namespace {
std::atomic<WorkerThreadHook> hook{nullptr};
}

void setWorkerThreadHook(WorkerThreadHook h) {
    hook.store(h);
}

WorkerThreadHook workerThreadHook() {
    return hook.load();
}

} // namespace evtx
