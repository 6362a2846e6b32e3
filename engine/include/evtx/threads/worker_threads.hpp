// The engine's parallel work (dump, index, filter, search, sort, export)
// runs on TBB threads in arenas the engine creates. A program may want those
// threads treated apart from its own: a viewer lowers their priority so that
// its GUI thread keeps a core while a large log indexes.
#pragma once

namespace evtx {

// Runs on each thread as it enters one of the engine's arenas (workers and
// the thread that started the work alike). Set once, before any engine work
// starts; null (the default) does nothing.
using WorkerThreadHook = void (*)();
void setWorkerThreadHook(WorkerThreadHook hook);
WorkerThreadHook workerThreadHook();

} // namespace evtx
