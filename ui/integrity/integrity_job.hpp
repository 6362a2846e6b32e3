// One integrity check of a document's file (evtx::checkIntegrity, the
// content of evtxdump --check) on the thread pool, with progress polled on
// the GUI thread and cancel.
#pragma once

#include "evtx/check/integrity.hpp"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace evtxui {

class LogDocument;

class IntegrityJob : public QObject {
    Q_OBJECT

  public:
    explicit IntegrityJob(LogDocument* document, QObject* parent = nullptr);
    ~IntegrityJob() override; // cancels and waits

    void start(); // a running check is cancelled and replaced
    void cancel();
    bool isRunning() const { return running_; }
    // The last finished check (cancelled ones are kept out).
    const evtx::IntegrityReport& report() const { return report_; }
    bool hasReport() const { return hasReport_; }

  signals:
    void progress(quint64 done, quint64 total);
    void finished(bool cancelled);

  private:
    struct Run {
        std::atomic<bool> cancel{false};
        std::atomic<uint64_t> done{0}, total{0};
    };
    void runFinished();

    LogDocument* document_;
    std::shared_ptr<Run> run_;
    QFutureWatcher<evtx::IntegrityReport> watcher_;
    QTimer poll_;
    bool running_ = false;
    bool restart_ = false;
    evtx::IntegrityReport report_;
    bool hasReport_ = false;
};

} // namespace evtxui
