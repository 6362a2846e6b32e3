// One free-text search (searchIndex) over a document's finished index on the
// thread pool, through BackgroundJob. Hits stream in: worker threads queue
// each block's hits, and each progress tick on the GUI thread hands them out
// (hitsFound), so the first hits show while the rest of the log is searched.
// Starting again supersedes the run in flight; cancel discards its hits.
#pragma once

#include "evtx/query/text_search.hpp"

#include "jobs/background_job.hpp"

#include <QObject>

#include <cstdint>
#include <memory>
#include <mutex>
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
    bool isRunning() const { return job_.isRunning(); }
    quint64 unreadable() const { return unreadable_; }

  signals:
    // Hits of the current run (index rows, ascending within one call, in no
    // order across calls); never called for a superseded or cancelled run.
    void hitsFound(const std::vector<uint32_t>& rows);
    void progress(quint64 done, quint64 total);
    // Once per run that was not superseded, after its last hitsFound.
    void finished(bool cancelled);

  private:
    // Hits queued by one run's workers, taken on the GUI thread.
    struct Pending {
        std::mutex mutex;
        std::vector<uint32_t> rows;
    };
    struct Outcome {
        evtx::TextSearchResult result;
        uint64_t done = 0, total = 0;
    };
    void deliver(quint64 done, quint64 total);

    LogDocument* document_;
    std::shared_ptr<Pending> pending_; // the current run's; null when none
    quint64 unreadable_ = 0;
    BackgroundJob<Outcome> job_;
};

} // namespace evtxui
