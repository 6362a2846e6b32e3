#include "app/main_window.hpp"

#include "app/log_discovery.hpp"
#include "app/log_view.hpp"
#include "app/recent_files.hpp"
#include "app/skipped_files_dialog.hpp"
#include "details/detail_pane.hpp"
#include "document/log_document.hpp"
#include "filter/filter_bar.hpp"
#include "filter/filter_controller.hpp"
#include "filter/saved_filters.hpp"
#include "filter/saved_filters_dialog.hpp"
#include "jobs/background_job.hpp"
#include "knowledge/knowledge_source.hpp"
#include "table/record_table_model.hpp"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

namespace evtxui {

namespace {
const QString kUtcKey = QStringLiteral("view/utc");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kLastDirKey = QStringLiteral("window/lastDirectory");
// The old global recovery switch; removed so that it no longer applies.
const QString kOldRecoverKey = QStringLiteral("view/recoverRecords");
const QString kAlwaysRecoverKey = QStringLiteral("recovery/alwaysShowWhenOpening");
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("evtxview"));
    setAcceptDrops(true);

    tabs_ = new QTabWidget(this);
    tabs_->setTabsClosable(true);
    tabs_->setMovable(true);
    tabs_->setDocumentMode(true);
    // A triage folder opens dozens of tabs: scroll them, elide long names.
    tabs_->setUsesScrollButtons(true);
    tabs_->setElideMode(Qt::ElideMiddle);
    auto* empty = new QLabel(tr("Open a Windows event log (.evtx) with Ctrl+O or a folder of "
                                "logs with Ctrl+Shift+O, or drop either here."),
                             this);
    empty->setAlignment(Qt::AlignCenter);
    stack_ = new QStackedWidget(this);
    stack_->addWidget(empty);
    stack_->addWidget(tabs_);
    setCentralWidget(stack_);
    connect(tabs_, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(tabs_, &QTabWidget::currentChanged, this, [this] {
        updateStatus();
        updateTitle();
    });

    summary_ = new QLabel(this);
    indexProgress_ = new QProgressBar(this);
    indexProgress_->setMaximumWidth(220);
    indexProgress_->setFormat(tr("Indexing %v/%m chunks"));
    cancelIndexing_ = new QToolButton(this);
    cancelIndexing_->setText(tr("Cancel"));
    cancelIndexing_->setToolTip(tr("Stop indexing (Esc); the records read so far stay"));
    exportProgress_ = new QProgressBar(this);
    exportProgress_->setMaximumWidth(220);
    exportProgress_->setFormat(tr("Exporting %p%"));
    cancelExport_ = new QToolButton(this);
    cancelExport_->setText(tr("Cancel Export"));
    statusBar()->addWidget(summary_, 1);
    statusBar()->addPermanentWidget(exportProgress_);
    statusBar()->addPermanentWidget(cancelExport_);
    statusBar()->addPermanentWidget(indexProgress_);
    statusBar()->addPermanentWidget(cancelIndexing_);
    connect(cancelIndexing_, &QToolButton::clicked, this, [this] {
        if (LogView* v = currentView()) v->document()->cancelIndexing();
    });
    connect(cancelExport_, &QToolButton::clicked, this, [this] {
        for (int i = 0; i < tabCount(); ++i)
            viewAt(i)->cancelExport();
    });
    exportProgress_->hide();
    cancelExport_->hide();

    // UTC unless the user chose local time (UTC is the DFIR convention).
    timeMode_ = QSettings().value(kUtcKey, true).toBool() ? TimeZoneMode::Utc : TimeZoneMode::Local;
    QSettings().remove(kOldRecoverKey);
    indexOptions_.recover = QSettings().value(kAlwaysRecoverKey, false).toBool();
    knowledge_ = new KnowledgeSource(this);
    connect(knowledge_, &KnowledgeSource::knowledgeChanged, this, [this] {
        for (int i = 0; i < tabCount(); ++i)
            viewAt(i)->setKnowledge(knowledge_->knowledge());
    });
    connect(knowledge_, &KnowledgeSource::mapsLoaded, this, [this](const MapsLoad& load) {
        statusBar()->showMessage(KnowledgeSource::loadMessage(load), 15000);
        if (mapProblemsAction_) mapProblemsAction_->setEnabled(!load.problems.empty());
    });
    createActions();
    knowledge_->loadSavedFolder();
    restoreGeometry(QSettings().value(kGeometryKey).toByteArray());
    if (!QSettings().contains(kGeometryKey)) resize(1200, 800);
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createFilterMenu();
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About evtxview"), this, [this] {
        QMessageBox::about(this, tr("About evtxview"),
                           tr("evtxview %1\nA viewer for Windows event log (.evtx) files.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    file->addAction(tr("Open &Folder…"), QKeySequence(tr("Ctrl+Shift+O")), this,
                    &MainWindow::openFolderDialog)
        ->setToolTip(tr("Every event log below a folder (found by content, whatever the name)"));
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addAction(tr("&Close Tab"), QKeySequence::Close, this,
                    [this] { closeTab(tabs_->currentIndex()); });
    file->addAction(tr("S&top Indexing"), QKeySequence(Qt::Key_Escape), this, [this] {
        if (LogView* v = currentView()) v->document()->cancelIndexing();
    });
    recoverAction_ = file->addAction(tr("Show Re&covered Records"));
    recoverAction_->setCheckable(true);
    recoverAction_->setEnabled(false);
    recoverAction_->setToolTip(
        tr("This tab only: also show records carved from chunk slack space and damaged chunks "
           "(as evtxdump --recover), tinted; reopens the tab"));
    connect(recoverAction_, &QAction::toggled, this, [this](bool on) {
        if (tabCount()) reopenTab(tabs_->currentIndex(), on);
    });
    alwaysRecoverAction_ = file->addAction(tr("Always Show Recovered Records When Opening"));
    alwaysRecoverAction_->setCheckable(true);
    alwaysRecoverAction_->setChecked(indexOptions_.recover);
    connect(alwaysRecoverAction_, &QAction::toggled, this, &MainWindow::setAlwaysShowRecovered);
    file->addSeparator();
    exportSelectionAction_ = file->addAction(tr("Export &Selection…"), QKeySequence(tr("Ctrl+E")),
                                             this, [this] { exportRecords(true); });
    exportAllAction_ = file->addAction(tr("Export &All…"), QKeySequence(tr("Ctrl+Shift+E")), this,
                                       [this] { exportRecords(false); });
    file->addSeparator();
    addMapsActions(file);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::createEditMenu() {
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy Records as JSON"), QKeySequence::Copy, this, [this] {
        if (LogView* v = currentView()) v->copySelection();
    });
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, this, [this] {
        if (LogView* v = currentView()) v->table()->selectAll();
    });
}

