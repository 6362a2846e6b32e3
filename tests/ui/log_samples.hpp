// Data rows over logs for the viewer suites ("demo" always, shared samples
// when ../shared is there) and the XML records of a log by name, next to
// log_sources.hpp's JSONL (evtxdump's output for the demo log, the golden
// file for a shared sample).
#pragma once

#include "log_sources.hpp"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTest>

#include <initializer_list>

inline const QString kDemo = QStringLiteral("demo");

inline QList<QByteArray> logXmlRecords(const QString& name) {
    if (name != kDemo) return goldenXmlRecords(name);
    return splitXmlRecords(runEvtxdump({"-o", "xml", logPath(name)}));
}

// Data rows for a test on logs: "demo" always, the shared samples only when
// the corpus is there (without it nothing is skipped; the corpus suites'
// SKIP_WITHOUT_SHARED is what fails in CI).
inline void addLogRows(std::initializer_list<const char*> shared) {
    QTest::addColumn<QString>("name");
    QTest::newRow("demo") << kDemo;
    if (sharedAvailable())
        for (const char* n : shared)
            QTest::newRow(n) << QString(n);
}
