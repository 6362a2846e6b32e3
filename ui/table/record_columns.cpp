#include "table/record_columns.hpp"

#include "evtx/format/file_header.hpp"

namespace evtxui {

namespace {
constexpr uint64_t kAuditFailure = 0x0010000000000000ull;
constexpr uint64_t kAuditSuccess = 0x0020000000000000ull;

constexpr ColumnInfo kColumns[kColumnCount] = {
    {"Level", evtx::IndexField::Level, true},
    {"Date and Time", evtx::IndexField::TimeCreated, true},
    {"Source", evtx::IndexField::Provider, true},
    {"Event ID", evtx::IndexField::EventId, true},
    {"Task Category", evtx::IndexField::Task, true},
    {"Computer", evtx::IndexField::Computer, false},
    {"Channel", evtx::IndexField::Channel, false},
    {"Record ID", evtx::IndexField::RecordId, false},
    {"User", evtx::IndexField::UserSid, false},
    {"Keywords", evtx::IndexField::Keywords, false},
    {"PID", evtx::IndexField::ProcessId, false},
    {"TID", evtx::IndexField::ThreadId, false},
    {"Opcode", evtx::IndexField::Opcode, false},
    {"Recovered", evtx::IndexField::Recovery, false},
    {"Description", evtx::IndexField::RecordId, true, false}, // field unused: not sortable
};
} // namespace

const ColumnInfo& columnInfo(Column c) {
    return kColumns[int(c)];
}

QString levelText(uint8_t level, uint64_t keywords) {
    switch (level) {
    case 1:
        return QStringLiteral("Critical");
    case 2:
        return QStringLiteral("Error");
    case 3:
        return QStringLiteral("Warning");
    case 5:
        return QStringLiteral("Verbose");
    case 0:
        if (keywords & kAuditFailure) return QStringLiteral("Audit Failure");
        if (keywords & kAuditSuccess) return QStringLiteral("Audit Success");
        return QStringLiteral("Information");
    case 4:
        return QStringLiteral("Information");
    default:
        return QStringLiteral("Level %1").arg(level);
    }
}

int levelSeverity(uint8_t level, uint64_t keywords) {
    if (level == 1 || level == 2) return 2;
    if (level == 3) return 1;
    if (level == 0 && (keywords & kAuditFailure)) return 1;
    return 0;
}

QString hexText(uint64_t v) {
    return QStringLiteral("0x") + QString::number(v, 16);
}

QString recoveryText(uint8_t recovery) {
    if (recovery == evtx::row_recovery::None) return {};
    QString text = (recovery & evtx::row_recovery::DamagedChunk) ? QStringLiteral("damaged chunk")
                                                                 : QStringLiteral("slack");
    if (recovery & evtx::row_recovery::TemplateLost) text += QStringLiteral(", partial");
    if (recovery & evtx::row_recovery::ConflictsWithLive)
        text += QStringLiteral(", conflicts with live");
    return text;
}

QString recoveryDescription(uint8_t recovery, uint32_t chunk, uint16_t chunkOffset) {
    if (recovery == evtx::row_recovery::None) return {};
    const uint64_t fileOffset =
        evtx::kFileHeaderBlock + uint64_t(chunk) * evtx::kChunkSize + chunkOffset;
    QString text = (recovery & evtx::row_recovery::DamagedChunk)
                       ? QStringLiteral("Recovered from damaged chunk %1")
                       : QStringLiteral("Recovered from the slack space of chunk %1");
    text = text.arg(chunk) + QStringLiteral(", file offset 0x%1").arg(fileOffset, 0, 16);
    if (recovery & evtx::row_recovery::TemplateLost)
        text += QStringLiteral("; partial: its template is lost, only raw values were read");
    if (recovery & evtx::row_recovery::ConflictsWithLive)
        text += QStringLiteral("; a live record of this log has its record id with other content");
    return text;
}

} // namespace evtxui