void MainWindow::createViewMenu() {
    QMenu* view = menuBar()->addMenu(tr("&View"));
    utcAction_ = view->addAction(tr("Times in &UTC"));
    utcAction_->setCheckable(true);
    utcAction_->setShortcut(QKeySequence(tr("Ctrl+U")));
    utcAction_->setChecked(timeMode_ == TimeZoneMode::Utc);
    connect(utcAction_, &QAction::toggled, this,
            [this](bool on) { setTimeZoneMode(on ? TimeZoneMode::Utc : TimeZoneMode::Local); });
    view->addAction(tr("Show &Details"), QKeySequence(tr("Ctrl+D")), this, [this] {
        if (LogView* v = currentView()) v->details()->focusCurrentTab();
    });
    view->addAction(tr("&Filter…"), QKeySequence(tr("Ctrl+L")), this, [this] {
        if (LogView* v = currentView()) v->focusFilter();
    });
    view->addAction(tr("F&ind…"), QKeySequence::Find, this, [this] {
        if (LogView* v = currentView()) v->showSearch();
    });
    view->addAction(tr("Find Ne&xt"), QKeySequence(Qt::Key_F3), this, [this] {
        if (LogView* v = currentView()) v->findNext();
    });
    view->addAction(tr("Find Pre&vious"), QKeySequence(Qt::SHIFT | Qt::Key_F3), this, [this] {
        if (LogView* v = currentView()) v->findPrevious();
    });
    view->addAction(tr("&Integrity…"), QKeySequence(tr("Ctrl+I")), this, [this] {
        if (LogView* v = currentView()) v->showIntegrity();
    });
    view->addAction(tr("Show &Table"), QKeySequence(tr("Ctrl+T")), this, [this] {
        if (LogView* v = currentView()) v->table()->setFocus(Qt::ShortcutFocusReason);
    });
    view->addAction(tr("&Next Tab"), QKeySequence::NextChild, this, [this] {
        if (tabCount()) tabs_->setCurrentIndex((tabs_->currentIndex() + 1) % tabCount());
    });
    view->addAction(tr("&Previous Tab"), QKeySequence::PreviousChild, this, [this] {
        if (tabCount())
            tabs_->setCurrentIndex((tabs_->currentIndex() + tabCount() - 1) % tabCount());
    });
}

