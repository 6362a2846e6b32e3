// A thin strip beside the table's vertical scroll bar with a tick at each
// search hit's place in the current row order. Hits are bucketed by pixel
// row, so painting costs the strip's height, whatever the number of hits:
// new hits are added to their buckets as they arrive, and the buckets are
// recomputed (one pass over the table's rows) only when the order, the
// shown rows or the strip's height change.
#pragma once

#include <QWidget>

#include <cstdint>
#include <vector>

class QTableView;

namespace evtxui {

class RecordTableModel;

class SearchMarkers : public QWidget {
    Q_OBJECT

  public:
    SearchMarkers(QTableView* table, RecordTableModel* model, QWidget* parent = nullptr);

    // `hits` (per index row, nonzero = hit) must outlive the strip's use of
    // it (until clearHits); `added` are the rows that just became hits. The
    // strip shows from setHits to clearHits.
    void setHits(const std::vector<uint8_t>* hits);
    void addHits(const std::vector<uint32_t>& added);
    void clearHits();

    // Pixel rows holding at least one tick (for tests).
    int markedBuckets() const;
    QSize sizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    void recompute();
    int bucketOf(int tableRow, int rows) const;

    QTableView* table_;
    RecordTableModel* model_;
    const std::vector<uint8_t>* hits_ = nullptr;
    std::vector<uint8_t> buckets_; // one per pixel row of the strip
};

} // namespace evtxui
