// The record table: a virtual view of the document's columnar index (O(1)
// per cell), in file order or in the order of a permutation sorted off the
// GUI thread. Rows arrive in batches while the file is being indexed.
// EventData columns added from the detail pane follow the index columns;
// the index does not hold Data values, so they are read from the records
// of the rows asked for (the visible ones), with a small cache, and cannot
// be sorted on. So is the Description column (table/description_cache),
// and the Task Category column names the task when the knowledge base
// knows it (sorting and filtering stay on the number).
#pragma once

#include "common/knowledge_ptr.hpp"
#include "common/time_format.hpp"
#include "jobs/background_job.hpp"
#include "table/description_cache.hpp"
#include "table/record_columns.hpp"

#include <QAbstractTableModel>
#include <QCache>
#include <QColor>
#include <QIcon>
#include <QStringList>

#include <optional>
#include <vector>

namespace evtxui {

class LogDocument;

// Must be destroyed before its document (a running sort may read the index).
class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    // data() role with the row's evtx::row_recovery bits (0: a live record).
    static constexpr int RecoveryRole = Qt::UserRole + 1;
    // The background of recovered rows.
    static QColor recoveredTint();

    explicit RecordTableModel(LogDocument* document, QObject* parent = nullptr);
    ~RecordTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Starts sorting in the background; the new order is swapped in when
    // ready (sortFinished). Sorting again while one runs supersedes it.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool isSorting() const { return sorting_; }
    int sortColumn() const { return sortColumn_; }
    Qt::SortOrder sortOrder() const { return sortOrder_; }

    // EventData / UserData columns after the index columns (kColumnCount on).
    void addDataColumn(const QString& name); // nothing when already shown
    void removeDataColumn(const QString& name);
    const QStringList& dataColumns() const { return dataColumns_; }
    bool isDataColumn(int column) const { return column >= kColumnCount; }
    // Index columns sort; Data columns and Description do not.
    bool isSortable(int column) const {
        return column >= 0 && column < kColumnCount && columnInfo(Column(column)).sortable;
    }

    // The knowledge for the Description and Task Category columns (the
    // built-in one unless set); setting it redraws them.
    void setKnowledge(KnowledgePtr kb);
    const KnowledgePtr& knowledge() const { return descriptions_.knowledge(); }
    // Records parsed for Description cells so far.
    int descriptionRecordsRead() const { return descriptions_.recordsRead(); }
    // Records read for Data cells so far (the cache spares re-reading).
    int dataRecordsRead() const { return dataReads_; }

    // The index row shown at table row `row`, and back.
    uint32_t indexRow(int row) const;
    int tableRow(uint32_t indexRow) const;

    // Shows only `rows` (index rows, ascending) in the current sort order, or
    // every row (nullopt). Rows appended meanwhile are not shown; filters
    // are applied to finished indexes.
    void setRowFilter(std::optional<std::vector<uint32_t>> rows);
    bool isFiltered() const { return rowFiltered_; }
    // Does the row filter let index row `row` through (true without one)?
    bool passesRowFilter(uint32_t row) const {
        return !rowFiltered_ || (row < rowFilterMask_.size() && rowFilterMask_[row]);
    }

    // Also hides the rows whose byte in `mask` (per index row) is 0, on top
    // of the row filter (search: filter to matches); nullopt lifts it.
    void setRowRestriction(std::optional<std::vector<uint8_t>> mask);
    bool isRestricted() const { return restricted_; }

    void setTimeZoneMode(TimeZoneMode mode);
    TimeZoneMode timeZoneMode() const { return timeMode_; }
    LogDocument* document() const { return document_; }

  signals:
    void sortFinished();

  private:
    void rowsAboutToBeAppended(int count);
    void rowsAppended();
    void updateTimeZoneLabel();
    void applySort(std::vector<uint32_t>&& sorted);
    void rebuildVisible();
    QString dataCell(uint32_t indexRow, int dataColumn) const;
    static bool dataColumnMatches(const QString& column, const std::string& name);
    QVariant taskCell(size_t indexRow) const;
    void combineMasks(); // shownMask_ and visible_ from the row filter and restriction

    LogDocument* document_;
    std::vector<uint32_t> order_;              // empty = file order
    mutable std::vector<uint32_t> tableRowOf_; // inverse of order_ (built lazily)
    int sortColumn_ = -1;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
    bool resortWhenIndexed_ = false;
    bool sorting_ = false; // from sort() until the new order is in
    TimeZoneMode timeMode_ = TimeZoneMode::Utc;
    QString timeZoneLabel_ = QStringLiteral("UTC"); // the time column's zone (updateTimeZoneLabel)
    QIcon levelIcons_[3];
    bool filtered_ = false;              // some rows are hidden (row filter or restriction)
    bool rowFiltered_ = false;           // setRowFilter
    bool restricted_ = false;            // setRowRestriction
    std::vector<uint8_t> shownMask_;     // per index row, while filtered: shown or not
    std::vector<uint8_t> rowFilterMask_; // per index row: in the row filter
    std::vector<uint8_t> restriction_;   // per index row: allowed by the restriction
    std::vector<uint32_t> visible_;      // table order, while filtered
    bool appendingHidden_ = false;       // a batch arrives while filtered
    QStringList dataColumns_;
    mutable QCache<uint32_t, QStringList> dataCache_; // index row → one text per data column
    mutable int dataReads_ = 0;
    mutable DescriptionCache descriptions_;
    // The newest sort wins: a superseded one's order is never shown.
    BackgroundJob<std::vector<uint32_t>> sortJob_;
};

} // namespace evtxui
