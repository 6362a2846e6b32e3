#include "app/log_view.hpp"

#include "common/counted.hpp"
#include "details/detail_pane.hpp"
#include "document/log_document.hpp"
#include "export/export_job.hpp"
#include "facets/facets_panel.hpp"
#include "filter/filter_bar.hpp"
#include "filter/filter_controller.hpp"
#include "histogram/time_histogram.hpp"
#include "integrity/integrity_dialog.hpp"
#include "search/search_bar.hpp"
#include "search/search_controller.hpp"
#include "search/search_markers.hpp"
#include "table/record_locator.hpp"
#include "table/record_table_model.hpp"
#include "table/record_table_view.hpp"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace evtxui {

namespace {
// v2: the Description column came (a 14-column state would hide it).
const QString kHeaderKey = QStringLiteral("table/headerState.v2");
const QString kSplitterKey = QStringLiteral("view/splitterState");
const QString kSideSplitterKey = QStringLiteral("view/facetsSplitterState");
constexpr size_t kSynchronousCopyLimit = 10000; // rows rendered on the GUI thread at most
constexpr int kMaxBannerErrors = 5;
} // namespace

// The parts are created in this order on purpose: the destructor deletes
// children in reverse creation order, the document last.
LogView::LogView(const QString& path, QWidget* parent) : QWidget(parent) {
    document_ = new LogDocument(path, this);
    model_ = new RecordTableModel(document_, this);
    createBanner();
    createTable();
    createPanes(createTableArea());
    createFilter();
    createSearch();
    layOut();
    connectDocument();
}

void LogView::createBanner() {
    banner_ = new QFrame(this);
    banner_->setFrameShape(QFrame::StyledPanel);
    banner_->setAutoFillBackground(true);
    QPalette bp = banner_->palette();
    bp.setColor(QPalette::Window, bp.color(QPalette::ToolTipBase));
    bp.setColor(QPalette::WindowText, bp.color(QPalette::ToolTipText));
    banner_->setPalette(bp);
    auto* icon = new QLabel(banner_);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    bannerText_ = new QLabel(banner_);
    bannerText_->setWordWrap(true);
    bannerText_->setTextFormat(Qt::PlainText);
    bannerText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bannerLayout = new QHBoxLayout(banner_);
    bannerLayout->addWidget(icon, 0, Qt::AlignTop);
    bannerLayout->addWidget(bannerText_, 1);
    // Recovery is offered per file, never applied without asking.
    showRecovered_ = new QPushButton(banner_);
    showRecovered_->setObjectName(QStringLiteral("showRecoveredButton"));
    showRecovered_->hide();
    connect(showRecovered_, &QPushButton::clicked, this, [this] { emit recoveryRequested(true); });
    bannerLayout->addWidget(showRecovered_, 0, Qt::AlignTop);
    banner_->hide();
}

void LogView::createTable() {
    table_ = new RecordTableView(this);
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setShowGrid(false);
    table_->setWordWrap(false);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->setSortingEnabled(false); // header clicks sort through the model below
    table_->installEventFilter(this);
    setupHeader();
}

QWidget* LogView::createTableArea() {
    // The histogram sits right above the table (and the search markers beside
    // it), under the same splitter handle.
    histogram_ = new TimeHistogram(document_, this);
    auto* tableArea = new QWidget(this);
    auto* tableLayout = new QVBoxLayout(tableArea);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->setSpacing(2);
    tableLayout->addWidget(histogram_);
    auto* tableRow = new QWidget(tableArea); // the table and its search markers
    markers_ = new SearchMarkers(table_, model_, tableRow);
    auto* rowLayout = new QHBoxLayout(tableRow);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->setSpacing(0);
    rowLayout->addWidget(table_, 1);
    rowLayout->addWidget(markers_);
    tableLayout->addWidget(tableRow, 1);
    return tableArea;
}

