#include "app/skipped_files_dialog.hpp"

#include "app/log_discovery.hpp"
#include "common/counted.hpp"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace evtxui {

SkippedFilesDialog::SkippedFilesDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Files Not Opened"));
    setModal(false);
    heading_ = new QLabel(this);
    heading_->setWordWrap(true);
    list_ = new QTreeWidget(this);
    list_->setColumnCount(2);
    list_->setHeaderLabels({tr("File"), tr("Reason")});
    list_->setRootIsDecorated(false);
    list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    list_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    list_->header()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading_);
    layout->addWidget(list_, 1);
    layout->addWidget(buttons);
    resize(760, 360);
}

void SkippedFilesDialog::setSkipped(const QStringList& folders,
                                    const std::vector<evtx::CaseFileNote>& skipped) {
    QStringList shown;
    for (const QString& f : folders)
        shown << QDir::toNativeSeparators(QDir::cleanPath(f));
    heading_->setText(tr("%1 in %2 could not be opened as event logs:")
                          .arg(counted(qint64(skipped.size()), "file", "files"),
                               shown.join(QStringLiteral(", "))));
    list_->clear();
    for (const evtx::CaseFileNote& note : skipped) {
        const QString path = QDir::toNativeSeparators(discoveredPath(note.path));
        auto* item = new QTreeWidgetItem(list_, {path, QString::fromStdString(note.reason)});
        item->setToolTip(0, path);
    }
    list_->resizeColumnToContents(0);
}

} // namespace evtxui
