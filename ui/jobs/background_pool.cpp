#include "jobs/background_pool.hpp"

#include <QCoreApplication>

namespace evtxui {

QThreadPool* backgroundPool() {
    // Owned by the application, so it waits for its jobs before the
    // application's objects go; without one (never in the viewer) it lives on.
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool(QCoreApplication::instance());
        p->setObjectName(QStringLiteral("evtxview background"));
        return p;
    }();
    return pool;
}

} // namespace evtxui
