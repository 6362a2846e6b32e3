// Helpers shared by the viewer tests: sample paths, golden files, waiting
// for a document to finish indexing, settings kept away from the user's.
#pragma once

#include "log_document.hpp"
#include "shared_dir.hpp"

#include <QCoreApplication>
#include <QFile>
#include <QList>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

inline QString samplePath(const QString& name) {
    return sharedDir() + "/evtx-samples/" + name + ".evtx";
}

inline QByteArray readGolden(const QString& name, const char* ext) {
    QFile f(sharedDir() + "/golden/" + name + ext);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read golden %s%s", qPrintable(name), ext);
    return f.readAll();
}

inline QList<QByteArray> goldenJsonLines(const QString& name) {
    QList<QByteArray> lines = readGolden(name, ".jsonl").split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
    return lines;
}

// Golden XML split into per-record blocks, each starting with "Record N".
inline QList<QByteArray> goldenXmlRecords(const QString& name) {
    const QByteArray all = readGolden(name, ".xml");
    QList<QByteArray> out;
    qsizetype pos = 0;
    while (pos < all.size()) {
        qsizetype next = all.indexOf("\nRecord ", pos);
        next = next < 0 ? all.size() : next + 1;
        out << all.mid(pos, next - pos);
        pos = next;
    }
    return out;
}

inline bool waitIndexed(evtxui::LogDocument* doc, int timeoutMs = 30000) {
    return QTest::qWaitFor([doc] { return doc->indexFinished(); }, timeoutMs);
}

// Settings go to a test location, not the user's configuration, one file
// per test program (the application name defaults to the executable's), so
// that tests running in parallel do not share them.
inline void useTestSettings() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("evtxview-tests");
}
