// The record table: a QTableView that, when rows are inserted below a full
// viewport (indexing appends them), only updates its scroll bars. QTableView answers every
// change of the row count with a full items layout and a repaint of every
// visible cell, though rows added below the view change nothing in it; on
// a 1 GB log that repaint came after every batch.
#pragma once

#include <QList>
#include <QTableView>

namespace evtxui {

class RecordTableView : public QTableView {
    Q_OBJECT
  public:
    explicit RecordTableView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    void doItemsLayout() override;

    // Layouts that only updated the scroll bars (rows inserted out of view),
    // and full ones (for tests).
    int scrollBarOnlyLayouts() const { return scrollBarOnlyLayouts_; }
    int fullLayouts() const { return fullLayouts_; }

  private:
    void rowsInsertedAt(int first);
    void markOtherChange() { otherChange_ = true; }

    QList<QMetaObject::Connection> modelConnections_; // ours, not QTableView's
    bool appendedOutOfView_ = false; // rows inserted below the view since the last layout
    bool otherChange_ = false;       // anything else since the last layout
    int scrollBarOnlyLayouts_ = 0;
    int fullLayouts_ = 0;
};

} // namespace evtxui
