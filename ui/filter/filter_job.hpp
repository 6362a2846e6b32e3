// One run of a query over a document's finished index, on the thread pool
// (filterIndex, TBB inside) through BackgroundJob: progress, cancel (the
// result is discarded), and a new start supersedes the run in flight.
#pragma once

#include "evtx/query/query.hpp"

#include "jobs/background_job.hpp"

#include <QObject>

#include <cstdint>
#include <vector>

namespace evtxui {

class LogDocument;

class FilterJob : public QObject {
    Q_OBJECT

  public:
    explicit FilterJob(LogDocument* document, QObject* parent = nullptr);
    ~FilterJob() override; // cancels and waits

    // The document's index must be finished (it must not change meanwhile).
    void start(const evtx::Query& query);
    void cancel() { job_.cancel(); }
    bool isRunning() const { return job_.isRunning(); }

    // The last finished run's rows, ascending index rows.
    const std::vector<uint32_t>& rows() const { return rows_; }
    uint64_t unreadable() const { return unreadable_; }

  signals:
    void progress(quint64 done, quint64 total);
    // Once per run that was not superseded; cancelled runs keep no rows,
    // even one that finished before it saw the cancel.
    void finished(bool cancelled);

  private:
    struct Outcome {
        std::vector<uint32_t> rows;
        uint64_t unreadable = 0;
    };

    LogDocument* document_;
    std::vector<uint32_t> rows_;
    uint64_t unreadable_ = 0;
    BackgroundJob<Outcome> job_;
};

} // namespace evtxui
