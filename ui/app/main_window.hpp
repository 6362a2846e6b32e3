// The main window: one tab per open log, File/Edit/View menus, Open Recent,
// Open Folder, drag and drop, and a status bar with indexing and export
// progress.
#pragma once

#include "common/time_format.hpp"
#include "evtx/case/discovery.hpp"
#include "evtx/index/index_builder.hpp"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace evtxui {

class KnowledgeSource;
class LogView;
class SkippedFilesDialog;

class MainWindow : public QMainWindow {
    Q_OBJECT

  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens `path` in a new tab (a tab that says why, when it is not EVTX).
    LogView* openFile(const QString& path);
    void closeTab(int index);
    // Files open as openFile does; folders are searched for logs in the
    // background (recursive, by header), then each log found opens in a tab
    // named by its display name; skipped files are listed in a dialog. The
    // command line, drops and File → Open Folder come here.
    void openPaths(const QStringList& paths);
    void openFolder(const QString& folder) { openPaths({folder}); }
    // The files the last folder skipped (null until one skipped a file).
    SkippedFilesDialog* skippedDialog() const;
    // "N logs opened from DIR (M skipped)", after the last folder opened.
    const QString& folderSummary() const { return folderSummary_; }

    int tabCount() const;
    QTabWidget* tabs() const { return tabs_; }
    LogView* currentView() const;
    LogView* viewAt(int index) const;
    TimeZoneMode timeZoneMode() const { return timeMode_; }
    void setTimeZoneMode(TimeZoneMode mode);

    // Indexing options for tabs opened from now on (tests use small batches).
    void setIndexOptions(const evtx::IndexOptions& options);
    const evtx::IndexOptions& indexOptions() const { return indexOptions_; }

    // File → Show Recovered Records: the current tab only, reopened with
    // (or without) the records recovery finds; follows the current tab.
    QAction* recoverAction() const { return recoverAction_; }
    // File → Always Show Recovered Records When Opening: the one remembered
    // choice (off unless the user sets it); tabs opened from now on.
    QAction* alwaysRecoverAction() const { return alwaysRecoverAction_; }
    void setAlwaysShowRecovered(bool on);
    // Closes tab `index` and opens its file again in its place, with
    // recovered records or without.
    LogView* reopenTab(int index, bool recover);

    // Filters menu: save the current tab's filter, apply a saved one.
    QMenu* filtersMenu() const { return filtersMenu_; }
    bool applySavedFilter(const QString& name);

    QLabel* statusSummary() const { return summary_; }
    QProgressBar* indexProgress() const { return indexProgress_; }

    void exportRecords(bool selectionOnly);

    // The knowledge every tab describes events with: built-in, plus the
    // EvtxECmd maps folder of File → Maps Folder (loaded in the background).
    KnowledgeSource* knowledge() const { return knowledge_; }
    void showMapProblems();

  signals:
    // A folder search finished and its logs are open in tabs.
    void foldersOpened(int opened, int skipped);

  protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

  private:
    void createActions();
    void rebuildRecentMenu();
    void createFileMenu();
    void addMapsActions(QMenu* file);
    void chooseMapsFolder();
    void createEditMenu();
    void createViewMenu();
    void createFilterMenu();
    void rebuildFiltersMenu();
    void saveCurrentFilter();
    void manageSavedFilters();
    bool applyFilterText(const QString& query);
    void openDialog();
    void openFolderDialog();
    void discoverInBackground(const QStringList& folders);
    void openDiscovered(const QStringList& folders, const evtx::LogDiscovery& found);
    void updateStatus();
    void updateTitle();
    LogView* openFileWith(const QString& path, bool recover);

    QStackedWidget* stack_;
    QTabWidget* tabs_;
    QMenu* recentMenu_;
    QAction* utcAction_;
    QAction* recoverAction_;
    QAction* alwaysRecoverAction_;
    QMenu* filtersMenu_;
    QAction* exportSelectionAction_;
    QAction* exportAllAction_;
    QLabel* summary_;
    QProgressBar* indexProgress_;
    QToolButton* cancelIndexing_;
    QProgressBar* exportProgress_;
    QToolButton* cancelExport_;
    TimeZoneMode timeMode_ = TimeZoneMode::Utc;
    evtx::IndexOptions indexOptions_;
    KnowledgeSource* knowledge_;
    QAction* mapProblemsAction_ = nullptr;
    QPointer<SkippedFilesDialog> skippedDialog_;
    QString folderSummary_;
};

} // namespace evtxui