// Details under the table, facets beside both.
void LogView::createPanes(QWidget* tableArea) {
    details_ = new DetailPane(this);
    splitter_ = new QSplitter(Qt::Vertical, this);
    splitter_->addWidget(tableArea);
    splitter_->addWidget(details_);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
    splitter_->restoreState(QSettings().value(kSplitterKey).toByteArray());

    filterBar_ = new FilterBar(this);
    chips_ = new FacetChips(this);
    facets_ = new FacetsPanel(this);
    sideSplitter_ = new QSplitter(Qt::Horizontal, this);
    sideSplitter_->addWidget(facets_);
    sideSplitter_->addWidget(splitter_);
    sideSplitter_->setStretchFactor(1, 1);
    if (!sideSplitter_->restoreState(QSettings().value(kSideSplitterKey).toByteArray()))
        sideSplitter_->setSizes({240, 960});
}

void LogView::createFilter() {
    filter_ = new FilterController(document_, model_, table_, filterBar_, facets_, chips_, this);
    connect(filter_, &FilterController::message, this, &LogView::message);
    // The histogram counts the rows the table shows; a drag filters on its range.
    connect(filter_, &FilterController::filterApplied, this,
            [this] { histogram_->setRows(filter_->shownRows()); });
    connect(histogram_, &TimeHistogram::rangeSelected, this,
            [this](const TimeRange& range) { filter_->setTimeRange(range); });
    connect(histogram_, &TimeHistogram::resetRequested, this,
            [this] { filter_->setTimeRange(std::nullopt); });
    connect(filter_, &FilterController::timeRangeChanged, this,
            [this] { histogram_->setRangeActive(filter_->timeRange().has_value()); });
    connect(details_, &DetailPane::conditionRequested, filter_, &FilterController::appendCondition);
    connect(details_, &DetailPane::dataColumnRequested, this, [this](const QString& name) {
        model_->addDataColumn(name);
        const int column = model_->columnCount() - 1;
        table_->horizontalHeader()->setSectionHidden(column, false);
        table_->scrollTo(model_->index(std::max(0, table_->currentIndex().row()), column));
    });
}

void LogView::createSearch() {
    searchBar_ = new SearchBar(this);
    search_ = new SearchController(document_, model_, table_, searchBar_, markers_, details_, this);
    connect(search_, &SearchController::message, this, &LogView::message);
}

void LogView::layOut() {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(banner_);
    layout->addWidget(filterBar_);
    layout->addWidget(chips_);
    layout->addWidget(searchBar_);
    layout->addWidget(sideSplitter_, 1);
}

void LogView::connectDocument() {
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LogView::currentRowChanged);
    connect(details_, &DetailPane::timeZoneModeChanged, this, &LogView::timeZoneModeChanged);
    connect(document_, &LogDocument::progressChanged, this, &LogView::statusChanged);
    connect(document_, &LogDocument::errorsAdded, this, &LogView::updateBanner);
    connect(document_, &LogDocument::indexingFinished, this, [this] {
        updateBanner();
        emit statusChanged();
    });
    connect(document_, &LogDocument::recoverableCounted, this, &LogView::updateBanner);
    // The log's own names for SIDs arrive after indexing: describe the shown record again.
    connect(document_, &LogDocument::sidNamesLearned, details_, &DetailPane::refreshRecord);
    connect(document_, &LogDocument::rowsAppended, this, [this] {
        // Show the first record as soon as there is one.
        if (!table_->currentIndex().isValid() && model_->rowCount() > 0)
            table_->setCurrentIndex(model_->index(0, 0));
    });
    connect(model_, &RecordTableModel::sortFinished, this, [this] {
        if (table_->currentIndex().isValid()) table_->scrollTo(table_->currentIndex());
    });
}

LogView::~LogView() {
    saveHeaderState();
    QSettings().setValue(kSplitterKey, splitter_->saveState());
    QSettings().setValue(kSideSplitterKey, sideSplitter_->saveState());
    export_.reset();
    table_->setModel(nullptr);
    // Children go in the reverse order of their creation, so the document
    // (the first) goes last: every view and controller, and the background
    // jobs they own (which cancel and wait when destroyed), before what it reads.
    const QObjectList children = this->children();
    std::vector<QPointer<QObject>> owned(children.begin(), children.end());
    for (auto it = owned.rbegin(); it != owned.rend(); ++it)
        delete it->data();
}

