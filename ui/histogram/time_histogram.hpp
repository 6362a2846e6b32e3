// The strip above the table: events per time bucket for the rows the table
// shows, bars stacked by level, a time axis and tooltips. Counting runs on
// the pool (a newer request cancels the one in flight) once the index is
// finished. Dragging across it chooses a time range (snapped to whole
// buckets); double-click or the reset button asks to drop it.
#pragma once

#include "histogram/histogram_counts.hpp"
#include "histogram/time_range.hpp"
#include "jobs/background_job.hpp"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QToolButton;

namespace evtxui {

class LogDocument;

class TimeHistogram : public QWidget {
    Q_OBJECT

  public:
    explicit TimeHistogram(LogDocument* document, QWidget* parent = nullptr);
    ~TimeHistogram() override; // cancels and waits for a count in flight

    // The rows the table shows (null: every row); recounts.
    void setRows(std::shared_ptr<const std::vector<uint32_t>> rows);
    void setTimeZoneMode(TimeZoneMode mode);
    // Whether a time range filter is on (shows the reset button).
    void setRangeActive(bool active);

    bool isCounting() const { return countJob_.isRunning(); }
    const HistogramCounts& counts() const { return counts_; }
    // How many buckets the current width asks for.
    int wantedBuckets() const;
    // Geometry and texts, for painting, the mouse and tests.
    QRectF barArea() const;
    int bucketAt(int x) const; // -1 outside the bars
    QRectF bucketRect(int bucket) const;
    QString bucketToolTip(int bucket) const;
    // "1,234 events · 1 bar = 1 hour · highest 56 · times in UTC" (and how
    // many rows lie outside the sane time window, when some do).
    QString caption() const;
    // The axis labels as drawn at the current width, left to right.
    QStringList axisLabels() const;
    QToolButton* resetButton() const { return reset_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  signals:
    void rangeSelected(const evtxui::TimeRange& range);
    void resetRequested();
    void counted(); // new counts are shown

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

  private:
    void recount();
    void countFinished(HistogramCounts&& counts);
    QColor bandColor(LevelBand band) const;
    void paintAxis(QPainter& p, const QRectF& bars);
    struct AxisLabel {
        int edge; // index into counts_.buckets.edges
        QString text;
    };
    std::vector<AxisLabel> layoutAxis(const QRectF& bars) const;

    LogDocument* document_;
    std::shared_ptr<const std::vector<uint32_t>> rows_;
    TimeZoneMode mode_ = TimeZoneMode::Utc;
    HistogramCounts counts_;
    int countedFor_ = 0; // wantedBuckets() of the last count
    QTimer resizeTimer_; // recounts once a resize settles
    QToolButton* reset_;
    int dragFrom_ = -1, dragTo_ = -1; // buckets under a drag
    int pressX_ = 0;
    BackgroundJob<HistogramCounts> countJob_; // the newest count wins
};

} // namespace evtxui
