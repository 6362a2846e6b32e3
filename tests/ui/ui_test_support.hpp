// Helpers shared by the viewer tests: waiting for a document to finish
// indexing, settings kept away from the user's (samples and golden files:
// golden_files.hpp).
#pragma once

#include "document/log_document.hpp"
#include "golden_files.hpp"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

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
