// Exports records (JSONL / XML / CSV exactly as evtxdump writes them; CSV is
// the EvtxECmd-style timeline of evtxdump -o csv, described with the
// viewer's knowledge and with the table's Data columns added, its times in
// the zone the viewer shows) to a
// file or to memory on the thread pool through BackgroundJob, reporting
// progress; cancellable (a cancelled export leaves no file).
// The document's index must stay unchanged while it runs (indexing done).
#pragma once

#include "common/knowledge_ptr.hpp"
#include "common/time_format.hpp"
#include "jobs/background_job.hpp"

#include "evtx/index/export.hpp"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

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

    // CSV: UTC (EvtxECmd's timeline, the default) or, in Local mode, local
    // times with each row's offset and the zone named in the header.
    void setTimeZoneMode(TimeZoneMode mode) { timeMode_ = mode; }
    // CSV: the knowledge for its MapDescription and map columns (the
    // built-in one unless set), and the Data columns written after Payload.
    void setKnowledge(KnowledgePtr kb) { kb_ = kb ? std::move(kb) : builtInKnowledge(); }
    void setDataColumns(const QStringList& columns) { dataColumns_ = columns; }
    void start();
    void cancel() { job_.cancel(); }
    bool isRunning() const { return job_.isRunning(); }
    const QByteArray& result() const { return memory_; }
    QString path() const { return path_; }
    uint64_t recordCount() const { return rows_.size(); }

    // The format a file name asks for (.xml, .csv, anything else JSONL).
    static evtx::ExportFormat formatForPath(const QString& path);

  signals:
    void progress(quint64 done, quint64 total);
    void finished(bool ok, const QString& message);

  private:
    QString run(JobToken& token); // on the pool; returns an error message or empty
    void useTimeline(evtx::ExportRequest& req) const; // CSV through the timeline writer
    QString zoneLabel() const;                        // local times: the header's zone
    void runFinished(bool cancelled);

    LogDocument* document_;
    std::vector<uint32_t> rows_;
    evtx::ExportFormat format_;
    TimeZoneMode timeMode_ = TimeZoneMode::Utc;
    KnowledgePtr kb_ = builtInKnowledge();
    QStringList dataColumns_;
    QString path_;
    QByteArray memory_;
    QString error_;
    BackgroundJob<QString> job_; // last: destroyed (cancels, waits) before what run() reads
};

} // namespace evtxui
