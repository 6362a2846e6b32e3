// The panel left of the table: each facet's values with their counts for
// the current filter. A click includes a value, Ctrl/Alt-click (or the
// context menu) excludes it.
#pragma once

#include "facets/facet_counts.hpp"

#include <QWidget>

class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace evtxui {

class FacetsPanel : public QWidget {
    Q_OBJECT

  public:
    explicit FacetsPanel(QWidget* parent = nullptr);

    void setCounts(const FacetCounts& counts);
    void clear();
    QTreeWidget* tree() const { return tree_; }

    // The item of a value (tests), null when not listed.
    QTreeWidgetItem* findValue(Facet facet, const QString& label) const;
    // What a click does: emits valueChosen.
    void choose(QTreeWidgetItem* item, bool exclude);

  signals:
    void valueChosen(const FacetChoice& choice);

  private:
    void showMenu(const QPoint& pos);

    QTreeWidget* tree_;
};

// The chosen facet values (and the histogram's time range) above the
// table, each removable.
class FacetChips : public QWidget {
    Q_OBJECT

  public:
    explicit FacetChips(QWidget* parent = nullptr);
    void setChoices(const std::vector<FacetChoice>& choices);
    // The time range chip's text and tooltip (its condition); empty: none.
    void setTimeRange(const QString& text, const QString& condition);
    int chipCount() const { return count_; } // facet chips
    QToolButton* timeRangeChip() const { return timeChip_; }

  signals:
    void removeRequested(int index);
    void timeRangeRemoveRequested();
    void clearRequested();

  private:
    void rebuild();

    std::vector<FacetChoice> choices_;
    QString timeText_, timeCondition_;
    QToolButton* timeChip_ = nullptr;
    int count_ = 0;
};

} // namespace evtxui
