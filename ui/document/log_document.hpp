// One open .evtx file: its mapping, the template cache, the record index the
// background pipeline fills, the problems met while reading it, and a reader
// for rendering single records on the GUI thread. Batches arrive through
// queued calls, so the index is only ever touched on the GUI thread.
#pragma once

#include "evtx/carve/recovery_census.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"
#include "evtx/index/index_builder.hpp"
#include "evtx/index/record_index.hpp"
#include "evtx/index/record_reader.hpp"
#include "evtx/knowledge/sid_names.hpp"
#include "evtx/query/index_filter.hpp"
#include "jobs/background_job.hpp"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace evtxui {

class LogDocument : public QObject {
    Q_OBJECT

  public:
    explicit LogDocument(const QString& path, QObject* parent = nullptr);
    ~LogDocument() override; // cancels indexing and waits for the pipeline

    // Maps the file and reads its header. On failure openError() says what
    // and where; the document then has no rows.
    bool open();
    void startIndexing(evtx::IndexOptions options = {});
    void cancelIndexing();

    QString path() const { return path_; }
    QString fileName() const;
    QString openError() const { return openError_; }
    const std::optional<evtx::FileHeader>& header() const { return header_; }
    const evtx::RecordIndex& index() const { return index_; }
    const std::vector<evtx::DumpError>& errors() const { return errors_; }

    bool isIndexing() const { return indexing_; }
    bool indexComplete() const { return finished_ && !cancelled_; }
    bool indexFinished() const { return finished_; }
    bool wasCancelled() const { return cancelled_; }
    uint64_t chunksDone() const { return chunksDone_; }
    uint64_t chunksTotal() const { return chunksTotal_; }
    int batchesReceived() const { return batches_; }
    // Indexed with IndexOptions::recover, and how many rows recovery added.
    bool includesRecovered() const { return options_.recover; }
    uint64_t recoveredCount() const { return recovered_; }
    // Indexed without recovery: what recovery would add, counted in the
    // background once indexing is complete (nullopt until then).
    const std::optional<evtx::RecoveryCensus>& recoverable() const { return recoverable_; }
    // The account names this log gives its SIDs, learned in the background
    // once indexing is complete (null until then; sidNamesLearned() says when).
    const evtx::knowledge::SidNames* sidNames() const { return sidNames_.get(); }

    evtx::Bytes bytes() const;
    evtx::TemplateCache& templates() { return *templates_; }

    // For readers (RecordReader::setChunkLoadHook and the requests'
    // chunkLoaded): when a reader moves to a chunk in another release window
    // the mapping's pages of the window it left are released, so scans and
    // random reads over a large log keep RSS bounded. Each copy of the hook
    // remembers its own reader's last chunk.
    std::function<void(evtx::Bytes chunk)> chunkLoadHook() const;
    // A request over the whole index for background readers (filters,
    // search, the Data-name sampler), with chunkLoadHook() set.
    evtx::IndexFilterRequest filterRequest();

    // Loads index row `row` into the GUI-thread reader; null with `error` set
    // when it cannot be read.
    evtx::RecordReader* loadRecord(uint32_t row, QString& error);

  signals:
    void rowsAboutToBeAppended(int count);
    void rowsAppended();
    void progressChanged(quint64 chunksDone, quint64 chunksTotal);
    void errorsAdded();
    void indexingFinished();
    void recoverableCounted();
    void sidNamesLearned();

  private:
    void applyBatch(evtx::IndexBatch& batch);
    void startRecoveryCensus();
    void startLearningSidNames();

    QString path_;
    QString openError_;
    std::unique_ptr<evtx::Input> input_;
    std::unique_ptr<evtx::TemplateCache> templates_;
    std::optional<evtx::FileHeader> header_;
    evtx::RecordIndex index_;
    std::vector<evtx::DumpError> errors_;
    std::unique_ptr<evtx::RecordReader> reader_;
    std::shared_ptr<const evtx::knowledge::SidNames> sidNames_;
    // Reads the mapping, templates and index: cancelled and waited for first.
    BackgroundJob<std::shared_ptr<const evtx::knowledge::SidNames>> sidJob_;
    std::unique_ptr<evtx::IndexBuilder> builder_; // last member: stopped first
    bool indexing_ = false, finished_ = false, cancelled_ = false;
    uint64_t chunksDone_ = 0, chunksTotal_ = 0;
    evtx::IndexOptions options_;
    uint64_t recovered_ = 0;
    std::optional<evtx::RecoveryCensus> recoverable_;
    std::atomic<bool> censusCancel_{false};
    std::thread census_; // joined before the mapping goes
    int batches_ = 0;
};

} // namespace evtxui
