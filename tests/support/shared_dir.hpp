// Where the shared samples and golden outputs are (../shared next to the
// repository, or $EVTX_SHARED).
#pragma once

#include <QDir>
#include <QString>

inline QString sharedDir() {
    QByteArray env = qgetenv("EVTX_SHARED");
    return env.isEmpty() ? QString(EVTX_SHARED_DIR) : QString::fromLocal8Bit(env);
}

inline bool sharedAvailable() {
    return QDir(sharedDir() + "/evtx-samples").exists() && QDir(sharedDir() + "/golden").exists();
}

#define SKIP_WITHOUT_SHARED()                                                                      \
    do {                                                                                           \
        if (!sharedAvailable())                                                                    \
            QSKIP(qPrintable("shared samples not found at " + sharedDir() +                        \
                             " (set EVTX_SHARED); conformance needs them"));                        \
    } while (0)
