#include "facets/facets_panel.hpp"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace evtxui {

namespace {
constexpr int kFacetRole = Qt::UserRole;
constexpr int kLiteralRole = Qt::UserRole + 1;
constexpr int kLabelRole = Qt::UserRole + 2;
} // namespace

FacetsPanel::FacetsPanel(QWidget* parent) : QWidget(parent) {
    tree_ = new QTreeWidget(this);
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Facet"), tr("Records")});
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree_->setRootIsDecorated(true);
    tree_->setUniformRowHeights(true);
    tree_->setContextMenuPolicy(Qt::CustomContextMenu);
    tree_->setToolTip(tr("Click includes a value, Ctrl+click or Alt+click excludes it"));
    for (int f = 0; f < kFacetCount; ++f) {
        auto* top = new QTreeWidgetItem(tree_, {facetTitle(Facet(f))});
        top->setFlags(Qt::ItemIsEnabled);
        top->setExpanded(f == int(Facet::Level) || f == int(Facet::EventId));
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tree_);
    connect(tree_, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const Qt::KeyboardModifiers m = QApplication::keyboardModifiers();
        choose(item, m & (Qt::ControlModifier | Qt::AltModifier));
    });
    connect(tree_, &QWidget::customContextMenuRequested, this, &FacetsPanel::showMenu);
}

void FacetsPanel::clear() {
    for (int f = 0; f < kFacetCount; ++f)
        qDeleteAll(tree_->topLevelItem(f)->takeChildren());
}

void FacetsPanel::setCounts(const FacetCounts& counts) {
    tree_->setUpdatesEnabled(false);
    for (int f = 0; f < kFacetCount; ++f) {
        QTreeWidgetItem* top = tree_->topLevelItem(f);
        qDeleteAll(top->takeChildren());
        QList<QTreeWidgetItem*> items;
        for (const FacetValue& v : counts[size_t(f)]) {
            auto* item = new QTreeWidgetItem({v.label, QLocale().toString(qulonglong(v.count))});
            item->setData(0, kFacetRole, f);
            item->setData(0, kLiteralRole, v.literal);
            item->setData(0, kLabelRole, v.label);
            item->setData(1, Qt::UserRole, qulonglong(v.count));
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
            items << item;
        }
        top->addChildren(items);
        top->setText(1, QString::number(items.size()));
    }
    tree_->setUpdatesEnabled(true);
}

QTreeWidgetItem* FacetsPanel::findValue(Facet facet, const QString& label) const {
    QTreeWidgetItem* top = tree_->topLevelItem(int(facet));
    for (int i = 0; i < top->childCount(); ++i)
        if (top->child(i)->data(0, kLabelRole).toString() == label) return top->child(i);
    return nullptr;
}

void FacetsPanel::choose(QTreeWidgetItem* item, bool exclude) {
    if (!item || !item->parent()) return; // facet titles only expand
    FacetChoice c;
    c.facet = Facet(item->data(0, kFacetRole).toInt());
    c.literal = item->data(0, kLiteralRole).toString();
    c.label = item->data(0, kLabelRole).toString();
    c.exclude = exclude;
    emit valueChosen(c);
}

void FacetsPanel::showMenu(const QPoint& pos) {
    QTreeWidgetItem* item = tree_->itemAt(pos);
    if (!item || !item->parent()) return;
    QMenu menu(this);
    menu.addAction(tr("Include"), this, [this, item] { choose(item, false); });
    menu.addAction(tr("Exclude"), this, [this, item] { choose(item, true); });
    menu.exec(tree_->viewport()->mapToGlobal(pos));
}

FacetChips::FacetChips(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 0, 2, 0);
    layout->addStretch(1);
    hide();
}

void FacetChips::setChoices(const std::vector<FacetChoice>& choices) {
    choices_ = choices;
    rebuild();
}

void FacetChips::setTimeRange(const QString& text, const QString& condition) {
    timeText_ = text;
    timeCondition_ = condition;
    rebuild();
}

void FacetChips::rebuild() {
    auto* layout = static_cast<QHBoxLayout*>(this->layout());
    while (layout->count() > 1) {
        QLayoutItem* item = layout->takeAt(0);
        if (QWidget* w = item->widget()) {
            // Later: the chip being clicked may be the one removed.
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    timeChip_ = nullptr;
    int at = 0;
    if (!timeText_.isEmpty()) {
        timeChip_ = new QToolButton(this);
        timeChip_->setText(tr("Time %1").arg(timeText_) + QStringLiteral("  ✕"));
        timeChip_->setToolTip(tr("Remove this condition:\n%1").arg(timeCondition_));
        connect(timeChip_, &QToolButton::clicked, this, &FacetChips::timeRangeRemoveRequested);
        layout->insertWidget(at++, timeChip_);
    }
    count_ = int(choices_.size());
    for (int i = 0; i < count_; ++i) {
        auto* chip = new QToolButton(this);
        chip->setText(facetChoiceText(choices_[size_t(i)]) + QStringLiteral("  ✕"));
        chip->setToolTip(tr("Remove this condition"));
        chip->setAutoRaise(false);
        connect(chip, &QToolButton::clicked, this, [this, i] { emit removeRequested(i); });
        layout->insertWidget(at++, chip);
    }
    if (at > 1) {
        auto* clear = new QToolButton(this);
        clear->setText(tr("Clear all"));
        connect(clear, &QToolButton::clicked, this, &FacetChips::clearRequested);
        layout->insertWidget(at, clear);
    }
    setVisible(at > 0);
}

} // namespace evtxui
