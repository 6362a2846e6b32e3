#include "document/log_document.hpp"

#include "document/sid_names_scan.hpp"
#include "jobs/background_priority.hpp"

#include <QFileInfo>

namespace evtxui {

LogDocument::LogDocument(const QString& path, QObject* parent)
    : QObject(parent), path_(path), templates_(std::make_unique<evtx::TemplateCache>()),
      sidJob_([this](std::shared_ptr<const evtx::knowledge::SidNames>&& names) {
          sidNames_ = std::move(names);
          emit sidNamesLearned();
      }) {}

LogDocument::~LogDocument() {
    // The threads must be gone before the mapping they read.
    sidJob_.cancel();
    sidJob_.waitForFinished();
    censusCancel_ = true;
    if (census_.joinable()) census_.join();
    builder_.reset();
}

QString LogDocument::fileName() const {
    return QFileInfo(path_).fileName();
}

evtx::Bytes LogDocument::bytes() const {
    return input_ ? input_->bytes() : evtx::Bytes();
}

bool LogDocument::open() {
    std::string error;
    input_ = evtx::Input::openFile(QFileInfo(path_).absoluteFilePath().toStdString(), error);
    if (!input_) {
        openError_ = tr("Cannot open %1: %2").arg(path_, QString::fromStdString(error));
        return false;
    }
    header_ = evtx::parseFileHeader(input_->bytes(), error);
    if (!header_) {
        openError_ = tr("%1 is not an EVTX file (file header at offset 0: %2).")
                         .arg(fileName(), QString::fromStdString(error));
        return false;
    }
    reader_ = std::make_unique<evtx::RecordReader>(input_->bytes(), *templates_);
    reader_->setChunkLoadHook(chunkLoadHook());
    chunksTotal_ = evtx::chunkCountOf(input_->bytes());
    return true;
}

void LogDocument::startIndexing(evtx::IndexOptions options) {
    if (!input_ || !header_ || builder_) return;
    indexing_ = true;
    // The pipeline's threads must not take cores from the GUI thread: with
    // them at the GUI's priority, it waited up to 113 ms for a core while a
    // 1 GB log indexed. Set here, where engine work starts, so that every
    // program that builds documents (the app, tests, benchmarks) runs alike.
    lowerBackgroundThreadPriority();
    // An indexed chunk is read again only for the record a user selects or
    // exports: dropping its pages keeps RSS near the index's size instead of
    // the file's.
    const evtx::Input* input = input_.get();
    options.chunkIndexed = [input](evtx::Bytes chunk) { input->releasePages(chunk); };
    options_ = options;
    builder_ = std::make_unique<evtx::IndexBuilder>(
        input_->bytes(), *templates_, options, [this](evtx::IndexBatch&& batch) {
            // Runs on the pipeline's thread: hand the batch to the GUI thread.
            auto shared = std::make_shared<evtx::IndexBatch>(std::move(batch));
            QMetaObject::invokeMethod(
                this, [this, shared] { applyBatch(*shared); }, Qt::QueuedConnection);
        });
    builder_->start();
}

void LogDocument::cancelIndexing() {
    if (builder_ && indexing_) builder_->cancel();
}

void LogDocument::applyBatch(evtx::IndexBatch& batch) {
    ++batches_;
    if (!batch.rows.empty()) {
        if (options_.recover)
            for (size_t i = 0; i < batch.rows.size(); ++i)
                recovered_ += batch.rows.isRecovered(i) ? 1 : 0;
        emit rowsAboutToBeAppended(int(batch.rows.size()));
        index_.append(batch);
        emit rowsAppended();
    } else {
        index_.append(batch); // strings only
    }
    chunksDone_ = batch.chunksDone;
    chunksTotal_ = batch.chunksTotal;
    if (!batch.errors.empty()) {
        errors_.insert(errors_.end(), batch.errors.begin(), batch.errors.end());
        emit errorsAdded();
    }
    emit progressChanged(chunksDone_, chunksTotal_);
    if (batch.last) {
        indexing_ = false;
        finished_ = true;
        cancelled_ = batch.cancelled;
        // No shrinkToFit: the unused reserve was never written (not resident),
        // and copying the columns here would stall the GUI thread.
        emit indexingFinished();
        if (!cancelled_ && !options_.recover) startRecoveryCensus();
        if (!cancelled_) startLearningSidNames();
    }
}

void LogDocument::startRecoveryCensus() {
    if (census_.joinable()) return;
    const evtx::Bytes file = bytes();
    const bool validate = options_.validateChecksums;
    const evtx::Input* input = input_.get();
    census_ = std::thread([this, file, validate, input] {
        lowerCurrentThreadPriority();
        // As after indexing: pages read for the count are not kept.
        auto release = [input](evtx::Bytes chunk) { input->releasePages(chunk); };
        auto census = std::make_shared<evtx::RecoveryCensus>(
            evtx::countRecoverable(file, validate, &censusCancel_, release));
        if (census->cancelled) return;
        QMetaObject::invokeMethod(
            this,
            [this, census] {
                recoverable_ = *census;
                emit recoverableCounted();
            },
            Qt::QueuedConnection);
    });
}

void LogDocument::startLearningSidNames() {
    // One read of every record, on the pool; the index no longer changes.
    const evtx::IndexFilterRequest request = filterRequest();
    sidJob_.start([request](JobToken& token) { return learnSidNames(request, token); });
}

std::function<void(evtx::Bytes)> LogDocument::chunkLoadHook() const {
    // A reader on another thread inside a released window faults its pages
    // back in from the page cache.
    if (!input_) return {};
    return input_->releaseOnLeave();
}

evtx::IndexFilterRequest LogDocument::filterRequest() {
    evtx::IndexFilterRequest request;
    request.file = bytes();
    request.cache = templates_.get();
    request.index = &index_;
    request.chunkLoaded = chunkLoadHook();
    return request;
}

evtx::RecordReader* LogDocument::loadRecord(uint32_t row, QString& error) {
    if (!reader_ || row >= index_.size()) {
        error = tr("no such record");
        return nullptr;
    }
    std::string why;
    if (!reader_->loadRow(index_.columns(), row, why)) {
        error = QString::fromStdString(why);
        return nullptr;
    }
    return reader_.get();
}

} // namespace evtxui
