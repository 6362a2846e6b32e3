#include "search/search_controller.hpp"

#include "details/detail_pane.hpp"
#include "document/log_document.hpp"
#include "search/search_bar.hpp"
#include "search/search_highlight.hpp"
#include "search/search_markers.hpp"
#include "table/record_table_model.hpp"

#include <QLineEdit>
#include <QTableView>

namespace evtxui {

namespace {
// Typing starts the search after this pause, not at every key.
constexpr int kTypingPauseMs = 200;
// While hits stream in, "filter to matches" swaps the table's rows at most
// this often (each swap is a model reset).
constexpr qint64 kRestrictionIntervalMs = 500;
} // namespace

SearchController::SearchController(LogDocument* document, RecordTableModel* model,
                                   QTableView* table, SearchBar* bar, SearchMarkers* markers,
                                   DetailPane* details, QObject* parent)
    : QObject(parent), document_(document), model_(model), table_(table), bar_(bar),
      markers_(markers), details_(details), job_(document) {
    typingPause_.setSingleShot(true);
    typingPause_.setInterval(kTypingPauseMs);
    connect(&typingPause_, &QTimer::timeout, this, &SearchController::start);
    connect(bar_, &SearchBar::searchChanged, this, [this] {
        typingPause_.start();
        complete_ = false;
    });
    connect(bar_, &SearchBar::nextRequested, this, &SearchController::findNext);
    connect(bar_, &SearchBar::previousRequested, this, &SearchController::findPrevious);
    connect(bar_, &SearchBar::cancelRequested, this, &SearchController::cancel);
    connect(bar_, &SearchBar::filterToMatchesToggled, this, &SearchController::setFilterToMatches);
    connect(bar_, &SearchBar::closed, this, &SearchController::clear);
    connect(&job_, &SearchJob::hitsFound, this, &SearchController::hitsFound);
    connect(&job_, &SearchJob::progress, this, [this](quint64 done, quint64 total) {
        progressDone_ = done;
        progressTotal_ = total;
        bar_->setProgress(done, total);
    });
    connect(&job_, &SearchJob::finished, this, &SearchController::finished);
    connect(document_, &LogDocument::indexingFinished, this, [this] {
        if (!pending_) return;
        pending_ = false;
        const int step = wantStep_; // F3 pressed while waiting still counts
        start();
        wantStep_ = step;
    });
    // The filter bar swapped rows in (or the order changed): the counts and
    // the current hit's rank follow.
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        recountInView();
        updateCounter();
    });
    connect(model_, &QAbstractItemModel::layoutChanged, this, &SearchController::updateCounter);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SearchController::updateCounter);
    connect(details_, &DetailPane::contentChanged, this, &SearchController::highlightDetails);
}

SearchController::~SearchController() {
    markers_->clearHits(); // they point into hits_
    job_.cancel();
}

bool SearchController::isBusy() const {
    return typingPause_.isActive() || pending_ || job_.isRunning();
}

void SearchController::searchNow() {
    typingPause_.stop();
    start();
}

void SearchController::start() {
    typingPause_.stop();
    job_.cancel();
    pending_ = false;
    complete_ = stopped_ = false;
    userCancelled_ = false;
    wantStep_ = 0;
    progressDone_ = progressTotal_ = 0;
    pattern_.reset();
    hits_.clear();
    hitCount_ = inView_ = 0;
    markers_->clearHits();
    bar_->setBusy(false);
    if (bar_->text().isEmpty()) {
        bar_->setError({});
        updateRestriction();
        updateCounter();
        highlightDetails();
        emit hitsChanged();
        return;
    }
    evtx::TextSearchSpec spec;
    spec.text = bar_->text().toStdString();
    spec.regex = bar_->isRegex();
    spec.matchCase = bar_->matchCase();
    std::string error;
    pattern_ = evtx::TextSearchPattern::compile(spec, error);
    bar_->setError(pattern_ ? QString() : QString::fromStdString(error));
    if (!pattern_) {
        updateRestriction();
        highlightDetails();
        emit hitsChanged();
        return;
    }
    highlightDetails();
    if (!document_->indexFinished()) {
        // The index still grows (on this thread): start() runs again when
        // it is complete.
        pending_ = true;
        bar_->setCounterText(tr("Search starts when indexing ends"));
        emit hitsChanged();
        return;
    }
    hits_.assign(document_->index().size(), 0);
    markers_->setHits(&hits_);
    updateRestriction(); // nothing found yet: "filter to matches" shows nothing
    bar_->setBusy(true);
    job_.start(*pattern_);
    updateCounter();
    emit hitsChanged();
}

void SearchController::cancel() {
    if (!job_.isRunning()) return;
    userCancelled_ = true;
    job_.cancel();
}

void SearchController::clear() {
    {
        const QSignalBlocker block(bar_);
        bar_->setText({});
        bar_->setFilterToMatches(false);
    }
    start(); // empty text: nothing searched, everything shown again
}

