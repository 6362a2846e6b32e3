#include "table/record_table_model.hpp"

#include "document/log_document.hpp"
#include "document/time_window.hpp"

#include "evtx/index/sort.hpp"
#include "evtx/render/data_field_name.hpp"
#include "evtx/render/system_fields.hpp"

#include <QApplication>
#include <QFont>
#include <QStyle>

namespace evtxui {

namespace {
// Records whose Data values are kept: a few screens of rows.
constexpr int kDataCacheRows = 1000;
} // namespace

RecordTableModel::RecordTableModel(LogDocument* document, QObject* parent)
    : QAbstractTableModel(parent), document_(document), dataCache_(kDataCacheRows),
      sortJob_([this](std::vector<uint32_t>&& sorted) { applySort(std::move(sorted)); }) {
    connect(document_, &LogDocument::rowsAboutToBeAppended, this,
            &RecordTableModel::rowsAboutToBeAppended);
    connect(document_, &LogDocument::rowsAppended, this, &RecordTableModel::rowsAppended);
    connect(document_, &LogDocument::indexingFinished, this, [this] {
        // Rows that came in after a sort sit at the end; sort them in now.
        if (resortWhenIndexed_ && sortColumn_ >= 0) sort(sortColumn_, sortOrder_);
        resortWhenIndexed_ = false;
        updateTimeZoneLabel(); // the log's time span is known now
    });
    connect(&sortJob_, &JobRunner::finished, this, [this](quint64, bool cancelled) {
        sorting_ = false;
        if (!cancelled) emit sortFinished();
    });
    QStyle* style = QApplication::style();
    levelIcons_[0] = style->standardIcon(QStyle::SP_MessageBoxInformation);
    levelIcons_[1] = style->standardIcon(QStyle::SP_MessageBoxWarning);
    levelIcons_[2] = style->standardIcon(QStyle::SP_MessageBoxCritical);
}

RecordTableModel::~RecordTableModel() = default; // sortJob_ cancels and waits

int RecordTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) return 0;
    return filtered_ ? int(visible_.size()) : int(document_->index().size());
}

int RecordTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kColumnCount + int(dataColumns_.size());
}

uint32_t RecordTableModel::indexRow(int row) const {
    if (filtered_) return visible_[size_t(row)];
    return order_.empty() ? uint32_t(row) : order_[size_t(row)];
}

int RecordTableModel::tableRow(uint32_t indexRow) const {
    if (filtered_) {
        if (tableRowOf_.size() != shownMask_.size()) {
            tableRowOf_.assign(shownMask_.size(), UINT32_MAX);
            for (size_t i = 0; i < visible_.size(); ++i)
                tableRowOf_[visible_[i]] = uint32_t(i);
        }
        return indexRow < tableRowOf_.size() && tableRowOf_[indexRow] != UINT32_MAX
                   ? int(tableRowOf_[indexRow])
                   : -1;
    }
    if (order_.empty()) return int(indexRow);
    if (tableRowOf_.size() != order_.size()) {
        tableRowOf_.assign(order_.size(), 0);
        for (size_t i = 0; i < order_.size(); ++i)
            tableRowOf_[order_[i]] = uint32_t(i);
    }
    return indexRow < tableRowOf_.size() ? int(tableRowOf_[indexRow]) : -1;
}

QVariant RecordTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const evtx::RecordIndex& ix = document_->index();
    const evtx::IndexColumns& c = ix.columns();
    const size_t r = indexRow(index.row());
    const auto column = Column(index.column());
    // A recovered record whose template is lost has no System fields: only
    // its header's id and written time (and where it was found) are known.
    if ((c.recovery(r) & evtx::row_recovery::TemplateLost) && column != Column::DateTime &&
        column != Column::RecordId && column != Column::Recovered &&
        (role == Qt::DisplayRole || role == Qt::DecorationRole))
        return {};
    if (role == Qt::DecorationRole && column == Column::Level)
        return levelIcons_[levelSeverity(c.level(r), c.keywords(r))];
    if (role == Qt::UserRole) return uint(r);
    if (role == RecoveryRole) return uint(c.recovery(r));
    if (c.isRecovered(r)) {
        // Recovered records: tinted rows, and every cell says where they came from.
        if (role == Qt::BackgroundRole) return recoveredTint();
        if (role == Qt::ToolTipRole)
            return recoveryDescription(c.recovery(r), c.chunk(r), c.chunkOffset(r));
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    if (isDataColumn(index.column())) return dataCell(uint32_t(r), index.column() - kColumnCount);
    switch (column) {
    case Column::Level:
        return levelText(c.level(r), c.keywords(r));
    case Column::DateTime:
        return formatEventTime(c.timeCreated(r), timeMode_);
    case Column::Source:
        return QString::fromStdString(ix.text(c.provider(r)));
    case Column::EventId:
        return uint(c.eventId(r));
    case Column::TaskCategory:
        return taskCell(r);
    case Column::Computer:
        return QString::fromStdString(ix.text(c.computer(r)));
    case Column::Channel:
        return QString::fromStdString(ix.text(c.channel(r)));
    case Column::RecordId:
        return qulonglong(c.recordId(r));
    case Column::User:
        return QString::fromStdString(ix.text(c.userSid(r)));
    case Column::Keywords:
        return hexText(c.keywords(r));
    case Column::ProcessId:
        return uint(c.processId(r));
    case Column::ThreadId:
        return uint(c.threadId(r));
    case Column::Opcode:
        return uint(c.opcode(r));
    case Column::Recovered:
        return recoveryText(c.recovery(r));
    case Column::Description:
        return descriptions_.text(document_, uint32_t(r));
    }
    return {};
}

