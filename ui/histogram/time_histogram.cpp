#include "histogram/time_histogram.hpp"

#include "document/log_document.hpp"

#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace evtxui {

namespace {
constexpr int kHeight = 84;          // the whole strip
constexpr int kMargin = 4;           // around the bars
constexpr int kPixelsPerBucket = 5;  // the width asks for at most one bucket per 5 px
constexpr int kMinBuckets = 10;      // a narrow strip still shows some shape
constexpr int kMaxBuckets = 200;     // a wide one no more than this
constexpr int kResizeSettleMs = 150; // recount after resizing stops
constexpr int kLabelSpacing = 24;    // at least this many px between axis labels
} // namespace

TimeHistogram::TimeHistogram(LogDocument* document, QWidget* parent)
    : QWidget(parent), document_(document),
      countJob_([this](HistogramCounts&& counts) { countFinished(std::move(counts)); }) {
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Drag across the bars to show that time range; double-click to show all times"));
    reset_ = new QToolButton(this);
    reset_->setText(tr("All times"));
    reset_->setToolTip(tr("Remove the time range (or double-click the histogram)"));
    reset_->setAutoRaise(true);
    reset_->hide();
    connect(reset_, &QToolButton::clicked, this, &TimeHistogram::resetRequested);
    resizeTimer_.setSingleShot(true);
    resizeTimer_.setInterval(kResizeSettleMs);
    connect(&resizeTimer_, &QTimer::timeout, this, [this] {
        if (wantedBuckets() != countedFor_) recount();
    });
    connect(document_, &LogDocument::indexingFinished, this, &TimeHistogram::recount);
}

TimeHistogram::~TimeHistogram() = default; // countJob_ cancels and waits

QSize TimeHistogram::sizeHint() const {
    return {600, kHeight};
}
QSize TimeHistogram::minimumSizeHint() const {
    return {100, kHeight};
}

int TimeHistogram::wantedBuckets() const {
    return std::clamp(int(barArea().width()) / kPixelsPerBucket, kMinBuckets, kMaxBuckets);
}

void TimeHistogram::setRows(std::shared_ptr<const std::vector<uint32_t>> rows) {
    rows_ = std::move(rows);
    recount();
}

void TimeHistogram::setTimeZoneMode(TimeZoneMode mode) {
    if (mode == mode_) return;
    mode_ = mode;
    recount(); // edges align to local or UTC days
}

void TimeHistogram::setRangeActive(bool active) {
    reset_->setVisible(active);
}

void TimeHistogram::recount() {
    if (!document_->indexFinished()) return; // indexingFinished calls again
    countedFor_ = wantedBuckets();
    const evtx::RecordIndex* index = &document_->index();
    countJob_.start([index, rows = rows_, n = countedFor_, mode = mode_](JobToken& token) {
        return countHistogram(*index, rows.get(), n, mode, token.cancelFlag());
    });
    update();
}

void TimeHistogram::countFinished(HistogramCounts&& counts) {
    counts_ = std::move(counts);
    dragFrom_ = dragTo_ = -1;
    update();
    emit counted();
}

QRectF TimeHistogram::barArea() const {
    const int labelHeight = fontMetrics().height() + 2;
    return QRectF(kMargin, kMargin + fontMetrics().height(), width() - 2 * kMargin,
                  height() - 2 * kMargin - labelHeight - fontMetrics().height());
}

QRectF TimeHistogram::bucketRect(int bucket) const {
    const QRectF area = barArea();
    const int n = counts_.buckets.size();
    if (n <= 0 || bucket < 0 || bucket >= n) return {};
    const double w = area.width() / n;
    return QRectF(area.left() + bucket * w, area.top(), w, area.height());
}

int TimeHistogram::bucketAt(int x) const {
    const QRectF area = barArea();
    const int n = counts_.buckets.size();
    if (n <= 0 || x < area.left() || x >= area.right()) return -1;
    return std::clamp(int((x - area.left()) * n / area.width()), 0, n - 1);
}

