// Finds index rows by record id (integrity items name records by id): a
// table of (id, row) sorted once on the pool when the index is finished;
// each lookup is then a binary search on the GUI thread.
#pragma once

#include "jobs/background_job.hpp"

#include <QObject>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace evtxui {

class LogDocument;

class RecordLocator : public QObject {
    Q_OBJECT

  public:
    using Table = std::vector<std::pair<uint64_t, uint32_t>>;

    explicit RecordLocator(LogDocument* document, QObject* parent = nullptr);
    ~RecordLocator() override; // waits for the table being built

    // Answers with found() or notFound(): at once when the table is ready,
    // else when it is (after indexing, for an index still being built).
    void find(uint64_t recordId);
    bool isReady() const { return ready_; }

  signals:
    void found(quint64 recordId, quint32 indexRow); // the first row with the id
    void notFound(quint64 recordId);

  private:
    void build();
    void answer();

    LogDocument* document_;
    Table table_;
    bool ready_ = false;
    std::optional<uint64_t> pending_; // the newest request while not ready
    BackgroundJob<Table> job_;
};

} // namespace evtxui
