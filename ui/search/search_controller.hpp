// Ties one tab's search bar to its table, markers and detail pane: compiles
// what is typed (after a short pause), runs the search in the background
// over the whole finished index (pending while indexing), collects the hits
// as they stream in, moves to the next / previous hit in the table's order,
// shows only the hits on request (on top of the filter bar's filter) and
// marks the hits in the detail pane.
//
// What is searched: each record's compact JSON (the evtxdump JSONL line, the
// JSON tab's text before indenting), case-insensitively unless "match case";
// a plain text also matches in its JSON-escaped form (see text_search.hpp).
#pragma once

#include "search/search_job.hpp"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <optional>
#include <vector>

class QTableView;

namespace evtxui {

class DetailPane;
class LogDocument;
class RecordTableModel;
class SearchBar;
class SearchMarkers;

class SearchController : public QObject {
    Q_OBJECT

  public:
    SearchController(LogDocument* document, RecordTableModel* model, QTableView* table,
                     SearchBar* bar, SearchMarkers* markers, DetailPane* details,
                     QObject* parent = nullptr);
    ~SearchController() override; // cancels and waits for the search

    // Starts the search for the bar's text and toggles now (typing starts it
    // after a short pause).
    void searchNow();
    void cancel();       // keeps the hits found so far
    void clear();        // no search: hits, markers, marks and "filter to matches" off
    bool isBusy() const; // typed but not started, waiting for the index, or running
    bool isComplete() const { return complete_; } // the last search ran to the end

    // F3 / Shift+F3: selects the next / previous hit in the table's order,
    // wrapping around; false when no hit is shown.
    bool findNext();
    bool findPrevious();

    const evtx::TextSearchPattern* pattern() const { return pattern_ ? &*pattern_ : nullptr; }
    const std::vector<uint8_t>& hitMask() const { return hits_; } // per index row
    quint64 hitCount() const { return hitCount_; }                // all records
    quint64 hitsInView() const { return inView_; } // those the filter bar's filter lets through
    // 1-based rank of the current row among the shown hits; 0 if not a hit.
    quint64 currentHitNumber() const;

  signals:
    void hitsChanged();
    void searchFinished(bool cancelled);
    void message(const QString& text);

  private:
    void start();
    void hitsFound(const std::vector<uint32_t>& rows);
    void finished(bool cancelled);
    bool step(int direction);
    void setFilterToMatches(bool on);
    void updateRestriction();
    void recountInView();
    void updateCounter();
    void highlightDetails();
    bool isHitAt(int tableRow) const;

    LogDocument* document_;
    RecordTableModel* model_;
    QTableView* table_;
    SearchBar* bar_;
    SearchMarkers* markers_;
    DetailPane* details_;
    SearchJob job_;
    QTimer typingPause_;
    std::optional<evtx::TextSearchPattern> pattern_;
    std::vector<uint8_t> hits_;
    quint64 hitCount_ = 0, inView_ = 0;
    bool pending_ = false;  // starts when indexing has finished
    bool complete_ = false; // ran to the end
    bool stopped_ = false;  // cancelled before the end
    bool userCancelled_ = false;
    int wantStep_ = 0;              // F3 before the first hit came: go there when it does
    QElapsedTimer lastRestriction_; // filter to matches follows streaming hits at this pace
    quint64 progressDone_ = 0, progressTotal_ = 0;
};

} // namespace evtxui