void MainWindow::setIndexOptions(const evtx::IndexOptions& options) {
    indexOptions_ = options;
    const QSignalBlocker block(alwaysRecoverAction_);
    alwaysRecoverAction_->setChecked(options.recover);
}

void MainWindow::setAlwaysShowRecovered(bool on) {
    indexOptions_.recover = on;
    QSettings().setValue(kAlwaysRecoverKey, on);
    const QSignalBlocker block(alwaysRecoverAction_);
    alwaysRecoverAction_->setChecked(on);
}

LogView* MainWindow::reopenTab(int index, bool recover) {
    LogView* old = viewAt(index);
    if (!old) return nullptr;
    const QString path = old->document()->path();
    const QString text = tabs_->tabText(index); // a folder's tab keeps its display name
    closeTab(index);
    LogView* view = openFileWith(path, recover);
    tabs_->setTabText(tabs_->indexOf(view), text);
    tabs_->tabBar()->moveTab(tabs_->indexOf(view), std::min(index, tabCount() - 1));
    tabs_->setCurrentWidget(view);
    return view;
}

void MainWindow::createFilterMenu() {
    filtersMenu_ = menuBar()->addMenu(tr("F&ilters"));
    connect(filtersMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildFiltersMenu);
    rebuildFiltersMenu();
}

void MainWindow::rebuildFiltersMenu() {
    filtersMenu_->clear();
    filtersMenu_->addAction(tr("&Save Filter…"), QKeySequence(tr("Ctrl+Shift+S")), this,
                            &MainWindow::saveCurrentFilter);
    filtersMenu_->addAction(tr("&Manage Saved Filters…"), this, &MainWindow::manageSavedFilters);
    filtersMenu_->addAction(tr("&Import Filters…"), this,
                            [this] { SavedFiltersDialog::importInteractively(this); });
    filtersMenu_->addAction(tr("&Export Filters…"), this,
                            [this] { SavedFiltersDialog::exportInteractively(this); });
    filtersMenu_->addSeparator();
    const QList<SavedFilter> saved = savedFilters();
    if (saved.isEmpty()) filtersMenu_->addAction(tr("(no saved filters)"))->setEnabled(false);
    for (const SavedFilter& f : saved) {
        QAction* a = filtersMenu_->addAction(f.name, this,
                                             [this, name = f.name] { applySavedFilter(name); });
        a->setToolTip(f.query);
        a->setData(f.name);
    }
}

bool MainWindow::applyFilterText(const QString& query) {
    LogView* v = currentView();
    if (!v) {
        statusBar()->showMessage(tr("Open a log to apply a filter to"), 5000);
        return false;
    }
    if (!v->filter()->applyExpression(query)) {
        statusBar()->showMessage(tr("The saved filter does not parse"), 5000);
        return false;
    }
    return true;
}

