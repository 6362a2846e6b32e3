#include "search/search_bar.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QToolButton>

namespace evtxui {

namespace {
const QColor kErrorColor(0xfb, 0xe3, 0xe3);
}

SearchBar::SearchBar(QWidget* parent) : QWidget(parent) {
    edit_ = new QLineEdit(this);
    edit_->setClearButtonEnabled(true);
    edit_->setPlaceholderText(
        tr("Search all fields (Ctrl+F); Enter / F3 next, Shift+Enter / Shift+F3 previous"));
    edit_->installEventFilter(this);
    matchCase_ = makeButton(tr("Aa"), tr("Match case"), true);
    regex_ = makeButton(tr(".*"), tr("Regular expression (RE2 syntax)"), true);
    previous_ = makeButton(tr("▲"), tr("Previous match (Shift+F3)"), false);
    next_ = makeButton(tr("▼"), tr("Next match (F3)"), false);
    filter_ = makeButton(tr("Filter to Matches"),
                         tr("Show only the matching records (within the current filter)"), true);
    counter_ = new QLabel(this);
    counter_->setTextFormat(Qt::PlainText);
    counter_->setMinimumWidth(counter_->fontMetrics().horizontalAdvance("000,000 of 0,000,000"));
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(140);
    progress_->setFormat(tr("Searching %p%"));
    cancel_ = makeButton(tr("Cancel"), tr("Stop searching (the matches found so far stay)"), false);
    close_ = makeButton(tr("✕"), tr("Close the search bar (Escape)"), false);
    progress_->hide();
    cancel_->hide();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 0, 2, 0);
    layout->addWidget(edit_, 1);
    layout->addWidget(matchCase_);
    layout->addWidget(regex_);
    layout->addWidget(previous_);
    layout->addWidget(next_);
    layout->addWidget(counter_);
    layout->addWidget(progress_);
    layout->addWidget(cancel_);
    layout->addWidget(filter_);
    layout->addWidget(close_);

    connect(edit_, &QLineEdit::textChanged, this, &SearchBar::searchChanged);
    connect(matchCase_, &QToolButton::toggled, this, &SearchBar::searchChanged);
    connect(regex_, &QToolButton::toggled, this, &SearchBar::searchChanged);
    connect(previous_, &QToolButton::clicked, this, &SearchBar::previousRequested);
    connect(next_, &QToolButton::clicked, this, &SearchBar::nextRequested);
    connect(filter_, &QToolButton::toggled, this, &SearchBar::filterToMatchesToggled);
    connect(cancel_, &QToolButton::clicked, this, &SearchBar::cancelRequested);
    connect(close_, &QToolButton::clicked, this, [this] {
        hide();
        emit closed();
    });
    hide();
}

QToolButton* SearchBar::makeButton(const QString& text, const QString& toolTip, bool checkable) {
    auto* b = new QToolButton(this);
    b->setText(text);
    b->setToolTip(toolTip);
    b->setCheckable(checkable);
    b->setAutoRaise(true);
    return b;
}

QString SearchBar::text() const {
    return edit_->text();
}
void SearchBar::setText(const QString& text) {
    edit_->setText(text);
}
bool SearchBar::isRegex() const {
    return regex_->isChecked();
}
void SearchBar::setRegex(bool on) {
    regex_->setChecked(on);
}
bool SearchBar::matchCase() const {
    return matchCase_->isChecked();
}
void SearchBar::setMatchCase(bool on) {
    matchCase_->setChecked(on);
}
bool SearchBar::filterToMatches() const {
    return filter_->isChecked();
}
void SearchBar::setFilterToMatches(bool on) {
    filter_->setChecked(on);
}

void SearchBar::setCounterText(const QString& text) {
    if (!hasError_) counter_->setText(text);
}

QString SearchBar::counterText() const {
    return counter_->text();
}

void SearchBar::setError(const QString& message) {
    hasError_ = !message.isEmpty();
    QPalette p;
    if (hasError_) {
        p = edit_->palette();
        p.setColor(QPalette::Base, kErrorColor);
        p.setColor(QPalette::Text, Qt::black);
    }
    edit_->setPalette(p);
    edit_->setToolTip(message);
    counter_->setText(message);
}

void SearchBar::setBusy(bool busy) {
    progress_->setVisible(busy);
    cancel_->setVisible(busy);
    if (busy) progress_->setRange(0, 0);
}

bool SearchBar::isBusy() const {
    return !progress_->isHidden();
}

void SearchBar::setProgress(quint64 done, quint64 total) {
    if (total == 0) return;
    progress_->setRange(0, 1000);
    progress_->setValue(int(done * 1000 / total));
}

void SearchBar::open() {
    show();
    edit_->setFocus(Qt::ShortcutFocusReason);
    edit_->selectAll();
}

bool SearchBar::eventFilter(QObject* watched, QEvent* event) {
    if (watched != edit_) return QWidget::eventFilter(watched, event);
    // Escape belongs to the bar while its field has focus (the window uses
    // it to stop indexing otherwise).
    if (event->type() == QEvent::ShortcutOverride &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        event->accept();
        return true;
    }
    if (event->type() != QEvent::KeyPress) return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (key->modifiers() & Qt::ShiftModifier)
            emit previousRequested();
        else
            emit nextRequested();
        return true;
    case Qt::Key_Escape:
        hide();
        emit closed();
        return true;
    default:
        return QWidget::eventFilter(watched, event);
    }
}

} // namespace evtxui
