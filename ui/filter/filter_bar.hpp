// The line above the table (Ctrl+L): a filter expression or XPath, checked
// as it is typed (green / red, the error and its position beside it), field
// name completion, recent filters, and the running filter's progress.
#pragma once

#include <QStringList>
#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QProgressBar;
class QStringListModel;
class QToolButton;

namespace evtxui {

class FilterBar : public QWidget {
    Q_OBJECT

  public:
    explicit FilterBar(QWidget* parent = nullptr);

    QLineEdit* edit() const { return edit_; }
    QString text() const;
    void setText(const QString& text); // validates, does not apply

    bool isValid() const { return errorPosition_ < 0; }
    int errorPosition() const { return errorPosition_; } // -1 when valid
    QString messageText() const;                         // error, or the last result
    void setResultText(const QString& text);

    // Completion: the System field names plus "Data.NAME" for these names.
    void setDataFieldNames(const QStringList& names);
    QStringList completions() const;
    QCompleter* completer() const { return completer_; }

    void setBusy(bool busy);
    void setProgress(quint64 done, quint64 total);

    // Recent filters (QSettings), newest first.
    static QStringList history();
    static void addToHistory(const QString& text);

  signals:
    void applyRequested(const QString& text);
    void cancelRequested();
    void saveRequested(); // the Save… button: Filters → Save Filter

  private:
    void validate();
    void updateCompletion();
    void insertCompletion(const QString& completion);
    void showHistoryMenu();

    QLineEdit* edit_;
    QLabel* message_;
    QToolButton* history_;
    QProgressBar* progress_;
    QToolButton* cancel_;
    QCompleter* completer_;
    QStringListModel* completionModel_;
    int errorPosition_ = -1;
    QString resultText_;
};

} // namespace evtxui