bool MainWindow::applySavedFilter(const QString& name) {
    for (const SavedFilter& f : savedFilters())
        if (f.name == name) return applyFilterText(f.query);
    return false;
}

void MainWindow::saveCurrentFilter() {
    LogView* v = currentView();
    const QString text = !v                          ? QString()
                         : v->filterBar()->isValid() ? v->filterBar()->text().trimmed()
                                                     : v->filter()->expression();
    if (text.isEmpty()) {
        statusBar()->showMessage(tr("Type a filter first: there is nothing to save"), 5000);
        return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Filter"), tr("Name:"),
                                               QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty()) return;
    for (const SavedFilter& f : savedFilters())
        if (f.name.compare(name, Qt::CaseInsensitive) == 0 &&
            QMessageBox::question(this, tr("Save Filter"),
                                  tr("Replace the saved filter \"%1\"?").arg(f.name)) !=
                QMessageBox::Yes)
            return;
    saveFilter(makeSavedFilter(name, text));
    statusBar()->showMessage(tr("Saved filter \"%1\"").arg(name), 5000);
}

void MainWindow::manageSavedFilters() {
    SavedFiltersDialog dialog(this);
    connect(&dialog, &SavedFiltersDialog::applyRequested, this, &MainWindow::applyFilterText);
    dialog.exec();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList files = recentFiles();
    for (const QString& f : files)
        recentMenu_->addAction(f, this, [this, f] { openFile(f); });
    if (files.isEmpty()) recentMenu_->addAction(tr("(none)"))->setEnabled(false);
    recentMenu_->addSeparator();
    recentMenu_->addAction(tr("Clear List"), this, [] { clearRecentFiles(); });
}

void MainWindow::addMapsActions(QMenu* file) {
    file->addAction(tr("&Maps Folder…"), this, &MainWindow::chooseMapsFolder)
        ->setToolTip(tr("EvtxECmd .map files that describe events (they replace the built-in "
                        "descriptions of their events)"));
    file->addAction(tr("Use Built-in Descriptions Only"), this,
                    [this] { knowledge_->setMapsFolder(QString()); });
    mapProblemsAction_ =
        file->addAction(tr("Maps Folder &Problems…"), this, &MainWindow::showMapProblems);
    mapProblemsAction_->setEnabled(false);
}

void MainWindow::chooseMapsFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("EvtxECmd Maps Folder"),
                                                             knowledge_->mapsFolder());
    if (!folder.isEmpty()) knowledge_->setMapsFolder(folder);
}

void MainWindow::showMapProblems() {
    const MapsLoad& load = knowledge_->lastLoad();
    QMessageBox box(QMessageBox::Warning, tr("Maps Folder Problems"),
                    KnowledgeSource::loadMessage(load), QMessageBox::Close, this);
    box.setInformativeText(tr("These maps (or parts of them) are not used:"));
    box.setDetailedText(KnowledgeSource::problemText(load));
    box.exec();
}

void MainWindow::openDialog() {
    QSettings settings;
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Event Log"), settings.value(kLastDirKey).toString(),
        tr("Windows event logs (*.evtx);;All files (*)"));
    for (const QString& f : files)
        openFile(f);
    if (!files.isEmpty()) settings.setValue(kLastDirKey, QFileInfo(files.first()).absolutePath());
}

void MainWindow::openFolderDialog() {
    QSettings settings;
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Open Folder of Event Logs"), settings.value(kLastDirKey).toString());
    if (folder.isEmpty()) return;
    settings.setValue(kLastDirKey, folder);
    openFolder(folder);
}

void MainWindow::openPaths(const QStringList& paths) {
    QStringList folders;
    for (const QString& p : paths) {
        if (QFileInfo(p).isDir())
            folders << p;
        else
            openFile(p);
    }
    if (!folders.isEmpty()) discoverInBackground(folders);
}

