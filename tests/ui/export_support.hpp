// Running a viewer export to the end, for the export suites.
#pragma once

#include "document/log_document.hpp"
#include "export/export_job.hpp"
#include "file_bytes.hpp"

#include <QByteArray>
#include <QFile>
#include <QSignalSpy>
#include <QString>

#include <numeric>
#include <vector>

// Runs an ExportJob of `rows` to `path` (or, with an empty path, to memory,
// returned in `memory`); true when it finished without error.
inline bool runExport(evtxui::LogDocument& doc, std::vector<uint32_t> rows,
                      evtx::ExportFormat format, const QString& path,
                      QByteArray* memory = nullptr) {
    evtxui::ExportJob job(&doc, std::move(rows), format, path);
    QSignalSpy finished(&job, &evtxui::ExportJob::finished);
    job.start();
    if (!finished.wait(60000)) return false;
    if (memory) *memory = job.result();
    return finished.first().at(0).toBool();
}

// Every index row of the document, in file order.
inline std::vector<uint32_t> allRows(const evtxui::LogDocument& doc) {
    std::vector<uint32_t> rows(doc.index().size());
    std::iota(rows.begin(), rows.end(), 0u);
    return rows;
}
