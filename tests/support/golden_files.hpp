// The shared samples and the reference outputs in ../shared/golden, split
// per record: JSONL lines, and XML blocks that each start with "Record N".
#pragma once

#include "shared_dir.hpp"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

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

// XML output split into its "Record N" blocks.
inline QList<QByteArray> splitXmlRecords(const QByteArray& all) {
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

inline QList<QByteArray> goldenXmlRecords(const QString& name) {
    return splitXmlRecords(readGolden(name, ".xml"));
}