void MainWindow::discoverInBackground(const QStringList& folders) {
    // A job per request: a job's newest request wins, and a second folder
    // dropped while the first is walked must not cancel it.
    auto* job = new BackgroundJob<evtx::LogDiscovery>(
        [this, folders](evtx::LogDiscovery&& found) { openDiscovered(folders, found); }, this);
    connect(job, &JobRunner::finished, job, &QObject::deleteLater);
    statusBar()->showMessage(
        tr("Looking for event logs in %1…")
            .arg(QDir::toNativeSeparators(folders.join(QStringLiteral(", ")))));
    job->start([folders](JobToken&) { return discoverFolders(folders); });
}

void MainWindow::openDiscovered(const QStringList& folders, const evtx::LogDiscovery& found) {
    LogView* first = nullptr;
    for (const evtx::CaseLog& log : found.logs) {
        LogView* view = openFile(discoveredPath(log.path));
        QString name = QString::fromStdString(log.name);
        tabs_->setTabText(tabs_->indexOf(view), name.replace('&', QStringLiteral("&&")));
        if (!first) first = view;
    }
    if (first) tabs_->setCurrentWidget(first);
    if (!found.skipped.empty()) {
        if (!skippedDialog_) skippedDialog_ = new SkippedFilesDialog(this);
        skippedDialog_->setSkipped(folders, found.skipped);
        skippedDialog_->show();
        skippedDialog_->raise();
    }
    folderSummary_ =
        folderOpenSummary(qsizetype(found.logs.size()), folders, qsizetype(found.skipped.size()));
    statusBar()->showMessage(folderSummary_); // stays until the next message
    emit foldersOpened(int(found.logs.size()), int(found.skipped.size()));
}

SkippedFilesDialog* MainWindow::skippedDialog() const {
    return skippedDialog_; // here: QPointer needs the complete type
}

LogView* MainWindow::openFile(const QString& path) {
    return openFileWith(path, indexOptions_.recover);
}

