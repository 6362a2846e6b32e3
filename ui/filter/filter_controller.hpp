// Ties one tab's filter bar, facets and chips to its table: the expression
// and the chosen facet values make one query, run off the GUI thread when
// the index is finished (pending until then), whose rows the model shows;
// facet counts follow each applied filter.
#pragma once

#include "facets/facet_counts.hpp"
#include "filter/filter_job.hpp"
#include "histogram/time_range.hpp"
#include "jobs/background_job.hpp"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QTableView;

namespace evtxui {

class FacetChips;
class FacetsPanel;
class FilterBar;
class LogDocument;
class RecordTableModel;

class FilterController : public QObject {
    Q_OBJECT

  public:
    FilterController(LogDocument* document, RecordTableModel* model, QTableView* table,
                     FilterBar* bar, FacetsPanel* facets, FacetChips* chips,
                     QObject* parent = nullptr);
    ~FilterController() override; // cancels and waits for background work

    // Applies `text` (the bar's syntax) with the chosen facets; false when
    // the text does not parse.
    bool applyExpression(const QString& text);
    QString expression() const { return expression_; }

    void addFacet(const FacetChoice& choice);
    void removeFacet(int index);
    void clearFacets();
    const std::vector<FacetChoice>& facets() const { return facets_; }

    // `and Field == "v"` / `!=` appended to the bar's filter, then applied.
    void appendCondition(const QString& condition);

    // The histogram's time range, a condition of its own (a chip) combined
    // with the expression and the facets; nullopt removes it.
    void setTimeRange(std::optional<TimeRange> range);
    const std::optional<TimeRange>& timeRange() const { return timeRange_; }
    void clearConditions(); // facets and time range ("Clear all")
    void updateChips();
    // The model's time zone mode changed: chips say the new zone, and an
    // expression is applied again (its zoneless time literals follow the zone).
    void timeZoneChanged();

    // The index rows the table shows, ascending (null: every row).
    std::shared_ptr<const std::vector<uint32_t>> shownRows() const { return shownRows_; }

    // Filtering, waiting for the index, or counting facets.
    bool isBusy() const;
    void cancel();
    const FacetCounts& facetCounts() const { return counts_; }
    QStringList dataFieldNames() const { return dataNames_; }

  signals:
    void filterApplied(); // the table shows the new rows
    void facetsCounted();
    void timeRangeChanged();
    void progress(quint64 done, quint64 total);
    void message(const QString& text);

  private:
    void apply();
    void filterFinished(bool cancelled);
    void showRows(std::optional<std::vector<uint32_t>> rows);
    void countFacetsInBackground(std::shared_ptr<const std::vector<uint32_t>> rows);
    void collectDataNames();

    LogDocument* document_;
    RecordTableModel* model_;
    QTableView* table_;
    FilterBar* bar_;
    FacetsPanel* panel_;
    FacetChips* chips_;
    FilterJob job_;
    QString expression_;
    std::vector<FacetChoice> facets_;
    std::optional<TimeRange> timeRange_;
    std::shared_ptr<const std::vector<uint32_t>> shownRows_;
    bool pending_ = false;       // applies when indexing has finished
    bool userCancelled_ = false; // the Cancel button, not a newer filter
    FacetCounts counts_;
    QStringList dataNames_;
    BackgroundJob<FacetCounts> facetJob_; // the newest count wins
    BackgroundJob<QStringList> namesJob_;
};

} // namespace evtxui