QColor TimeHistogram::bandColor(LevelBand band) const {
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    switch (band) {
    case LevelBand::Critical:
        return dark ? QColor(0xff, 0x5c, 0xa8) : QColor(0x9c, 0x00, 0x5a);
    case LevelBand::Error:
        return dark ? QColor(0xff, 0x6b, 0x5e) : QColor(0xd3, 0x2f, 0x2f);
    case LevelBand::Warning:
        return dark ? QColor(0xff, 0xc8, 0x47) : QColor(0xe6, 0x9a, 0x00);
    case LevelBand::Information:
        return dark ? QColor(0x6a, 0xa6, 0xff) : QColor(0x3a, 0x78, 0xd0);
    case LevelBand::Verbose:
        return dark ? QColor(0x8c, 0x8c, 0x8c) : QColor(0xa0, 0xa0, 0xa0);
    case LevelBand::Other:
        return dark ? QColor(0x5c, 0xd6, 0xc6) : QColor(0x1f, 0x8f, 0x80);
    }
    return palette().color(QPalette::Text);
}

void TimeHistogram::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QColor text = palette().color(QPalette::Text);
    const QColor dim = palette().color(QPalette::Disabled, QPalette::Text);
    const QRectF area = barArea();
    p.setPen(dim);
    p.drawLine(QPointF(area.left(), area.bottom() + 0.5),
               QPointF(area.right(), area.bottom() + 0.5));
    const int n = counts_.buckets.size();
    if (n == 0) {
        p.drawText(
            area, Qt::AlignCenter,
            !document_->indexFinished() ? tr("The histogram appears when indexing ends")
            : isCounting()              ? tr("Counting…")
            : counts_.outside
                ? tr("Every event (%L1) is outside the plausible time window").arg(counts_.outside)
                : tr("No events"));
        return;
    }
    const uint64_t most = std::max<uint64_t>(1, counts_.largestBucket());
    const double scale = area.height() / double(most);
    if (dragFrom_ >= 0) {
        const QRectF a = bucketRect(std::min(dragFrom_, dragTo_));
        const QRectF b = bucketRect(std::max(dragFrom_, dragTo_));
        QColor sel = palette().color(QPalette::Highlight);
        sel.setAlpha(70);
        p.fillRect(QRectF(a.topLeft(), b.bottomRight()), sel);
    }
    for (int i = 0; i < n; ++i) {
        QRectF slot = bucketRect(i);
        if (slot.width() >= 3) slot.adjust(0.5, 0, -0.5, 0); // a gap between bars
        double bottom = area.bottom();
        for (int band = 0; band < kLevelBandCount; ++band) {
            const uint64_t c = counts_.counts[size_t(i)][size_t(band)];
            if (!c) continue;
            // Every non-empty band at least one pixel high.
            const double h = std::max(1.0, double(c) * scale);
            p.fillRect(QRectF(slot.left(), bottom - h, slot.width(), h),
                       bandColor(LevelBand(band)));
            bottom -= h;
        }
    }
    p.setPen(isCounting() ? dim : text);
    p.drawText(QRectF(kMargin, 0, width() - 2 * kMargin, area.top()),
               Qt::AlignLeft | Qt::AlignVCenter, caption());
    paintAxis(p, area);
}

QString TimeHistogram::caption() const {
    QString text = tr("%L1 events · 1 bar = %2 · highest %L3 · times in %4")
                       .arg(counts_.total)
                       .arg(counts_.buckets.widthText())
                       .arg(std::max<uint64_t>(1, counts_.largestBucket()))
                       .arg(timeZoneLabel(mode_, counts_.first, counts_.last));
    if (counts_.outside)
        text += tr(" · %L1 outside the plausible time window, not drawn").arg(counts_.outside);
    return text;
}

std::vector<TimeHistogram::AxisLabel> TimeHistogram::layoutAxis(const QRectF& bars) const {
    std::vector<AxisLabel> out;
    const int n = counts_.buckets.size();
    if (n <= 0) return out;
    const QFontMetrics fm = fontMetrics();
    const QString sample = bucketEdgeLabel(counts_.buckets, counts_.buckets.edges[0], mode_);
    const double labelWidth = fm.horizontalAdvance(sample) + kLabelSpacing;
    const double bucketWidth = bars.width() / n;
    const int every = std::max(1, int(std::ceil(labelWidth / bucketWidth)));
    double lastRight = -1e9;
    const uint64_t* previous = nullptr; // the edge labelled last: a new day shows its date
    for (int i = 0; i < n; i += every) {
        const uint64_t& edge = counts_.buckets.edges[size_t(i)];
        const QString label = axisLabel(counts_.buckets, edge, previous, mode_);
        const double x = bars.left() + i * bucketWidth;
        const double w = fm.horizontalAdvance(label);
        if (x < lastRight || x + w > width()) continue;
        out.push_back({i, label});
        previous = &edge;
        lastRight = x + w + kLabelSpacing;
    }
    return out;
}