bool LogView::openAndIndex(evtx::IndexOptions options) {
    if (!document_->open()) {
        updateBanner();
        emit statusChanged();
        return false;
    }
    document_->startIndexing(options);
    // Recovered rows are tinted; their column says where they came from.
    if (options.recover)
        table_->horizontalHeader()->setSectionHidden(int(Column::Recovered), false);
    updateBanner();
    emit statusChanged();
    return true;
}

void LogView::setupHeader() {
    QHeaderView* header = table_->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    header->setSectionsClickable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    const QByteArray state = QSettings().value(kHeaderKey).toByteArray();
    if (state.isEmpty() || !header->restoreState(state)) {
        for (int c = 0; c < kColumnCount; ++c)
            header->setSectionHidden(c, !columnInfo(Column(c)).visibleByDefault);
        header->resizeSection(int(Column::Level), 120);
        header->resizeSection(int(Column::DateTime), 210);
        header->resizeSection(int(Column::Source), 260);
        header->resizeSection(int(Column::TaskCategory), 150);
    }
    header->setSortIndicator(-1, Qt::AscendingOrder); // a restored file starts unsorted
    connect(header, &QHeaderView::customContextMenuRequested, this, &LogView::showHeaderMenu);
    connect(header, &QHeaderView::sectionClicked, this, &LogView::headerClicked);
    connect(header, &QHeaderView::sectionMoved, this, &LogView::saveHeaderState);
    connect(header, &QHeaderView::sectionResized, this, &LogView::saveHeaderState);
}

void LogView::headerClicked(int section) {
    QHeaderView* header = table_->horizontalHeader();
    if (!model_->isSortable(section)) {
        // The click moved the indicator; put it back where the rows are sorted.
        header->setSortIndicator(model_->sortColumn(), model_->sortOrder());
        emit message(model_->isDataColumn(section)
                         ? tr("Sorting on Data columns is not supported")
                         : tr("Sorting on the Description column is not supported"));
        return;
    }
    model_->sort(section, header->sortIndicatorOrder());
}

void LogView::showHeaderMenu(const QPoint& pos) {
    QHeaderView* header = table_->horizontalHeader();
    QMenu menu(this);
    for (int c = 0; c < kColumnCount; ++c) {
        QAction* a = menu.addAction(tr(columnInfo(Column(c)).title));
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        connect(a, &QAction::toggled, this, [this, header, c](bool on) {
            header->setSectionHidden(c, !on);
            saveHeaderState();
        });
    }
    // Data columns added from the detail pane: unchecking removes them.
    if (!model_->dataColumns().isEmpty()) menu.addSeparator();
    for (const QString& name : model_->dataColumns()) {
        QAction* a = menu.addAction(tr("Data: %1").arg(name));
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, this, [this, name] { model_->removeDataColumn(name); });
    }
    menu.addSeparator();
    menu.addAction(tr("Reset Columns"), this, [this, header] {
        for (const QString& name : QStringList(model_->dataColumns()))
            model_->removeDataColumn(name);
        for (int c = 0; c < kColumnCount; ++c) {
            header->moveSection(header->visualIndex(c), c);
            header->setSectionHidden(c, !columnInfo(Column(c)).visibleByDefault);
        }
        saveHeaderState();
    });
    menu.exec(header->mapToGlobal(pos));
}

void LogView::saveHeaderState() const {
    // Data columns belong to this tab only: a state with them would not
    // restore on a fresh table.
    if (!model_->dataColumns().isEmpty()) return;
    QSettings().setValue(kHeaderKey, table_->horizontalHeader()->saveState());
}

QString LogView::problemText() const {
    if (!document_->openError().isEmpty()) return document_->openError();
    const auto& errors = document_->errors();
    if (errors.empty()) return {};
    QString text =
        tr("%1 while reading %2; everything readable is shown:")
            .arg(counted(qint64(errors.size()), "problem", "problems"), document_->fileName());
    for (size_t i = 0; i < errors.size() && i < size_t(kMaxBannerErrors); ++i)
        text += QStringLiteral("\n• ") + QString::fromStdString(errors[i].toString());
    if (errors.size() > size_t(kMaxBannerErrors))
        text += tr("\n… and %L1 more").arg(errors.size() - kMaxBannerErrors);
    return text;
}

