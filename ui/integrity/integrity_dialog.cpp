#include "integrity/integrity_dialog.hpp"

#include "common/counted.hpp"
#include "common/time_format.hpp"
#include "document/log_document.hpp"
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

QString hexOffset(uint64_t v) {
    return QStringLiteral("0x") + QString::number(v, 16);
}

QString idRange(uint64_t first, uint64_t last) {
    return first == last ? QString::number(first) : QStringLiteral("%1..%2").arg(first).arg(last);
}

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
    if (!r.headerValid) {
        addSection(QStringLiteral("header"),
                   tr("File header: unreadable: %1").arg(QString::fromStdString(r.headerError)),
                   true);
        addSection(QStringLiteral("verdict"), tr("Verdict: problems found"), true);
        return;
    }
    showHeader(r);
    showChunks(r);
    showRecords(r);
    showIds(r);
    showTimeSteps(r, false);
    showTimeSteps(r, true);
    showRecovery(r);
    addSection(QStringLiteral("verdict"),
               r.clean() ? tr("Verdict: no problems found") : tr("Verdict: problems found"),
               !r.clean());
    for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* s = tree_->topLevelItem(i);
        s->setExpanded(s->childCount() > 0 && s->childCount() <= 200);
    }
}

void IntegrityDialog::showHeader(const evtx::IntegrityReport& r) {
    const QString yes = tr("yes"), no = tr("no");
    QTreeWidgetItem* header = addSection(QStringLiteral("header"),
                                         tr("File header: version %1.%2, flags 0x%3")
                                             .arg(r.majorVersion)
                                             .arg(r.minorVersion)
                                             .arg(r.flags, 0, 16),
                                         r.dirty || !r.headerCrcOk);
    addItem(header, tr("Checksum: %1").arg(r.headerCrcOk ? tr("ok") : tr("MISMATCH")));
    addItem(header, tr("Dirty (not closed cleanly): %1").arg(r.dirty ? yes : no));
    addItem(header, tr("Full: %1").arg(r.full ? yes : no));
    addItem(header, tr("Next record id: %1").arg(r.headerNextRecordId));
}

void IntegrityDialog::showChunks(const evtx::IntegrityReport& r) {
    QTreeWidgetItem* chunks = addSection(
        QStringLiteral("chunks"),
        tr("Chunks: %1 in the header, %2 in the file (%3 with a chunk magic, %4 empty)%5; %6")
            .arg(r.headerChunkCount)
            .arg(r.chunkBlocks)
            .arg(r.chunksWithMagic)
            .arg(r.emptyChunks)
            .arg(r.chunkCountMatches() ? QString() : tr(" — MISMATCH"))
            .arg(counted(qint64(r.chunkIssues.size()), "problem", "problems")),
        !r.chunkCountMatches() || !r.chunkIssues.empty());
    for (const auto& c : r.chunkIssues)
        addItem(chunks, tr("chunk %1 (file offset %2): %3")
                            .arg(c.chunk)
                            .arg(hexOffset(c.fileOffset), QString::fromStdString(c.problem)));
}

void IntegrityDialog::showRecords(const evtx::IntegrityReport& r) {
    QString title = tr("Records: %1").arg(r.records);
    if (r.firstRecordId) title += tr(", ids %1").arg(idRange(*r.firstRecordId, *r.lastRecordId));
    QTreeWidgetItem* records = addSection(QStringLiteral("records"),
                                          title + tr("; %1 with errors").arg(r.recordIssues.size()),
                                          !r.recordIssues.empty());
    for (const auto& e : r.recordIssues) {
        QString where = tr("chunk %1, ").arg(e.chunk);
        if (e.recordId) where += tr("record %1 ").arg(*e.recordId);
        addItem(records,
                where + tr("(file offset %1): %2")
                            .arg(hexOffset(e.fileOffset), QString::fromStdString(e.reason)),
                e.recordId);
    }
}

void IntegrityDialog::showIds(const evtx::IntegrityReport& r) {
    QTreeWidgetItem* gaps =
        addSection(QStringLiteral("gaps"),
                   tr("Record id gaps: %1 (%2 ids missing)").arg(r.idGaps.size()).arg(r.missingIds),
                   !r.idGaps.empty());
    for (const auto& g : r.idGaps)
        addItem(
            gaps,
            tr("missing %1 (%2), after record %3")
                .arg(idRange(g.first, g.last), counted(qint64(g.last - g.first + 1), "id", "ids"))
                .arg(g.first - 1),
            g.first - 1); // the record before the gap
    QTreeWidgetItem* dups = addSection(QStringLiteral("duplicates"),
                                       tr("Duplicate record ids: %1").arg(r.duplicateIds.size()),
                                       !r.duplicateIds.empty());
    for (const auto& d : r.duplicateIds)
        addItem(dups, tr("record %1 (%2 times)").arg(d.id).arg(d.count), d.id);
}

void IntegrityDialog::showTimeSteps(const evtx::IntegrityReport& r, bool created) {
    const auto& steps = created ? r.createdTimeBackwards : r.writtenTimeBackwards;
    const QString key =
        created ? QStringLiteral("createdBackwards") : QStringLiteral("writtenBackwards");
    const QString title =
        created ? tr("TimeCreated going backwards: %1") : tr("Written time going backwards: %1");
    QTreeWidgetItem* s = addSection(key, title.arg(steps.size()), !steps.empty());
    for (const auto& t : steps)
        addItem(s,
                tr("record %1 at %2, after record %3 at %4")
                    .arg(t.recordId)
                    .arg(formatEventTime(t.time, TimeZoneMode::Utc, true))
                    .arg(t.previousRecordId)
                    .arg(formatEventTime(t.previousTime, TimeZoneMode::Utc, true)),
                t.recordId);
}

void IntegrityDialog::showRecovery(const evtx::IntegrityReport& r) {
    QTreeWidgetItem* recovered = addSection(QStringLiteral("recovered"),
                                            tr("Recovered records: %1").arg(r.recovered), false);
    addItem(recovered, tr("from slack space: %1").arg(r.recoveredFromSlack));
    addItem(recovered, tr("from damaged chunks: %1").arg(r.recoveredFromDamagedChunks));
    addItem(recovered,
            tr("partial, with a lost template (raw values): %1").arg(r.recoveredTemplateLost));
    addItem(recovered, tr("with ids no live record has: %1").arg(r.recoveredNewIds));
    addItem(recovered,
            tr("with the id of a live record and other content: %1").arg(r.recoveredConflicts));
    addItem(recovered, document_->includesRecovered()
                           ? tr("This tab shows them (File → Show Recovered Records).")
                           : tr("File → Show Recovered Records shows them in this tab."));
    addItem(recovered,
            tr("carved copies of live records, not shown again: %1").arg(r.carvedCopies));
    QTreeWidgetItem* rejected =
        addSection(QStringLiteral("carveRejected"),
                   tr("Carved candidates that are not plausible events (not shown): %1")
                       .arg(r.carveRejections.size()),
                   false);
    for (const auto& c : r.carveRejections)
        addItem(rejected, tr("chunk %1, record %2 (file offset %3): %4")
                              .arg(c.chunk)
                              .arg(c.recordId)
                              .arg(hexOffset(c.fileOffset), QString::fromStdString(c.reason)));
}

} // namespace evtxui
