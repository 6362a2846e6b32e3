// The search line above a tab's table (Ctrl+F): the text or regex, match
// case and regex toggles, previous / next, "filter to matches", the hit
// counter and the running search's progress with Cancel. Hidden until asked
// for; Escape closes it. It only edits and reports: SearchController runs
// the search.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QToolButton;

namespace evtxui {

class SearchBar : public QWidget {
    Q_OBJECT

  public:
    explicit SearchBar(QWidget* parent = nullptr);

    QLineEdit* edit() const { return edit_; }
    QString text() const;
    void setText(const QString& text);
    bool isRegex() const;
    void setRegex(bool on);
    bool matchCase() const;
    void setMatchCase(bool on);
    bool filterToMatches() const;
    void setFilterToMatches(bool on);

    QToolButton* nextButton() const { return next_; }
    QToolButton* previousButton() const { return previous_; }
    QToolButton* filterButton() const { return filter_; }
    QToolButton* cancelButton() const { return cancel_; }

    // "12 of 3,456", "3,456 matches", an error...; shown beside the field.
    void setCounterText(const QString& text);
    QString counterText() const;
    // A bad regex: the field turns red and the message says why.
    void setError(const QString& message);

    void setBusy(bool busy);
    bool isBusy() const;
    void setProgress(quint64 done, quint64 total);

    void open(); // shows, focuses and selects the text

  signals:
    void searchChanged(); // text or a toggle changed (not filter to matches)
    void nextRequested();
    void previousRequested();
    void filterToMatchesToggled(bool on);
    void cancelRequested();
    void closed();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QToolButton* makeButton(const QString& text, const QString& toolTip, bool checkable);

    QLineEdit* edit_;
    QToolButton* matchCase_;
    QToolButton* regex_;
    QToolButton* previous_;
    QToolButton* next_;
    QToolButton* filter_;
    QLabel* counter_;
    QProgressBar* progress_;
    QToolButton* cancel_;
    QToolButton* close_;
    bool hasError_ = false;
};

} // namespace evtxui
