// RecordTableView: rows inserted below a full viewport only move the scroll
// bar (no relayout, no repaint of the cells in view); rows that show, resets
// and sorts get QTableView's full layout.
#include "table/record_table_view.hpp"

#include <QAbstractTableModel>
#include <QApplication>
#include <QScrollBar>
#include <QTest>

using namespace evtxui;

namespace {

class PaintCounter : public QObject {
  public:
    int paints = 0;

  protected:
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Paint) ++paints;
        return false;
    }
};

// Rows that grow at the end, as the record model's do while indexing.
class GrowingModel : public QAbstractTableModel {
  public:
    explicit GrowingModel(int rows) : rows_(rows) {}
    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : rows_;
    }
    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : 3;
    }
    QVariant data(const QModelIndex& index, int role) const override {
        if (role != Qt::DisplayRole) return {};
        return QString("r%1c%2")
            .arg(descending_ ? rows_ - 1 - index.row() : index.row())
            .arg(index.column());
    }
    void append(int count) {
        beginInsertRows({}, rows_, rows_ + count - 1);
        rows_ += count;
        endInsertRows();
    }
    void reverse() {
        emit layoutAboutToBeChanged();
        descending_ = !descending_;
        emit layoutChanged();
    }

  private:
    int rows_;
    bool descending_ = false;
};

// Shows `view` on `model` and waits for its first layout and paint.
bool showLaidOut(RecordTableView& view, QAbstractItemModel& model) {
    view.setModel(&model);
    view.resize(400, 300);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) return false;
    QTest::qWait(50);
    return true;
}

} // namespace

class RecordTableViewTest : public QObject {
    Q_OBJECT
  private slots:
    void rowsBelowAFullViewportOnlyMoveTheScrollBar() {
        GrowingModel model(200);
        RecordTableView view;
        QVERIFY(showLaidOut(view, model));
        PaintCounter counter;
        view.viewport()->installEventFilter(&counter);
        const int full = view.fullLayouts();
        const int maximum = view.verticalScrollBar()->maximum();
        QVERIFY(maximum > 0);

        model.append(50);
        // Scrolling by item: one step per row.
        QTRY_COMPARE(view.verticalScrollBar()->maximum(), maximum + 50);
        QTest::qWait(50);
        QCOMPARE(counter.paints, 0); // QTableView repaints every cell in view here
        QCOMPARE(view.scrollBarOnlyLayouts(), 1);
        QCOMPARE(view.fullLayouts(), full);
        // The new rows are there to scroll to.
        view.scrollToBottom();
        QVERIFY(view.rowAt(view.viewport()->height() - 1) >= 240);
    }

    void rowsThatShowAreLaidOutAndPainted() {
        GrowingModel model(3);
        RecordTableView view;
        QVERIFY(showLaidOut(view, model));
        PaintCounter counter;
        view.viewport()->installEventFilter(&counter);
        const int full = view.fullLayouts();

        model.append(2);
        QTRY_COMPARE(view.fullLayouts(), full + 1);
        QCOMPARE(view.scrollBarOnlyLayouts(), 0);
        QTRY_VERIFY(counter.paints > 0);
        QVERIFY(view.rowViewportPosition(4) < view.viewport()->height());
    }

    // A sort (layoutChanged) in the same turn as an insertion out of view
    // still lays everything out.
    void otherChangesLayOutFully() {
        GrowingModel model(200);
        RecordTableView view;
        QVERIFY(showLaidOut(view, model));
        const int full = view.fullLayouts();

        model.append(10);
        model.reverse();
        QTRY_COMPARE(view.fullLayouts(), full + 1);
        QCOMPARE(view.scrollBarOnlyLayouts(), 0);
    }

    // Setting the same model again keeps the view working; a model it no
    // longer shows does not reach it.
    void modelsSwapCleanly() {
        GrowingModel first(200), second(200);
        RecordTableView view;
        QVERIFY(showLaidOut(view, first));
        view.setModel(&first);
        const int maximum = view.verticalScrollBar()->maximum();
        first.append(10);
        QTRY_COMPARE(view.verticalScrollBar()->maximum(), maximum + 10);

        view.setModel(&second);
        QTest::qWait(50);
        const int scrollBarOnly = view.scrollBarOnlyLayouts();
        const int full = view.fullLayouts();
        first.append(10);
        QTest::qWait(50);
        QCOMPARE(view.scrollBarOnlyLayouts(), scrollBarOnly);
        QCOMPARE(view.fullLayouts(), full);
        second.append(10);
        QTRY_COMPARE(view.scrollBarOnlyLayouts(), scrollBarOnly + 1);
    }
};

QTEST_MAIN(RecordTableViewTest)
#include "tst_record_table_view.moc"