QVariant RecordTableModel::taskCell(size_t r) const {
    const evtx::RecordIndex& ix = document_->index();
    const uint16_t task = ix.columns().task(r);
    if (!task) return tr("None");
    const std::string_view name = knowledge()->taskName(ix.text(ix.columns().provider(r)), task);
    if (name.empty()) return uint(task);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

void RecordTableModel::setKnowledge(KnowledgePtr kb) {
    descriptions_.setKnowledge(std::move(kb));
    if (rowCount() == 0) return;
    emit dataChanged(index(0, int(Column::TaskCategory)),
                     index(rowCount() - 1, int(Column::TaskCategory)));
    emit dataChanged(index(0, int(Column::Description)),
                     index(rowCount() - 1, int(Column::Description)));
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && isDataColumn(section) && section < columnCount()) {
        // Italic, and a tooltip that says why clicking does not sort.
        if (role == Qt::DisplayRole) return dataColumns_[section - kColumnCount];
        if (role == Qt::ToolTipRole)
            return tr("Data.%1, read from each shown record; sorting on it is not supported")
                .arg(dataColumns_[section - kColumnCount]);
        if (role == Qt::FontRole) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    }
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole &&
        section == int(Column::Description))
        return tr("What the event means, from the built-in knowledge or your EvtxECmd maps; "
                  "read from each shown record, sorting on it is not supported");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= kColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    // "Date and Time (UTC)", or the local offset(s) over the log's span:
    // "Date and Time (UTC-05:00)" (timeZoneLabel in time_format.hpp).
    if (Column(section) == Column::DateTime)
        return tr("%1 (%2)").arg(tr(columnInfo(Column::DateTime).title), timeZoneLabel_);
    return tr(columnInfo(Column(section)).title);
}

void RecordTableModel::addDataColumn(const QString& name) {
    if (name.isEmpty() || dataColumns_.contains(name)) return;
    const int column = columnCount();
    beginInsertColumns({}, column, column);
    dataColumns_ << name;
    dataCache_.clear();
    endInsertColumns();
}

void RecordTableModel::removeDataColumn(const QString& name) {
    const int i = int(dataColumns_.indexOf(name));
    if (i < 0) return;
    beginRemoveColumns({}, kColumnCount + i, kColumnCount + i);
    dataColumns_.removeAt(i);
    dataCache_.clear();
    endRemoveColumns();
}

// A column takes the values of its name; one named plain "Data" (saved
// before unnamed values were named Data[N]) takes every unnamed value, as
// `Data.Data` does in the filter language.
bool RecordTableModel::dataColumnMatches(const QString& column, const std::string& name) {
    if (QString::fromStdString(name).compare(column, Qt::CaseInsensitive) == 0) return true;
    return column.compare(QLatin1String("Data"), Qt::CaseInsensitive) == 0 &&
           evtx::isUnnamedDataName(name);
}

QString RecordTableModel::dataCell(uint32_t indexRow, int dataColumn) const {
    if (const QStringList* cached = dataCache_.object(indexRow)) return cached->value(dataColumn);
    // One record read (and its Data pairs extracted) for all data columns.
    auto values = std::make_unique<QStringList>();
    QString error;
    if (evtx::RecordReader* reader = document_->loadRecord(indexRow, error)) {
        ++dataReads_;
        const auto pairs = evtx::extractEventData(reader->tree());
        for (const QString& column : dataColumns_) {
            QStringList found; // a name may repeat: every value, in order
            for (const auto& [name, value] : pairs)
                if (dataColumnMatches(column, name)) found << QString::fromStdString(value);
            *values << found.join(QStringLiteral(", "));
        }
    }
    const QString text = values->value(dataColumn);
    dataCache_.insert(indexRow, values.release());
    return text;
}

QColor RecordTableModel::recoveredTint() {
    return QColor(255, 160, 0, 70); // translucent amber: readable on light and dark palettes
}

void RecordTableModel::rowsAboutToBeAppended(int count) {
    appendingHidden_ = filtered_;
    if (appendingHidden_) return;
    const int first = rowCount();
    beginInsertRows({}, first, first + count - 1);
}

