// Runs the evtxdump under test (EVTXDUMP_PATH) as a process, optionally
// with standard input: its exit status, standard output and standard
// error. `code` stays -1 when it did not start or finish (a hang).
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

struct EvtxdumpRun {
    int code = -1;
    QByteArray out, err;
};

inline EvtxdumpRun evtxdump(const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(EVTXDUMP_PATH, args);
    EvtxdumpRun r;
    if (!p.waitForStarted(10000)) return r;
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit) return r;
    r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}
