#include "jobs/background_job.hpp"

#include "jobs/background_pool.hpp"

namespace evtxui {

namespace {
constexpr int kDefaultProgressIntervalMs = 100;
}

JobRunner::JobRunner(QObject* parent) : QObject(parent) {
    poll_.setInterval(kDefaultProgressIntervalMs);
    connect(&poll_, &QTimer::timeout, this, [this] {
        if (running_ && !current_.token->isCancelled())
            emit progress(current_.token->done(), current_.token->total());
    });
    connect(&watcher_, &QFutureWatcherBase::finished, this, &JobRunner::runReturned);
}

JobRunner::~JobRunner() {
    cancel();
    watcher_.waitForFinished();
}

uint64_t JobRunner::startRun(std::function<void(JobToken&)> body, std::function<void()> deliver) {
    Run run{std::make_shared<JobToken>(++lastId_), std::move(body), std::move(deliver)};
    if (running_) {
        current_.token->cancel(); // superseded: its result is dropped
        queued_ = std::move(run);
    } else {
        launch(std::move(run));
    }
    return lastId_;
}

void JobRunner::cancel() {
    queued_.reset();
    if (running_) current_.token->cancel();
}

void JobRunner::launch(Run run) {
    running_ = true;
    current_ = std::move(run);
    std::shared_ptr<JobToken> token = current_.token;
    std::function<void(JobToken&)> body = current_.body;
    watcher_.setFuture(runInBackground([token, body] { body(*token); }));
    poll_.start();
}

void JobRunner::runReturned() {
    poll_.stop();
    running_ = false;
    Run done = std::move(current_);
    current_ = {};
    if (queued_) {
        Run next = std::move(*queued_);
        queued_.reset();
        launch(std::move(next));
        return;
    }
    const bool cancelled = done.token->isCancelled();
    if (!cancelled) done.deliver();
    emit finished(done.token->id(), cancelled);
}

} // namespace evtxui
