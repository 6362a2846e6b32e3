// The logs the viewer tests open by name: "demo" is the repository's own
// samples/demo.evtx (EVTX_DEMO_LOG), there on every clone; any other name is
// a shared sample (../shared, only when sharedAvailable()). Expected records
// come from evtxdump for the demo log (run as a process on the same file;
// the engine suites prove its output equal to the golden files) and from the
// golden JSONL for a shared sample.
#pragma once

#include "golden_files.hpp"

#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

inline QString demoLogPath() {
    return QStringLiteral(EVTX_DEMO_LOG);
}

// evtxdump's standard output (and, if asked, its standard error).
inline QByteArray runEvtxdump(const QStringList& args, QByteArray* stderrText = nullptr) {
    QProcess p;
    p.start(EVTXDUMP_PATH, args);
    if (!p.waitForFinished(120000)) qFatal("evtxdump did not finish");
    if (stderrText) *stderrText = p.readAllStandardError();
    return p.readAllStandardOutput();
}

inline QString logPath(const QString& name) {
    return name == QLatin1String("demo") ? demoLogPath() : samplePath(name);
}

// One JSONL line per record of the file at `path`, as evtxdump writes them.
inline QList<QByteArray> evtxdumpJsonLines(const QString& path) {
    QList<QByteArray> lines = runEvtxdump({"-o", "jsonl", path}).split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
    return lines;
}

// The records of a log by name, one JSONL line each.
inline QList<QByteArray> logJsonLines(const QString& name) {
    if (name != QLatin1String("demo")) return goldenJsonLines(name);
    static const QList<QByteArray> demo = evtxdumpJsonLines(demoLogPath());
    return demo;
}

// The whole JSONL text of a log by name.
inline QByteArray logJsonText(const QString& name) {
    if (name != QLatin1String("demo")) return readGolden(name, ".jsonl");
    return runEvtxdump({"-o", "jsonl", demoLogPath()});
}
