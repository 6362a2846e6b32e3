// One run of a query over a document's finished index, on the thread pool
// (filterIndex, TBB inside), with progress polled on the GUI thread and
// cancel. Starting again cancels and supersedes the run in flight.
#pragma once

#include "evtx/query/query.hpp"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <memory>
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
    void cancel();
    bool isRunning() const { return running_; }

    // The last finished run's rows, ascending index rows.
    const std::vector<uint32_t>& rows() const { return rows_; }
    uint64_t unreadable() const { return unreadable_; }

  signals:
    void progress(quint64 done, quint64 total);
    // Once per run that was not superseded; `cancelled` runs keep no rows.
    void finished(bool cancelled);

  private:
    struct Run {
        std::atomic<bool> cancel{false};
        std::atomic<uint64_t> done{0}, total{0};
    };
    struct Outcome {
        std::vector<uint32_t> rows;
        uint64_t unreadable = 0;
        bool cancelled = false;
    };
    void runFinished();

    LogDocument* document_;
    std::shared_ptr<Run> run_;
    QFutureWatcher<Outcome> watcher_;
    QTimer poll_;
    bool running_ = false;
    bool discard_ = false; // cancelled: a result that finished anyway is dropped
    bool restart_ = false; // a newer query waits for the cancelled run to end
    std::optional<evtx::Query> next_;
    std::vector<uint32_t> rows_;
    uint64_t unreadable_ = 0;
};

} // namespace evtxui