void RecordTableModel::rowsAppended() {
    // New rows go to the end of a sorted view until indexing ends.
    if (!order_.empty()) {
        for (size_t i = order_.size(); i < document_->index().size(); ++i)
            order_.push_back(uint32_t(i));
        tableRowOf_.clear();
        resortWhenIndexed_ = true;
    }
    if (appendingHidden_) {
        shownMask_.resize(document_->index().size(), 0);
        if (rowFiltered_) rowFilterMask_.resize(document_->index().size(), 0);
        appendingHidden_ = false;
        return;
    }
    endInsertRows();
}

void RecordTableModel::sort(int column, Qt::SortOrder order) {
    if (!isSortable(column)) return; // Data columns and Description do not sort
    sorting_ = true;
    const evtx::IndexField field = columnInfo(Column(column)).field;
    const bool descending = order == Qt::DescendingOrder;
    sortColumn_ = column;
    sortOrder_ = order;
    if (document_->indexFinished()) {
        // The index no longer changes: the keys are read on the pool too.
        const evtx::RecordIndex* index = &document_->index();
        sortJob_.start([index, field, descending](JobToken&) {
            return evtx::sortPermutation(evtx::sortKeys(*index, field), descending);
        });
        return;
    }
    // Rows are still being appended (on this thread): copy the keys here,
    // sort them on the pool with TBB.
    auto keys = std::make_shared<std::vector<uint64_t>>(evtx::sortKeys(document_->index(), field));
    sortJob_.start(
        [keys, descending](JobToken&) { return evtx::sortPermutation(*keys, descending); });
}

void RecordTableModel::applySort(std::vector<uint32_t>&& sorted) {
    // Rows appended while sorting go after the sorted ones.
    for (size_t i = sorted.size(); i < document_->index().size(); ++i)
        sorted.push_back(uint32_t(i));
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<uint32_t> beforeRows;
    beforeRows.reserve(size_t(before.size()));
    for (const QModelIndex& i : before)
        beforeRows.push_back(indexRow(i.row()));
    order_ = std::move(sorted);
    tableRowOf_.clear();
    if (filtered_) rebuildVisible();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after << index(tableRow(beforeRows[size_t(i)]), before[i].column());
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void RecordTableModel::setRowFilter(std::optional<std::vector<uint32_t>> rows) {
    beginResetModel();
    rowFiltered_ = rows.has_value();
    rowFilterMask_.clear();
    if (rowFiltered_) {
        rowFilterMask_.assign(document_->index().size(), 0);
        for (uint32_t r : *rows)
            if (r < rowFilterMask_.size()) rowFilterMask_[r] = 1;
    }
    combineMasks();
    endResetModel();
}

void RecordTableModel::setRowRestriction(std::optional<std::vector<uint8_t>> mask) {
    beginResetModel();
    restricted_ = mask.has_value();
    restriction_ = restricted_ ? std::move(*mask) : std::vector<uint8_t>();
    combineMasks();
    endResetModel();
}

void RecordTableModel::combineMasks() {
    filtered_ = rowFiltered_ || restricted_;
    tableRowOf_.clear();
    if (!filtered_) {
        rowFilterMask_.shrink_to_fit();
        shownMask_.clear();
        shownMask_.shrink_to_fit();
        visible_.clear();
        visible_.shrink_to_fit();
        return;
    }
    const size_t n = document_->index().size();
    if (rowFiltered_) {
        shownMask_ = rowFilterMask_;
        shownMask_.resize(n, 0);
    } else {
        shownMask_.assign(n, 1);
    }
    if (restricted_)
        for (size_t r = 0; r < n; ++r)
            shownMask_[r] &= r < restriction_.size() ? restriction_[r] : 0;
    rebuildVisible();
}

void RecordTableModel::rebuildVisible() {
    // The sorted order, keeping the shown rows: O(rows), no re-sorting.
    visible_.clear();
    if (order_.empty()) {
        for (size_t r = 0; r < shownMask_.size(); ++r)
            if (shownMask_[r]) visible_.push_back(uint32_t(r));
        return;
    }
    for (uint32_t r : order_)
        if (r < shownMask_.size() && shownMask_[r]) visible_.push_back(r);
}

void RecordTableModel::updateTimeZoneLabel() {
    const QString label = indexTimeZoneLabel(document_->index().columns(), timeMode_);
    if (label == timeZoneLabel_) return;
    timeZoneLabel_ = label;
    emit headerDataChanged(Qt::Horizontal, int(Column::DateTime), int(Column::DateTime));
}

void RecordTableModel::setTimeZoneMode(TimeZoneMode mode) {
    if (mode == timeMode_) return;
    timeMode_ = mode;
    updateTimeZoneLabel();
    if (rowCount() > 0)
        emit dataChanged(index(0, int(Column::DateTime)),
                         index(rowCount() - 1, int(Column::DateTime)));
}

} // namespace evtxui
