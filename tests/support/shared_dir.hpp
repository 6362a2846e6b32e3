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

// In CI (CI=true) a missing corpus is a failure, not a skip: a run that
// tests little must not pass.
inline bool inCi() {
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

#define SKIP_WITHOUT_SHARED()                                                                      \
    do {                                                                                           \
        if (!sharedAvailable()) {                                                                  \
            const QString why = "shared samples not found at " + sharedDir() +                     \
                                " (set EVTX_SHARED); this test needs them";                        \
            if (inCi()) QFAIL(qPrintable(why + " (CI=true: failing)"));                            \
            QSKIP(qPrintable(why));                                                                \
        }                                                                                          \
    } while (0)
