// Exports records (JSONL / XML exactly as evtxdump writes them, or CSV) to a
// file or to memory on the thread pool, reporting progress; cancellable.
// The document's index must stay unchanged while it runs (indexing done).
#pragma once

#include "common/time_format.hpp"

#include "evtx/index/export.hpp"

#include <QByteArray>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <vector>

namespace evtxui {

class LogDocument;

class ExportJob : public QObject {
    Q_OBJECT

  public:
    // An empty `path` exports to memory (result()), e.g. for the clipboard.
    ExportJob(LogDocument* document, std::vector<uint32_t> rows, evtx::ExportFormat format,
              const QString& path, QObject* parent = nullptr);
    ~ExportJob() override; // cancels and waits

    // CSV times in UTC (the default) or local time, as the table shows them.
    void setTimeZoneMode(TimeZoneMode mode) { timeMode_ = mode; }
    void start();
    void cancel() { cancelled_ = true; }
    bool isRunning() const { return watcher_.isRunning(); }
    const QByteArray& result() const { return memory_; }
    QString path() const { return path_; }
    uint64_t recordCount() const { return rows_.size(); }

    // The format a file name asks for (.xml, .csv, anything else JSONL).
    static evtx::ExportFormat formatForPath(const QString& path);

  signals:
    void progress(quint64 done, quint64 total);
    void finished(bool ok, const QString& message);

  private:
    QString run(); // on the pool; returns an error message or empty

    LogDocument* document_;
    std::vector<uint32_t> rows_;
    evtx::ExportFormat format_;
    TimeZoneMode timeMode_ = TimeZoneMode::Utc;
    QString path_;
    QByteArray memory_;
    std::atomic<bool> cancelled_{false};
    QFutureWatcher<QString> watcher_;
};

} // namespace evtxui
