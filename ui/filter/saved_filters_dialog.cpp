#include "filter/saved_filters_dialog.hpp"

#include "filter/saved_filters.hpp"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QVBoxLayout>

namespace evtxui {

namespace {
const QString kDirKey = QStringLiteral("savedFilters/lastDirectory");
}

SavedFiltersDialog::SavedFiltersDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Saved Filters"));
    resize(640, 420);
    list_ = new QListWidget(this);
    query_ = new QPlainTextEdit(this);
    query_->setReadOnly(true);
    query_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    apply_ = new QPushButton(tr("&Apply to Current Tab"), this);
    rename_ = new QPushButton(tr("&Rename…"), this);
    delete_ = new QPushButton(tr("&Delete"), this);
    auto* importButton = new QPushButton(tr("&Import…"), this);
    auto* exportButton = new QPushButton(tr("&Export…"), this);

    auto* side = new QVBoxLayout;
    for (QPushButton* b : {apply_, rename_, delete_, importButton, exportButton})
        side->addWidget(b);
    side->addStretch(1);
    auto* lists = new QHBoxLayout;
    lists->addWidget(list_, 1);
    lists->addLayout(side);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(lists, 2);
    layout->addWidget(query_, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(list_, &QListWidget::currentRowChanged, this, &SavedFiltersDialog::currentChanged);
    connect(list_, &QListWidget::itemActivated, this, [this] { apply_->click(); });
    connect(apply_, &QPushButton::clicked, this, [this] {
        for (const SavedFilter& f : savedFilters())
            if (f.name == currentName()) emit applyRequested(f.query);
    });
    connect(rename_, &QPushButton::clicked, this, &SavedFiltersDialog::renameCurrent);
    connect(delete_, &QPushButton::clicked, this, &SavedFiltersDialog::deleteCurrent);
    connect(importButton, &QPushButton::clicked, this, [this] {
        if (!importInteractively(this).isEmpty()) reload();
    });
    connect(exportButton, &QPushButton::clicked, this, [this] { exportInteractively(this); });
    reload();
}

void SavedFiltersDialog::reload() {
    const QString keep = currentName();
    list_->clear();
    for (const SavedFilter& f : savedFilters()) {
        auto* item = new QListWidgetItem(f.name, list_);
        item->setToolTip(f.query);
        if (f.name == keep) list_->setCurrentItem(item);
    }
    if (!list_->currentItem() && list_->count() > 0) list_->setCurrentRow(0);
    currentChanged();
}

QString SavedFiltersDialog::currentName() const {
    return list_->currentItem() ? list_->currentItem()->text() : QString();
}

void SavedFiltersDialog::currentChanged() {
    const QString name = currentName();
    QString text;
    for (const SavedFilter& f : savedFilters())
        if (f.name == name) text = f.query;
    query_->setPlainText(text);
    for (QPushButton* b : {apply_, rename_, delete_})
        b->setEnabled(!name.isEmpty());
}

void SavedFiltersDialog::renameCurrent() {
    const QString old = currentName();
    if (old.isEmpty()) return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Saved Filter"), tr("New name:"),
                                               QLineEdit::Normal, old, &ok);
    if (!ok || name == old) return;
    QString error;
    if (!renameSavedFilter(old, name, error)) {
        QMessageBox::warning(this, tr("Rename Saved Filter"), error);
        return;
    }
    reload();
    const auto found = list_->findItems(name.trimmed(), Qt::MatchExactly);
    if (!found.isEmpty()) list_->setCurrentItem(found.first());
}

void SavedFiltersDialog::deleteCurrent() {
    const QString name = currentName();
    if (name.isEmpty()) return;
    removeSavedFilter(name);
    reload();
}

QStringList SavedFiltersDialog::importInteractively(QWidget* parent) {
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        parent, tr("Import Filters"), settings.value(kDirKey).toString(),
        tr("Saved filters, Event Viewer custom views, QueryList (*.json *.xml);;All files (*)"));
    if (path.isEmpty()) return {};
    settings.setValue(kDirKey, QFileInfo(path).absolutePath());
    const FilterImport result = readFilterFile(path);
    if (!result.ok()) {
        QMessageBox::warning(parent, tr("Import Filters"),
                             tr("Nothing was imported.\n\n%1").arg(result.error));
        return {};
    }
    const QStringList names = addSavedFilters(result.filters);
    QMessageBox::information(parent, tr("Import Filters"),
                             tr("Saved %1: %2").arg(names.size()).arg(names.join(", ")));
    return names;
}

void SavedFiltersDialog::exportInteractively(QWidget* parent) {
    const QList<SavedFilter> filters = savedFilters();
    if (filters.isEmpty()) {
        QMessageBox::information(parent, tr("Export Filters"), tr("There are no saved filters."));
        return;
    }
    QSettings settings;
    QString path = QFileDialog::getSaveFileName(parent, tr("Export Filters"),
                                                settings.value(kDirKey).toString() +
                                                    QStringLiteral("/evtxview-filters.json"),
                                                tr("Saved filters (*.json)"));
    if (path.isEmpty()) return;
    settings.setValue(kDirKey, QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(exportSavedFilters(filters)) < 0 ||
        !file.commit())
        QMessageBox::warning(parent, tr("Export Filters"),
                             tr("Cannot write %1: %2").arg(path, file.errorString()));
}

} // namespace evtxui
