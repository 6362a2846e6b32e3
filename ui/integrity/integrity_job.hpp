// One integrity check of a document's file (evtx::checkIntegrity, the
// content of evtxdump --check) on the thread pool through BackgroundJob:
// progress, cancel (the report is discarded, even one that finished before it
// saw the cancel), and a new start supersedes the check in flight.
#pragma once

#include "evtx/check/integrity.hpp"

#include "jobs/background_job.hpp"

#include <QObject>

namespace evtxui {

class LogDocument;

class IntegrityJob : public QObject {
    Q_OBJECT

  public:
    explicit IntegrityJob(LogDocument* document, QObject* parent = nullptr);
    ~IntegrityJob() override; // cancels and waits

    void start(); // a running check is cancelled and replaced
    void cancel() { job_.cancel(); }
    bool isRunning() const { return job_.isRunning(); }
    // The last finished check (cancelled ones are kept out).
    const evtx::IntegrityReport& report() const { return report_; }
    bool hasReport() const { return hasReport_; }

  signals:
    void progress(quint64 done, quint64 total);
    void finished(bool cancelled);

  private:
    LogDocument* document_;
    evtx::IntegrityReport report_;
    bool hasReport_ = false;
    BackgroundJob<evtx::IntegrityReport> job_;
};

} // namespace evtxui
