#include "search/search_markers.hpp"

#include "table/record_table_model.hpp"

#include <QPainter>
#include <QScrollBar>
#include <QTableView>

#include <algorithm>

namespace evtxui {

namespace {
constexpr int kStripWidth = 7;
const QColor kTickColor(0xe0, 0x9a, 0x00);
} // namespace

SearchMarkers::SearchMarkers(QTableView* table, RecordTableModel* model, QWidget* parent)
    : QWidget(parent), table_(table), model_(model) {
    setFixedWidth(kStripWidth);
    hide();
    setToolTip(tr("Search matches in the table's order"));
    // Any change of which rows are shown, or of their order, moves ticks.
    connect(model_, &QAbstractItemModel::modelReset, this, &SearchMarkers::recompute);
    connect(model_, &QAbstractItemModel::layoutChanged, this, &SearchMarkers::recompute);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &SearchMarkers::recompute);
}

QSize SearchMarkers::sizeHint() const {
    return {kStripWidth, 100};
}

void SearchMarkers::setHits(const std::vector<uint8_t>* hits) {
    hits_ = hits;
    show(); // only while there is a search
    recompute();
}

void SearchMarkers::clearHits() {
    hits_ = nullptr;
    buckets_.assign(buckets_.size(), 0);
    hide();
}

int SearchMarkers::bucketOf(int tableRow, int rows) const {
    return int(int64_t(tableRow) * int64_t(buckets_.size()) / rows);
}

void SearchMarkers::addHits(const std::vector<uint32_t>& added) {
    const int rows = model_->rowCount();
    if (!hits_ || rows == 0 || buckets_.empty()) return;
    for (uint32_t r : added) {
        const int t = model_->tableRow(r);
        if (t >= 0) buckets_[size_t(bucketOf(t, rows))] = 1;
    }
    update();
}

void SearchMarkers::recompute() {
    buckets_.assign(size_t(std::max(1, height())), 0);
    const int rows = model_->rowCount();
    if (hits_ && rows > 0) {
        for (int t = 0; t < rows; ++t) {
            const uint32_t r = model_->indexRow(t);
            if (r < hits_->size() && (*hits_)[r]) buckets_[size_t(bucketOf(t, rows))] = 1;
        }
    }
    update();
}

int SearchMarkers::markedBuckets() const {
    return int(std::count(buckets_.begin(), buckets_.end(), uint8_t(1)));
}

void SearchMarkers::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    recompute();
}

void SearchMarkers::paintEvent(QPaintEvent*) {
    if (!hits_) return;
    // The ticks span the scroll bar's height, so that a tick sits level with
    // the slider when its row is in view.
    const QScrollBar* bar = table_->verticalScrollBar();
    int top = 0, span = height();
    if (bar->isVisible()) {
        top = bar->mapToGlobal(QPoint(0, 0)).y() - mapToGlobal(QPoint(0, 0)).y();
        span = bar->height();
    }
    QPainter p(this);
    const int n = int(buckets_.size());
    for (int b = 0; b < n; ++b) {
        if (!buckets_[size_t(b)]) continue;
        const int y = top + int(int64_t(b) * span / n);
        p.fillRect(1, y, kStripWidth - 2, 2, kTickColor);
    }
}

} // namespace evtxui
