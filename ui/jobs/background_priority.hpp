// Background work (index pipeline, sorting, export) runs on TBB threads at
// a lower scheduling priority than the GUI thread, so that the window stays
// responsive even when every core is busy indexing.
#pragma once

namespace evtxui {

// Starts lowering the priority (nice +10) of every thread other than the
// main thread that enters one of the engine's TBB arenas; lasts for the life
// of the program.
void lowerBackgroundThreadPriority();

// Lowers the calling thread's priority the same way (a pool thread starting
// a background job; a no-op on the main thread).
void lowerCurrentThreadPriority();

} // namespace evtxui
