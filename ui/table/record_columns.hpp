// The table's columns: their titles, which index field each shows, which are
// visible by default (those of Windows Event Viewer), and cell texts.
#pragma once

#include "evtx/index/record_index.hpp"

#include <QString>

namespace evtxui {

enum class Column {
    Level,
    DateTime,
    Source,
    EventId,
    TaskCategory,
    Computer,
    Channel,
    RecordId,
    User,
    Keywords,
    ProcessId,
    ThreadId,
    Opcode,
    Recovered,
    // What the event means ("Logon succeeded — …"), from the knowledge base;
    // read from each shown record, not indexed: it does not sort.
    Description,
};
inline constexpr int kColumnCount = 15;

struct ColumnInfo {
    const char* title;
    evtx::IndexField field;
    bool visibleByDefault;
    bool sortable = true;
};

const ColumnInfo& columnInfo(Column c);

// "Error", "Warning", ... as Event Viewer names levels; security audits
// (level 0 with an audit keyword) read "Audit Success" / "Audit Failure".
QString levelText(uint8_t level, uint64_t keywords);

// Severity for the icon: 0 information, 1 warning, 2 error (critical included).
int levelSeverity(uint8_t level, uint64_t keywords);

QString hexText(uint64_t v);

// The Recovered column: empty for a live record, else "slack" or "damaged
// chunk" (", template lost" when only raw values were read).
QString recoveryText(uint8_t recovery);
// Where a recovered record was found, for its tooltip.
QString recoveryDescription(uint8_t recovery, uint32_t chunk, uint16_t chunkOffset);

} // namespace evtxui
