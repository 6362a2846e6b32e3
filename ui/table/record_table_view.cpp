#include "table/record_table_view.hpp"

namespace evtxui {

RecordTableView::RecordTableView(QWidget* parent) : QTableView(parent) {}

void RecordTableView::setModel(QAbstractItemModel* newModel) {
    if (newModel == model()) return;
    for (const QMetaObject::Connection& c : modelConnections_)
        disconnect(c);
    modelConnections_.clear();
    QTableView::setModel(newModel);
    appendedOutOfView_ = false;
    otherChange_ = true;
    if (!newModel) return;
    // Connected after QTableView's own connections: the header has taken the
    // new rows in when rowsInserted reaches us.
    modelConnections_ << connect(newModel, &QAbstractItemModel::rowsInserted, this,
                                 [this](const QModelIndex& parent, int first, int) {
                                     if (parent.isValid())
                                         markOtherChange();
                                     else
                                         rowsInsertedAt(first);
                                 });
    auto other = [this] { markOtherChange(); };
    modelConnections_ << connect(newModel, &QAbstractItemModel::rowsRemoved, this, other)
                      << connect(newModel, &QAbstractItemModel::rowsMoved, this, other)
                      << connect(newModel, &QAbstractItemModel::columnsInserted, this, other)
                      << connect(newModel, &QAbstractItemModel::columnsRemoved, this, other)
                      << connect(newModel, &QAbstractItemModel::columnsMoved, this, other)
                      << connect(newModel, &QAbstractItemModel::modelReset, this, other)
                      << connect(newModel, &QAbstractItemModel::layoutChanged, this, other);
}

void RecordTableView::rowsInsertedAt(int first) {
    // Out of view when the rows before them already fill the viewport.
    const int lastVisible = rowAt(viewport()->height() - 1);
    if (isVisible() && lastVisible >= 0 && lastVisible < first)
        appendedOutOfView_ = true;
    else
        markOtherChange();
}

void RecordTableView::doItemsLayout() {
    if (appendedOutOfView_ && !otherChange_) {
        ++scrollBarOnlyLayouts_;
        updateGeometries();
    } else {
        ++fullLayouts_;
        QTableView::doItemsLayout();
    }
    appendedOutOfView_ = false;
    otherChange_ = false;
}

} // namespace evtxui