QString LogView::recoveryOffer() const {
    const auto& census = document_->recoverable();
    if (document_->includesRecovered() || !census || census->recovered == 0) return {};
    QString text = tr("%1 can be recovered from deleted or damaged parts of this log (not shown)")
                       .arg(counted(qint64(census->recovered), "record", "records"));
    if (census->partial) text += tr("; %L1 of them partial (template lost)").arg(census->partial);
    if (census->conflictsWithLive)
        text += tr("; %L1 reuse the record id of a live record with other content")
                    .arg(census->conflictsWithLive);
    return text + QLatin1Char('.');
}

void LogView::updateBanner() {
    QString text = problemText();
    const QString offer = recoveryOffer();
    if (!offer.isEmpty()) text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + offer;
    showRecovered_->setVisible(!offer.isEmpty());
    if (!offer.isEmpty())
        showRecovered_->setText(tr("Show %1").arg(counted(
            qint64(document_->recoverable()->recovered), "recovered record", "recovered records")));
    bannerText_->setText(text);
    QString all;
    for (const auto& e : document_->errors())
        all += QString::fromStdString(e.toString()) + '\n';
    bannerText_->setToolTip(all.trimmed());
    banner_->setVisible(!text.isEmpty());
    emit statusChanged();
}

QString LogView::statusSummary() const {
    if (!document_->openError().isEmpty()) return tr("Not opened");
    QStringList parts;
    parts << counted(qint64(document_->index().size()), "record", "records");
    if (document_->includesRecovered())
        parts << tr("%L1 recovered").arg(document_->recoveredCount());
    else if (const auto& census = document_->recoverable(); census && census->recovered)
        parts << tr("%L1 recoverable, not shown").arg(census->recovered);
    std::set<uint64_t> damagedChunks;
    for (const auto& e : document_->errors())
        damagedChunks.insert(e.chunk);
    if (!damagedChunks.empty())
        parts << tr("%1 with errors").arg(counted(qint64(damagedChunks.size()), "chunk", "chunks"));
    if (const auto& h = document_->header()) {
        if (h->isDirty()) parts << tr("dirty");
        if (h->isFull()) parts << tr("full");
        if (!h->crcMatches()) parts << tr("header checksum mismatch");
    }
    if (document_->wasCancelled()) parts << tr("indexing cancelled");
    return parts.join(QStringLiteral(" · "));
}

std::vector<uint32_t> LogView::selectedIndexRows() const {
    std::vector<int> tableRows;
    for (const QItemSelectionRange& r : table_->selectionModel()->selection())
        for (int row = r.top(); row <= r.bottom(); ++row)
            tableRows.push_back(row);
    std::sort(tableRows.begin(), tableRows.end());
    tableRows.erase(std::unique(tableRows.begin(), tableRows.end()), tableRows.end());
    std::vector<uint32_t> rows;
    rows.reserve(tableRows.size());
    for (int row : tableRows)
        rows.push_back(model_->indexRow(row));
    return rows;
}

std::vector<uint32_t> LogView::allIndexRows() const {
    std::vector<uint32_t> rows(size_t(model_->rowCount()));
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = model_->indexRow(int(i));
    return rows;
}

void LogView::focusFilter() {
    filterBar_->edit()->setFocus(Qt::ShortcutFocusReason);
    filterBar_->edit()->selectAll();
}

void LogView::showSearch() {
    searchBar_->open();
}

void LogView::findNext() {
    if (search_->pattern())
        search_->findNext();
    else
        showSearch(); // nothing searched yet: ask what
}

void LogView::findPrevious() {
    if (search_->pattern())
        search_->findPrevious();
    else
        showSearch();
}

IntegrityDialog* LogView::showIntegrity() {
    if (!integrity_) {
        integrity_ = new IntegrityDialog(document_, this);
        connect(integrity_, &IntegrityDialog::recordRequested, this,
                [this](quint64 id) { selectRecordId(id); });
        integrity_->check();
    }
    integrity_->show();
    integrity_->raise();
    return integrity_;
}

