// View → Integrity: the integrity report of a tab's file (what evtxdump
// --check prints, in its words, every item listed): header flags, chunk count and damage,
// records with errors, id gaps and duplicates, time going backwards and
// what recovery finds. Computed in the background with progress; activating
// an item that names a record asks for that record to be selected.
#pragma once

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace evtx {
struct IntegrityReport;
}

namespace evtxui {

class IntegrityJob;
class LogDocument;

class IntegrityDialog : public QDialog {
    Q_OBJECT

  public:
    // Item data: the record id an item names (qulonglong), and the key of a
    // section (evtx::IntegritySection::key: "header", "chunks",
    // "chunkProblems", "records", "recordProblems", "gaps", ..., "verdict").
    static constexpr int RecordIdRole = Qt::UserRole;
    static constexpr int SectionRole = Qt::UserRole + 1;

    explicit IntegrityDialog(LogDocument* document, QWidget* parent = nullptr);
    ~IntegrityDialog() override;

    void check(); // (again) in the background
    IntegrityJob* job() const { return job_; }
    QTreeWidget* tree() const { return tree_; }
    QTreeWidgetItem* section(const QString& key) const;

  signals:
    void recordRequested(quint64 recordId);

  private:
    // The report's sections (evtx::integritySections), every item listed.
    void showReport(const evtx::IntegrityReport& r);
    // One top-level item of the report, bold when it holds a problem.
    QTreeWidgetItem* addSection(const QString& key, const QString& text, bool problem);
    void activated(QTreeWidgetItem* item);

    LogDocument* document_;
    IntegrityJob* job_;
    QLabel* state_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    QPushButton* again_;
    QTreeWidget* tree_;
};

} // namespace evtxui
