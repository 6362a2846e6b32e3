// The pool background jobs (sorts, filters, searches, counts, the Data-name
// sampler, exports) run on. Not QThreadPool::globalInstance(): Qt's raster
// engine splits large fills and image scaling over the global pool and waits
// for them on the GUI thread, so a job there held up the window's repaint
// until it finished (GUI stalls of 100-570 ms while sorting 1.5 M rows).
#pragma once

#include "jobs/background_priority.hpp"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace evtxui {

QThreadPool* backgroundPool();

// QtConcurrent::run on backgroundPool(), at background priority.
template <typename Function> auto runInBackground(Function&& f) {
    return QtConcurrent::run(backgroundPool(), [f = std::forward<Function>(f)]() mutable {
        lowerCurrentThreadPriority();
        return f();
    });
}

} // namespace evtxui