void LogView::selectRecordId(uint64_t recordId) {
    if (!locator_) {
        locator_ = new RecordLocator(document_, this);
        connect(locator_, &RecordLocator::found, this, [this](quint64 id, quint32 row) {
            const int tableRow = model_->tableRow(row);
            if (tableRow < 0) {
                emit message(tr("Record %1 is hidden by the current filter").arg(id));
                emit recordIdSelected(id, false);
                return;
            }
            const int column = std::max(0, table_->currentIndex().column());
            table_->setCurrentIndex(model_->index(tableRow, column));
            table_->scrollTo(table_->currentIndex(), QAbstractItemView::PositionAtCenter);
            emit recordIdSelected(id, true);
        });
        connect(locator_, &RecordLocator::notFound, this, [this](quint64 id) {
            emit message(tr("Record %1 is not in the table").arg(id));
            emit recordIdSelected(id, false);
        });
    }
    locator_->find(recordId);
}

void LogView::setTimeZoneMode(TimeZoneMode mode) {
    model_->setTimeZoneMode(mode);
    details_->setTimeZoneMode(mode);
    histogram_->setTimeZoneMode(mode);
    filter_->timeZoneChanged(); // the chip's text; zoneless time literals
}

void LogView::setKnowledge(KnowledgePtr kb) {
    knowledge_ = kb ? std::move(kb) : builtInKnowledge();
    model_->setKnowledge(knowledge_);
    details_->setKnowledge(knowledge_);
}

void LogView::currentRowChanged() {
    const QModelIndex current = table_->currentIndex();
    if (!current.isValid()) {
        details_->clear();
        return;
    }
    details_->showRecord(document_, model_->indexRow(current.row()));
}

void LogView::copySelection() {
    std::vector<uint32_t> rows = selectedIndexRows();
    if (rows.empty()) return;
    if (rows.size() <= kSynchronousCopyLimit) {
        // Small selections are rendered at once (microseconds per record).
        QByteArray text;
        evtx::OutBuffer out;
        for (uint32_t row : rows) {
            QString error;
            out.clear();
            if (evtx::RecordReader* r = document_->loadRecord(row, error)) {
                r->appendDump(out, evtx::OutputFormat::Jsonl);
                text.append(out.data(), qsizetype(out.size()));
            }
        }
        QApplication::clipboard()->setText(QString::fromUtf8(text));
        emit message(
            tr("Copied %1 as JSON lines").arg(counted(qint64(rows.size()), "record", "records")));
        return;
    }
    QString why;
    if (!startExport(std::move(rows), evtx::ExportFormat::Jsonl, QString(), why)) emit message(why);
}

bool LogView::startExport(std::vector<uint32_t> rows, const QString& path, QString& why) {
    return startExport(std::move(rows), ExportJob::formatForPath(path), path, why);
}

bool LogView::startExport(std::vector<uint32_t> rows, evtx::ExportFormat format,
                          const QString& path, QString& why) {
    if (!document_->indexFinished()) {
        why = tr("Wait until the file is indexed (or cancel indexing) to export many records.");
        return false;
    }
    if (export_ && export_->isRunning()) {
        why = tr("An export of this file is already running.");
        return false;
    }
    export_ = std::make_unique<ExportJob>(document_, std::move(rows), format, path);
    export_->setTimeZoneMode(model_->timeZoneMode());
    export_->setKnowledge(knowledge_);              // CSV: descriptions as the table shows them
    export_->setDataColumns(model_->dataColumns()); // and its Data columns
    connect(export_.get(), &ExportJob::progress, this, &LogView::exportProgress);
    connect(export_.get(), &ExportJob::finished, this, [this](bool ok, const QString& msg) {
        if (ok && export_->path().isEmpty())
            QApplication::clipboard()->setText(QString::fromUtf8(export_->result()));
        emit exportFinished(ok, msg);
    });
    export_->start();
    return true;
}

void LogView::cancelExport() {
    if (export_) export_->cancel();
}

bool LogView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            details_->focusCurrentTab();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace evtxui
