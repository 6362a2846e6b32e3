#include "filter/filter_controller.hpp"

#include "common/counted.hpp"
#include "document/log_document.hpp"
#include "facets/facets_panel.hpp"
#include "filter/filter_bar.hpp"
#include "filter/query_text.hpp"
#include "table/record_table_model.hpp"

#include "evtx/query/index_filter.hpp"

#include <QTableView>

namespace evtxui {

namespace {
// Data names are collected from this many records spread over the log.
constexpr uint64_t kDataNameSample = 50000;
} // namespace

FilterController::FilterController(LogDocument* document, RecordTableModel* model,
                                   QTableView* table, FilterBar* bar, FacetsPanel* facets,
                                   FacetChips* chips, QObject* parent)
    : QObject(parent), document_(document), model_(model), table_(table), bar_(bar), panel_(facets),
      chips_(chips), job_(document), facetJob_([this](FacetCounts&& counts) {
          counts_ = std::move(counts);
          panel_->setCounts(counts_);
          emit facetsCounted();
      }),
      namesJob_([this](QStringList&& names) {
          dataNames_ = std::move(names);
          bar_->setDataFieldNames(dataNames_);
      }) {
    connect(bar_, &FilterBar::applyRequested, this, &FilterController::applyExpression);
    connect(bar_, &FilterBar::cancelRequested, this, &FilterController::cancel);
    connect(panel_, &FacetsPanel::valueChosen, this, &FilterController::addFacet);
    connect(chips_, &FacetChips::removeRequested, this, &FilterController::removeFacet);
    connect(chips_, &FacetChips::clearRequested, this, &FilterController::clearConditions);
    connect(chips_, &FacetChips::timeRangeRemoveRequested, this,
            [this] { setTimeRange(std::nullopt); });
    connect(&job_, &FilterJob::progress, this, [this](quint64 done, quint64 total) {
        bar_->setProgress(done, total);
        emit progress(done, total);
    });
    connect(&job_, &FilterJob::finished, this, &FilterController::filterFinished);
    connect(document_, &LogDocument::indexingFinished, this, [this] {
        collectDataNames();
        if (pending_) {
            pending_ = false;
            apply();
        } else if (!model_->isFiltered()) {
            countFacetsInBackground(nullptr);
        }
    });
}

FilterController::~FilterController() = default; // the jobs cancel and wait

bool FilterController::applyExpression(const QString& text) {
    evtx::QueryError error;
    if (!parseFilterText(text, error, model_->timeZoneMode())) return false;
    expression_ = text.trimmed();
    if (bar_->text() != expression_) bar_->setText(expression_);
    FilterBar::addToHistory(expression_);
    apply();
    return true;
}

void FilterController::addFacet(const FacetChoice& choice) {
    for (const FacetChoice& c : facets_)
        if (c == choice) return;
    facets_.push_back(choice);
    updateChips();
    apply();
}

void FilterController::removeFacet(int index) {
    if (index < 0 || index >= int(facets_.size())) return;
    facets_.erase(facets_.begin() + index);
    updateChips();
    apply();
}

void FilterController::clearFacets() {
    facets_.clear();
    updateChips();
    apply();
}

void FilterController::setTimeRange(std::optional<TimeRange> range) {
    if (range == timeRange_) return;
    timeRange_ = range;
    updateChips();
    emit timeRangeChanged();
    apply();
}

void FilterController::clearConditions() {
    facets_.clear();
    const bool hadRange = timeRange_.has_value();
    timeRange_.reset();
    updateChips();
    if (hadRange) emit timeRangeChanged();
    apply();
}

void FilterController::updateChips() {
    chips_->setChoices(facets_);
    chips_->setTimeRange(timeRange_ ? timeRangeText(*timeRange_, model_->timeZoneMode())
                                    : QString(),
                         timeRange_ ? timeRangeCondition(*timeRange_) : QString());
}

void FilterController::timeZoneChanged() {
    updateChips();
    // `TimeCreated >= "2016-07-08 18:12:51"` now means another instant.
    if (!expression_.isEmpty()) apply();
}

void FilterController::appendCondition(const QString& condition) {
    applyExpression(
        evtxui::appendCondition(bar_->isValid() ? bar_->text() : expression_, condition));
}

bool FilterController::isBusy() const {
    return pending_ || job_.isRunning() || facetJob_.isRunning();
}

void FilterController::cancel() {
    userCancelled_ = job_.isRunning();
    job_.cancel();
}

void FilterController::apply() {
    evtx::QueryError error;
    // Zoneless time literals are read in the zone the table shows.
    const std::optional<evtx::Query> expression =
        parseFilterText(expression_, error, model_->timeZoneMode());
    const std::optional<evtx::Query> facets =
        parseFilterText(facetConditionText(facets_), error); // built by us: always parses
    const std::optional<evtx::Query> range =
        parseFilterText(timeRange_ ? timeRangeCondition(*timeRange_) : QString(), error);
    const std::optional<evtx::Query> query =
        combineQueries(combineQueries(expression, facets), range);
    if (!query) return;
    if (!document_->indexFinished()) {
        pending_ = true;
        bar_->setResultText(tr("Filter applies when indexing ends"));
        return;
    }
    if (query->matchesAll()) {
        job_.cancel();
        showRows(std::nullopt);
        return;
    }
    bar_->setBusy(true);
    job_.start(*query);
}

void FilterController::filterFinished(bool cancelled) {
    bar_->setBusy(false);
    if (cancelled) {
        if (userCancelled_) {
            bar_->setResultText(tr("Filter cancelled"));
            emit message(tr("Filter cancelled; the table is unchanged"));
        }
        userCancelled_ = false;
        return;
    }
    showRows(job_.rows());
}

void FilterController::showRows(std::optional<std::vector<uint32_t>> rows) {
    // Keep the current record selected when it is still shown.
    const QModelIndex current = table_->currentIndex();
    const bool hadCurrent = current.isValid();
    const uint32_t currentRow = hadCurrent ? model_->indexRow(current.row()) : 0;
    const int column = hadCurrent ? current.column() : 0;
    shownRows_ = rows ? std::make_shared<const std::vector<uint32_t>>(*rows) : nullptr;
    model_->setRowFilter(std::move(rows));
    int tableRow = hadCurrent ? model_->tableRow(currentRow) : -1;
    if (tableRow < 0 && model_->rowCount() > 0) tableRow = 0;
    if (tableRow >= 0) {
        table_->setCurrentIndex(model_->index(tableRow, column));
        table_->scrollTo(table_->currentIndex());
    }
    const qint64 total = qint64(document_->index().size());
    bar_->setResultText(
        model_->isFiltered()
            ? tr("%L1 of %2").arg(model_->rowCount()).arg(counted(total, "record", "records"))
            : QString());
    countFacetsInBackground(shownRows_);
    emit filterApplied();
}

void FilterController::countFacetsInBackground(std::shared_ptr<const std::vector<uint32_t>> rows) {
    const evtx::RecordIndex* index = &document_->index();
    facetJob_.start(
        [index, rows = std::move(rows)](JobToken&) { return countFacets(*index, rows.get()); });
}

void FilterController::collectDataNames() {
    const evtx::IndexFilterRequest request = document_->filterRequest();
    namesJob_.start([request](JobToken&) {
        QStringList names;
        for (const evtx::DataFieldName& n : evtx::collectDataFieldNames(request, kDataNameSample))
            names << QString::fromStdString(n.name);
        return names;
    });
}

} // namespace evtxui