void SearchController::hitsFound(const std::vector<uint32_t>& rows) {
    for (uint32_t r : rows) {
        if (r >= hits_.size() || hits_[r]) continue;
        hits_[r] = 1;
        ++hitCount_;
        if (model_->passesRowFilter(r)) ++inView_;
    }
    markers_->addHits(rows);
    if (bar_->filterToMatches() && lastRestriction_.elapsed() >= kRestrictionIntervalMs)
        updateRestriction();
    if (wantStep_ != 0 && inView_ > 0) {
        const int direction = wantStep_;
        wantStep_ = 0;
        step(direction);
    }
    updateCounter();
    emit hitsChanged();
}

void SearchController::finished(bool cancelled) {
    bar_->setBusy(false);
    complete_ = !cancelled;
    stopped_ = cancelled && pattern_.has_value();
    wantStep_ = 0;
    if (bar_->filterToMatches()) updateRestriction();
    if (cancelled && userCancelled_) {
        emit message(tr("Search cancelled after %L1 of %L2 records; %L3 matches found so far")
                         .arg(progressDone_)
                         .arg(progressTotal_)
                         .arg(hitCount_));
    } else if (job_.unreadable() > 0) {
        emit message(
            tr("%L1 records could not be read and were not searched").arg(job_.unreadable()));
    }
    userCancelled_ = false;
    updateCounter();
    emit searchFinished(cancelled);
}

bool SearchController::isHitAt(int tableRow) const {
    const uint32_t r = model_->indexRow(tableRow);
    return r < hits_.size() && hits_[r];
}

bool SearchController::findNext() {
    return step(+1);
}

bool SearchController::findPrevious() {
    return step(-1);
}

bool SearchController::step(int direction) {
    if (typingPause_.isActive()) start(); // Enter right after typing
    const int rows = model_->rowCount();
    if (hitCount_ == 0 || rows == 0) {
        // The search is still looking: go to the first hit it finds.
        if (job_.isRunning() || pending_) wantStep_ = direction;
        return false;
    }
    const QModelIndex current = table_->currentIndex();
    const int from = current.isValid() ? current.row() : (direction > 0 ? -1 : rows);
    // A walk over the table's rows (a byte test each): a few milliseconds
    // for a million rows in the worst case, when hits are far apart.
    for (int k = 1; k <= rows; ++k) {
        const int t = int(((int64_t(from) + int64_t(direction) * k) % rows + rows) % rows);
        if (!isHitAt(t)) continue;
        const QModelIndex target = model_->index(t, current.isValid() ? current.column() : 0);
        table_->setCurrentIndex(target);
        table_->scrollTo(target);
        return true;
    }
    if (job_.isRunning()) wantStep_ = direction;
    return false;
}

void SearchController::setFilterToMatches(bool) {
    updateRestriction();
}

void SearchController::updateRestriction() {
    lastRestriction_.start();
    const bool on = bar_->filterToMatches() && pattern_.has_value();
    if (!on && !model_->isRestricted()) return;
    // Keep the current record selected when it stays in view.
    const QModelIndex current = table_->currentIndex();
    const bool hadCurrent = current.isValid();
    const uint32_t currentRow = hadCurrent ? model_->indexRow(current.row()) : 0;
    const int column = hadCurrent ? current.column() : 0;
    model_->setRowRestriction(on ? std::optional<std::vector<uint8_t>>(hits_) : std::nullopt);
    int tableRow = hadCurrent ? model_->tableRow(currentRow) : -1;
    if (tableRow < 0 && model_->rowCount() > 0) tableRow = 0;
    if (tableRow >= 0) {
        table_->setCurrentIndex(model_->index(tableRow, column));
        table_->scrollTo(table_->currentIndex());
    }
}

void SearchController::recountInView() {
    if (!model_->isFiltered()) {
        inView_ = hitCount_;
        return;
    }
    inView_ = 0;
    for (size_t r = 0; r < hits_.size(); ++r)
        if (hits_[r] && model_->passesRowFilter(uint32_t(r))) ++inView_;
}

quint64 SearchController::currentHitNumber() const {
    const QModelIndex current = table_->currentIndex();
    if (!current.isValid() || !isHitAt(current.row())) return 0;
    quint64 n = 0;
    for (int t = 0; t <= current.row(); ++t)
        n += isHitAt(t);
    return n;
}

void SearchController::updateCounter() {
    if (!pattern_) {
        bar_->setCounterText({});
        return;
    }
    if (pending_) return;
    const quint64 number = currentHitNumber();
    QString text;
    if (number > 0)
        text = tr("%L1 of %L2").arg(number).arg(inView_);
    else
        text = inView_ == 1 ? tr("1 match") : tr("%L1 matches").arg(inView_);
    if (stopped_) text += tr(" (cancelled)");
    bar_->setCounterText(text);
    bar_->setToolTip(inView_ != hitCount_
                         ? tr("%L1 matching records in all, %L2 of them through the filter")
                               .arg(hitCount_)
                               .arg(inView_)
                         : QString());
}

void SearchController::highlightDetails() {
    const evtx::TextSearchPattern* p = pattern();
    // Views not filled yet are marked when they come into view.
    if (details_->isFilled(DetailPane::JsonTab))
        highlightJsonMatches(details_->jsonView(), details_->recordJsonLine(), p);
    if (details_->isFilled(DetailPane::XmlTab)) highlightXmlMatches(details_->xmlView(), p);
    if (details_->isFilled(DetailPane::FieldsTab)) highlightFieldMatches(details_->fieldsView(), p);
}

} // namespace evtxui
