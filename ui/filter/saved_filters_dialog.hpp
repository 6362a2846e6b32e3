// Filters → Manage Saved Filters: the saved filters with their query text;
// apply one to the current tab, rename, delete, import and export files.
#pragma once

#include <QDialog>

class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace evtxui {

class SavedFiltersDialog : public QDialog {
    Q_OBJECT

  public:
    explicit SavedFiltersDialog(QWidget* parent = nullptr);

    QListWidget* list() const { return list_; }
    void reload(); // from QSettings
    QString currentName() const;

    // Asks for a name and renames / deletes the current filter.
    void renameCurrent();
    void deleteCurrent();

    // File dialogs for import and export, with messages; shared with the
    // Filters menu. Import returns the names the filters were saved under.
    static QStringList importInteractively(QWidget* parent);
    static void exportInteractively(QWidget* parent);

  signals:
    void applyRequested(const QString& query);

  private:
    void currentChanged();

    QListWidget* list_;
    QPlainTextEdit* query_;
    QPushButton* apply_;
    QPushButton* rename_;
    QPushButton* delete_;
};

} // namespace evtxui