QStringList TimeHistogram::axisLabels() const {
    QStringList labels;
    for (const AxisLabel& l : layoutAxis(barArea()))
        labels << l.text;
    return labels;
}

void TimeHistogram::paintAxis(QPainter& p, const QRectF& bars) {
    const int n = counts_.buckets.size();
    const QFontMetrics fm = fontMetrics();
    const double bucketWidth = bars.width() / n;
    p.setPen(palette().color(QPalette::Text));
    const double y = bars.bottom() + 2;
    for (const AxisLabel& l : layoutAxis(bars)) {
        const double x = bars.left() + l.edge * bucketWidth;
        const double w = fm.horizontalAdvance(l.text);
        p.drawLine(QPointF(x, bars.bottom()), QPointF(x, bars.bottom() + 2));
        p.drawText(QRectF(x, y, w + 2, fm.height()), Qt::AlignLeft | Qt::AlignTop, l.text);
    }
}

QString TimeHistogram::bucketToolTip(int bucket) const {
    if (bucket < 0 || bucket >= counts_.buckets.size()) return {};
    const TimeRange range{counts_.buckets.edges[size_t(bucket)],
                          counts_.buckets.edges[size_t(bucket) + 1]};
    QString tip = timeRangeText(range, mode_) + QLatin1Char('\n') +
                  tr("%L1 events").arg(counts_.bucketTotal(bucket));
    for (int band = 0; band < kLevelBandCount; ++band) {
        const uint64_t c = counts_.counts[size_t(bucket)][size_t(band)];
        if (c) tip += QStringLiteral("\n%1: %L2").arg(levelBandName(LevelBand(band))).arg(c);
    }
    return tip;
}

bool TimeHistogram::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(e);
        const int bucket = bucketAt(help->pos().x());
        if (bucket >= 0 && barArea().contains(help->pos()))
            QToolTip::showText(help->globalPos(), bucketToolTip(bucket), this,
                               bucketRect(bucket).toAlignedRect());
        else
            QToolTip::showText(help->globalPos(), toolTip(), this);
        return true;
    }
    return QWidget::event(e);
}

void TimeHistogram::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    reset_->adjustSize();
    reset_->move(width() - reset_->width() - kMargin, 0);
    resizeTimer_.start();
}

void TimeHistogram::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    dragFrom_ = dragTo_ = bucketAt(event->position().toPoint().x());
    pressX_ = event->position().toPoint().x();
    update();
}

void TimeHistogram::mouseMoveEvent(QMouseEvent* event) {
    if (dragFrom_ < 0) return QWidget::mouseMoveEvent(event);
    const QRectF area = barArea();
    const int x =
        std::clamp(event->position().toPoint().x(), int(area.left()), int(area.right()) - 1);
    dragTo_ = bucketAt(x);
    update();
}

void TimeHistogram::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || dragFrom_ < 0)
        return QWidget::mouseReleaseEvent(event);
    mouseMoveEvent(event);
    const int from = std::min(dragFrom_, dragTo_), to = std::max(dragFrom_, dragTo_);
    const bool dragged =
        std::abs(event->position().toPoint().x() - pressX_) >= QApplication::startDragDistance();
    dragFrom_ = dragTo_ = -1;
    update();
    // A click is not a range: it would fire on the first half of a double-click.
    if (!dragged || from < 0) return;
    emit rangeSelected(
        TimeRange{counts_.buckets.edges[size_t(from)], counts_.buckets.edges[size_t(to) + 1]});
}

void TimeHistogram::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        dragFrom_ = dragTo_ = -1;
        emit resetRequested();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

} // namespace evtxui
