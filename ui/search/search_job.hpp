// One free-text search (searchIndex) over a document's finished index on the
// thread pool. Hits stream in: worker threads queue each block's hits, and
// a timer on the GUI thread hands them out (hitsFound) with the progress,
// so the first hits show while the rest of the log is searched. Starting
// again cancels and supersedes the run in flight.
#pragma once

#include "evtx/query/text_search.hpp"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace evtxui {

class LogDocument;

class SearchJob : public QObject {
    Q_OBJECT

  public:
    explicit SearchJob(LogDocument* document, QObject* parent = nullptr);
    ~SearchJob() override; // cancels and waits

    // The document's index must be finished (it must not change meanwhile).
    void start(const evtx::TextSearchPattern& pattern);
    void cancel();
    bool isRunning() const { return running_; }
    quint64 unreadable() const { return unreadable_; }

  signals:
    // Hits of the current run (index rows, ascending within one call, in no
    // order across calls); never called for a superseded or cancelled run.
    void hitsFound(const std::vector<uint32_t>& rows);
    void progress(quint64 done, quint64 total);
    // Once per run that was not superseded, after its last hitsFound.
    void finished(bool cancelled);

  private:
    struct Run {
        std::atomic<bool> cancel{false};
        std::atomic<uint64_t> done{0}, total{0};
        std::mutex mutex;
        std::vector<uint32_t> pending; // queued by the workers, taken by deliver()
    };
    void deliver();
    void runFinished();

    LogDocument* document_;
    std::shared_ptr<Run> run_;
    QFutureWatcher<evtx::TextSearchResult> watcher_;
    QTimer poll_;
    bool running_ = false;
    bool discard_ = false; // cancelled or superseded: its hits are dropped
    std::optional<evtx::TextSearchPattern> next_;
    quint64 unreadable_ = 0;
};

} // namespace evtxui