LogView* MainWindow::openFileWith(const QString& path, bool recover) {
    auto* view = new LogView(path, tabs_);
    view->setTimeZoneMode(timeMode_);
    view->setKnowledge(knowledge_->knowledge());
    const int index = tabs_->addTab(view, QFileInfo(path).fileName());
    tabs_->setTabToolTip(index, QFileInfo(path).absoluteFilePath());
    tabs_->setCurrentIndex(index);
    stack_->setCurrentWidget(tabs_);
    connect(view, &LogView::statusChanged, this, [this, view] {
        if (view == currentView()) updateStatus();
    });
    connect(view, &LogView::timeZoneModeChanged, this, &MainWindow::setTimeZoneMode);
    connect(view->filterBar(), &FilterBar::saveRequested, this, &MainWindow::saveCurrentFilter);
    connect(view, &LogView::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    connect(view, &LogView::exportProgress, this, [this](quint64 done, quint64 total) {
        exportProgress_->setMaximum(int(std::min<quint64>(total, INT_MAX)));
        exportProgress_->setValue(int(std::min<quint64>(done, INT_MAX)));
    });
    connect(view, &LogView::exportFinished, this, [this](bool, const QString& msg) {
        exportProgress_->hide();
        cancelExport_->hide();
        statusBar()->showMessage(msg, 8000);
    });
    connect(view, &LogView::recoveryRequested, this, [this, view](bool on) {
        // Queued: the request comes from a button of the tab it replaces.
        QMetaObject::invokeMethod(
            this,
            [this, view, on] {
                if (const int i = tabs_->indexOf(view); i >= 0) reopenTab(i, on);
            },
            Qt::QueuedConnection);
    });
    evtx::IndexOptions options = indexOptions_;
    options.recover = recover;
    if (view->openAndIndex(options)) addRecentFile(path);
    view->table()->setFocus();
    updateStatus();
    updateTitle();
    return view;
}

void MainWindow::closeTab(int index) {
    LogView* view = viewAt(index);
    if (!view) return;
    tabs_->removeTab(index);
    delete view; // cancels indexing and exports, waits for their threads
    if (tabCount() == 0) stack_->setCurrentIndex(0);
    updateStatus();
    updateTitle();
}

int MainWindow::tabCount() const {
    return tabs_->count();
}
LogView* MainWindow::currentView() const {
    return qobject_cast<LogView*>(tabs_->currentWidget());
}
LogView* MainWindow::viewAt(int index) const {
    return qobject_cast<LogView*>(tabs_->widget(index));
}

void MainWindow::setTimeZoneMode(TimeZoneMode mode) {
    timeMode_ = mode;
    {
        const QSignalBlocker block(utcAction_);
        utcAction_->setChecked(mode == TimeZoneMode::Utc);
    }
    QSettings().setValue(kUtcKey, mode == TimeZoneMode::Utc);
    for (int i = 0; i < tabCount(); ++i)
        viewAt(i)->setTimeZoneMode(mode);
}

void MainWindow::updateStatus() {
    LogView* view = currentView();
    LogDocument* doc = view ? view->document() : nullptr;
    summary_->setText(view ? view->statusSummary() : QString());
    const bool indexing = doc && doc->isIndexing();
    indexProgress_->setVisible(indexing);
    cancelIndexing_->setVisible(indexing);
    if (indexing) {
        indexProgress_->setMaximum(int(std::min<uint64_t>(doc->chunksTotal(), INT_MAX)));
        indexProgress_->setValue(int(std::min<uint64_t>(doc->chunksDone(), INT_MAX)));
    }
    {
        const QSignalBlocker block(recoverAction_);
        recoverAction_->setEnabled(doc && doc->openError().isEmpty());
        recoverAction_->setChecked(doc && doc->includesRecovered());
    }
    const bool exportable = doc && doc->indexFinished();
    exportSelectionAction_->setEnabled(exportable);
    exportAllAction_->setEnabled(exportable);
}

void MainWindow::updateTitle() {
    LogView* view = currentView();
    setWindowTitle(view ? QStringLiteral("%1 — evtxview").arg(view->document()->fileName())
                        : QStringLiteral("evtxview"));
}

void MainWindow::exportRecords(bool selectionOnly) {
    LogView* view = currentView();
    if (!view) return;
    std::vector<uint32_t> rows = selectionOnly ? view->selectedIndexRows() : view->allIndexRows();
    if (rows.empty()) {
        statusBar()->showMessage(tr("No records to export"), 5000);
        return;
    }
    QString filter;
    QSettings settings;
    const QString base = QFileInfo(view->document()->path()).completeBaseName();
    QString path = QFileDialog::getSaveFileName(
        this, selectionOnly ? tr("Export Selected Records") : tr("Export All Records"),
        settings.value(kLastDirKey).toString() + '/' + base + QStringLiteral(".jsonl"),
        tr("JSON Lines, as evtxdump -o jsonl (*.jsonl);;XML, as evtxdump -o xml (*.xml);;"
           "CSV (*.csv)"),
        &filter);
    if (path.isEmpty()) return;
    // The chosen filter decides the format when the name has no known suffix.
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("jsonl") && suffix != QLatin1String("xml") &&
        suffix != QLatin1String("csv"))
        path += filter.contains(QLatin1String("*.xml"))   ? QStringLiteral(".xml")
                : filter.contains(QLatin1String("*.csv")) ? QStringLiteral(".csv")
                                                          : QStringLiteral(".jsonl");
    QString why;
    if (!view->startExport(std::move(rows), path, why)) {
        statusBar()->showMessage(why, 8000);
        return;
    }
    exportProgress_->setValue(0);
    exportProgress_->show();
    cancelExport_->show();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) paths << url.toLocalFile();
    openPaths(paths);
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings().setValue(kGeometryKey, saveGeometry());
    while (tabCount() > 0)
        closeTab(0); // stops background work in order
    QMainWindow::closeEvent(event);
}

} // namespace evtxui
