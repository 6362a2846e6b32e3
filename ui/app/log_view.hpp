// One tab: a problems banner, the record table and the detail pane in a
// splitter, for one LogDocument. Owns the document, the model and any
// export of its records.
#pragma once

#include "common/knowledge_ptr.hpp"
#include "common/time_format.hpp"
#include "evtx/index/export.hpp"
#include "evtx/index/index_builder.hpp"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QFrame;
class QSplitter;
class QTableView;

namespace evtxui {

class DetailPane;
class ExportJob;
class FacetChips;
class FacetsPanel;
class FilterBar;
class FilterController;
class IntegrityDialog;
class LogDocument;
class RecordLocator;
class RecordTableModel;
class TimeHistogram;
class SearchBar;
class SearchController;
class SearchMarkers;

class LogView : public QWidget {
    Q_OBJECT

  public:
    explicit LogView(const QString& path, QWidget* parent = nullptr);
    ~LogView() override;

    // Opens the file and starts indexing; false (with the banner saying
    // why) when it is not readable as EVTX.
    bool openAndIndex(evtx::IndexOptions options = {});

    LogDocument* document() const { return document_; }
    RecordTableModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    DetailPane* details() const { return details_; }
    ExportJob* exportJob() const { return export_.get(); }
    FilterBar* filterBar() const { return filterBar_; }
    FilterController* filter() const { return filter_; }
    FacetsPanel* facets() const { return facets_; }
    FacetChips* facetChips() const { return chips_; }
    TimeHistogram* histogram() const { return histogram_; }
    void focusFilter(); // Ctrl+L
    SearchBar* searchBar() const { return searchBar_; }
    SearchController* search() const { return search_; }
    SearchMarkers* searchMarkers() const { return markers_; }
    void showSearch();   // Ctrl+F
    void findNext();     // F3
    void findPrevious(); // Shift+F3

    // View → Integrity: the dialog for this file, checked on first show.
    IntegrityDialog* showIntegrity();
    IntegrityDialog* integrityDialog() const { return integrity_; }
    // Makes the record with this id current (found in the background when
    // the id table is not built yet); says so when it is not shown.
    void selectRecordId(uint64_t recordId);

    QString problemText() const; // what the banner says (empty: no problems)
    // The banner's offer of the records recovery would add (empty: none, or
    // they are shown), and its "Show N recovered records" button.
    QString recoveryOffer() const;
    QPushButton* showRecoveredButton() const { return showRecovered_; }
    QString statusSummary() const;

    // Index rows in the table's current order.
    std::vector<uint32_t> selectedIndexRows() const;
    std::vector<uint32_t> allIndexRows() const;

    void setTimeZoneMode(TimeZoneMode mode);
    // The knowledge for descriptions, the Summary and CSV export.
    void setKnowledge(KnowledgePtr kb);
    const KnowledgePtr& knowledge() const { return knowledge_; }

    // Ctrl+C: the selected records' JSON lines to the clipboard.
    void copySelection();
    // Starts a background export; false (with `why`) when it cannot start now.
    bool startExport(std::vector<uint32_t> rows, const QString& path, QString& why);
    bool startExport(std::vector<uint32_t> rows, evtx::ExportFormat format, const QString& path,
                     QString& why);
    void cancelExport();

  signals:
    void statusChanged();
    // The user asks to see this file with (or without) recovered records.
    void recoveryRequested(bool on);
    void timeZoneModeChanged(TimeZoneMode mode);
    void exportProgress(quint64 done, quint64 total);
    void exportFinished(bool ok, const QString& message);
    void message(const QString& text);
    // selectRecordId() has made the record current (or found it hidden / absent).
    void recordIdSelected(quint64 recordId, bool shown);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void createBanner();
    void createTable();
    QWidget* createTableArea(); // the histogram, the table and its search markers
    void createPanes(QWidget* tableArea);
    void createFilter();
    void createSearch();
    void layOut();
    void connectDocument();
    void setupHeader();
    void showHeaderMenu(const QPoint& pos);
    void saveHeaderState() const;
    void updateBanner();
    void currentRowChanged();
    void headerClicked(int section);

    LogDocument* document_;
    RecordTableModel* model_;
    QFrame* banner_;
    QLabel* bannerText_;
    QPushButton* showRecovered_;
    QSplitter* splitter_;
    QTableView* table_;
    DetailPane* details_;
    std::unique_ptr<ExportJob> export_;
    FilterBar* filterBar_;
    FacetChips* chips_;
    FacetsPanel* facets_;
    QSplitter* sideSplitter_; // facets | table and details
    FilterController* filter_;
    TimeHistogram* histogram_;
    SearchBar* searchBar_;
    SearchMarkers* markers_; // beside the table's scroll bar
    SearchController* search_;
    IntegrityDialog* integrity_ = nullptr;
    RecordLocator* locator_ = nullptr;
    KnowledgePtr knowledge_ = builtInKnowledge();
};

} // namespace evtxui
