#include "integrity/integrity_dialog.hpp"

#include "document/log_document.hpp"
#include "evtx/check/integrity_sections.hpp"
#include "integrity/integrity_job.hpp"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <optional>

namespace evtxui {

namespace {

QTreeWidgetItem* addItem(QTreeWidgetItem* parent, const QString& text,
                         std::optional<uint64_t> recordId = std::nullopt) {
    auto* item = new QTreeWidgetItem(parent, {text});
    item->setToolTip(0, text);
    if (recordId) item->setData(0, IntegrityDialog::RecordIdRole, qulonglong(*recordId));
    return item;
}

} // namespace

IntegrityDialog::IntegrityDialog(LogDocument* document, QWidget* parent)
    : QDialog(parent), document_(document), job_(new IntegrityJob(document, this)) {
    setWindowTitle(tr("Integrity of %1").arg(document->fileName()));
    resize(760, 560);
    state_ = new QLabel(this);
    state_->setWordWrap(true);
    progress_ = new QProgressBar(this);
    progress_->setFormat(tr("Checking %v/%m chunks"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    tree_ = new QTreeWidget(this);
    tree_->setHeaderHidden(true);
    tree_->setUniformRowHeights(true);
    tree_->header()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    again_ = buttons->addButton(tr("Check Again"), QDialogButtonBox::ActionRole);

    auto* top = new QHBoxLayout;
    top->addWidget(state_, 1);
    top->addWidget(progress_);
    top->addWidget(cancel_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(tree_, 1);
    layout->addWidget(
        new QLabel(tr("Activate an item that names a record to select it in the table."), this));
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(again_, &QPushButton::clicked, this, &IntegrityDialog::check);
    connect(cancel_, &QPushButton::clicked, job_, &IntegrityJob::cancel);
    connect(job_, &IntegrityJob::progress, this, [this](quint64 done, quint64 total) {
        progress_->setMaximum(int(std::min<quint64>(total, INT_MAX)));
        progress_->setValue(int(std::min<quint64>(done, INT_MAX)));
    });
    connect(job_, &IntegrityJob::finished, this, [this](bool cancelled) {
        progress_->hide();
        cancel_->hide();
        again_->setEnabled(true);
        if (cancelled) {
            state_->setText(tr("Check cancelled."));
            return;
        }
        showReport(job_->report());
    });
    connect(tree_, &QTreeWidget::itemActivated, this, &IntegrityDialog::activated);
    connect(tree_, &QTreeWidget::itemClicked, this, &IntegrityDialog::activated);
}

IntegrityDialog::~IntegrityDialog() = default;

void IntegrityDialog::check() {
    tree_->clear();
    state_->setText(tr("Checking %1…").arg(document_->fileName()));
    progress_->setValue(0);
    progress_->show();
    cancel_->show();
    again_->setEnabled(false);
    job_->start();
}

QTreeWidgetItem* IntegrityDialog::section(const QString& key) const {
    for (int i = 0; i < tree_->topLevelItemCount(); ++i)
        if (tree_->topLevelItem(i)->data(0, SectionRole).toString() == key)
            return tree_->topLevelItem(i);
    return nullptr;
}

void IntegrityDialog::activated(QTreeWidgetItem* item) {
    const QVariant id = item ? item->data(0, RecordIdRole) : QVariant();
    if (id.isValid()) emit recordRequested(id.toULongLong());
}

QTreeWidgetItem* IntegrityDialog::addSection(const QString& key, const QString& text,
                                             bool problem) {
    auto* item = new QTreeWidgetItem(tree_, {text});
    item->setData(0, SectionRole, key);
    item->setToolTip(0, text);
    QFont f = item->font(0);
    f.setBold(problem);
    item->setFont(0, f);
    return item;
}

void IntegrityDialog::showReport(const evtx::IntegrityReport& r) {
    tree_->clear();
    state_->setText(r.clean() ? tr("No problems found in %1.").arg(document_->fileName())
                              : tr("Problems found in %1.").arg(document_->fileName()));
    // The engine's wording, so the dialog says what evtxdump --check says.
    for (const evtx::IntegritySection& s : evtx::integritySections(r)) {
        QString heading = QString::fromStdString(s.heading);
        heading[0] = heading[0].toUpper(); // a heading of its own, not a line of text
        QTreeWidgetItem* item = addSection(QString::fromStdString(s.key), heading, s.problem);
        for (const evtx::IntegrityLine& line : s.lines)
            addItem(item, QString::fromStdString(line.text), line.recordId);
        if (s.key == "recovered")
            addItem(item, document_->includesRecovered()
                              ? tr("This tab shows them (File → Show Recovered Records).")
                              : tr("File → Show Recovered Records shows them in this tab."));
    }
    for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* s = tree_->topLevelItem(i);
        s->setExpanded(s->childCount() > 0 && s->childCount() <= 200);
    }
}

} // namespace evtxui
