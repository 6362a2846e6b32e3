// The one helper every background task of the viewer runs through (sorts,
// filters, facet and histogram counts, searches, exports, integrity checks,
// the record locator's table, the Data-name sampler).
//
// Contract:
// - start(work) runs `work` on the background pool (runInBackground) and
//   returns the run's id (1, 2, 3 ... per job). One run at a time per job:
//   a start while a run is in flight cancels that run (its token says so)
//   and the newest request waits for it to return, replacing any request
//   already waiting. The newest request wins: a superseded run's result is
//   discarded and nothing is emitted for it.
// - cancel() tells the run in flight to stop and drops a waiting request;
//   the run's result is discarded even if it finished anyway, and
//   finished(id, true) follows when it has returned.
// - A run's result reaches the result handler by a queued call on the thread
//   that owns the job (the GUI thread), then finished(id, false) is emitted.
// - progress(done, total) is emitted on the owner's thread every
//   progressInterval() ms while the current run is in flight, from the
//   values the work reported through its token.
// - Destroying the job cancels and waits for the run in flight; nothing is
//   delivered afterwards. Work that reads its owner's members must not
//   outlive them: declare the job after them (it is destroyed first).
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace evtxui {

// What one run shares with its owner: its id, the cancel flag (engine calls
// take cancelFlag()) and the progress it reports.
class JobToken {
  public:
    explicit JobToken(uint64_t id) : id_(id) {}
    uint64_t id() const { return id_; }
    bool isCancelled() const { return cancel_.load(std::memory_order_relaxed); }
    std::atomic<bool>* cancelFlag() { return &cancel_; }
    void setProgress(uint64_t done, uint64_t total) {
        done_.store(done, std::memory_order_relaxed);
        total_.store(total, std::memory_order_relaxed);
    }
    uint64_t done() const { return done_.load(std::memory_order_relaxed); }
    uint64_t total() const { return total_.load(std::memory_order_relaxed); }
    void cancel() { cancel_.store(true, std::memory_order_relaxed); }

  private:
    const uint64_t id_;
    std::atomic<bool> cancel_{false};
    std::atomic<uint64_t> done_{0}, total_{0};
};

// The part of BackgroundJob that does not depend on the result type.
class JobRunner : public QObject {
    Q_OBJECT

  public:
    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override; // cancels and waits

    // A run in flight (cancelled ones included, until they return) or waiting.
    bool isRunning() const { return running_ || queued_.has_value(); }
    // The id of the newest request (0 before the first).
    uint64_t currentId() const { return lastId_; }
    void cancel();
    // Blocks until the run in flight has returned (its result still arrives
    // by the queued call). For tests and teardown.
    void waitForFinished() { watcher_.waitForFinished(); }
    void setProgressInterval(int ms) { poll_.setInterval(ms); }
    int progressInterval() const { return poll_.interval(); }

  signals:
    void progress(quint64 done, quint64 total);
    // Once per run that was not superseded, after its result was handed over
    // (cancelled: no result).
    void finished(quint64 id, bool cancelled);

  protected:
    struct Run {
        std::shared_ptr<JobToken> token;
        std::function<void(JobToken&)> body; // on the pool
        std::function<void()> deliver;       // on the owner's thread
    };
    uint64_t startRun(std::function<void(JobToken&)> body, std::function<void()> deliver);

  private:
    void launch(Run run);
    void runReturned();

    QFutureWatcher<void> watcher_;
    QTimer poll_;
    bool running_ = false;
    Run current_;
    std::optional<Run> queued_;
    uint64_t lastId_ = 0;
};

template <typename Result> class BackgroundJob : public JobRunner {
  public:
    using Work = std::function<Result(JobToken&)>;
    using Handler = std::function<void(Result&&)>;

    explicit BackgroundJob(Handler onResult, QObject* parent = nullptr)
        : JobRunner(parent), onResult_(std::move(onResult)) {}

    uint64_t start(Work work) {
        auto slot = std::make_shared<std::optional<Result>>();
        return startRun([slot, work = std::move(work)](JobToken& t) { slot->emplace(work(t)); },
                        [this, slot] {
                            if (slot->has_value()) onResult_(std::move(**slot));
                        });
    }

  private:
    Handler onResult_;
};

} // namespace evtxui
