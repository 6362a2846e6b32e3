#include "filter/filter_bar.hpp"

#include "filter/query_text.hpp"

#include "evtx/query/query_ast.hpp"
#include "evtx/render/data_field_name.hpp"

#include <QAbstractItemView>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QSettings>
#include <QStringListModel>
#include <QToolButton>

#include <algorithm>

namespace evtxui {

namespace {
const QString kHistoryKey = QStringLiteral("filter/history");
constexpr int kHistoryLength = 20;
const QColor kValidColor(0xe6, 0xf7, 0xe6);
const QColor kInvalidColor(0xfb, 0xe3, 0xe3);

bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.');
}
} // namespace

FilterBar::FilterBar(QWidget* parent) : QWidget(parent) {
    edit_ = new QLineEdit(this);
    edit_->setClearButtonEnabled(true);
    edit_->setPlaceholderText(tr("Filter (Ctrl+L): EventID == 4624 and Data.LogonType in (2, 10)"
                                 ", or XPath *[System[EventID=4624]]; Enter applies"));
    message_ = new QLabel(this);
    message_->setTextFormat(Qt::PlainText);
    history_ = new QToolButton(this);
    history_->setText(tr("Recent"));
    history_->setToolTip(tr("Recent filters"));
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(160);
    progress_->setFormat(tr("Filtering %p%"));
    cancel_ = new QToolButton(this);
    cancel_->setText(tr("Cancel"));
    progress_->hide();
    cancel_->hide();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 0, 2, 0);
    layout->addWidget(edit_, 1);
    layout->addWidget(message_);
    layout->addWidget(progress_);
    layout->addWidget(cancel_);
    layout->addWidget(history_);
    auto* save = new QToolButton(this);
    save->setText(tr("Save…"));
    save->setToolTip(tr("Save this filter under a name (Filters menu, Ctrl+Shift+S)"));
    layout->addWidget(save);
    connect(save, &QToolButton::clicked, this, &FilterBar::saveRequested);

    completionModel_ = new QStringListModel(this);
    completer_ = new QCompleter(completionModel_, this);
    completer_->setCaseSensitivity(Qt::CaseInsensitive);
    completer_->setCompletionMode(QCompleter::PopupCompletion);
    completer_->setWidget(edit_); // word completion: we insert the chosen word
    setDataFieldNames({});

    connect(edit_, &QLineEdit::textChanged, this, &FilterBar::validate);
    connect(edit_, &QLineEdit::textEdited, this, &FilterBar::updateCompletion);
    connect(completer_, qOverload<const QString&>(&QCompleter::activated), this,
            &FilterBar::insertCompletion);
    connect(edit_, &QLineEdit::returnPressed, this, [this] {
        if (completer_->popup()->isVisible()) return;
        if (isValid()) emit applyRequested(text());
    });
    connect(history_, &QToolButton::clicked, this, &FilterBar::showHistoryMenu);
    connect(cancel_, &QToolButton::clicked, this, &FilterBar::cancelRequested);
    validate();
}

QString FilterBar::text() const {
    return edit_->text().trimmed();
}

void FilterBar::setText(const QString& text) {
    edit_->setText(text);
}

QString FilterBar::messageText() const {
    return message_->text();
}

void FilterBar::setResultText(const QString& text) {
    resultText_ = text;
    if (isValid()) message_->setText(text);
}

void FilterBar::validate() {
    evtx::QueryError error;
    const bool ok = parseFilterText(edit_->text(), error).has_value();
    errorPosition_ = ok ? -1 : int(error.position);
    QPalette p = edit_->palette();
    if (edit_->text().trimmed().isEmpty())
        p = QPalette();
    else
        p.setColor(QPalette::Base, ok ? kValidColor : kInvalidColor);
    p.setColor(QPalette::Text, Qt::black);
    edit_->setPalette(edit_->text().trimmed().isEmpty() ? QPalette() : p);
    if (ok) {
        message_->setText(resultText_);
        edit_->setToolTip({});
        return;
    }
    const QString where = QString::fromStdString(error.toString());
    message_->setText(where);
    // The text with a caret under the error, as evtxdump prints it.
    edit_->setToolTip(QStringLiteral("<pre>%1\n%2^\n%3</pre>")
                          .arg(edit_->text().toHtmlEscaped(), QString(errorPosition_, ' '),
                               where.toHtmlEscaped()));
}

void FilterBar::setDataFieldNames(const QStringList& names) {
    QStringList words;
    for (std::string_view f : evtx::queryFieldNames())
        words << QString::fromUtf8(f.data(), qsizetype(f.size()));
    // Data.TargetUserName; an unnamed value bare, as the language takes it: Data[2].
    for (const QString& n : names)
        words << (evtx::isUnnamedDataName(n.toStdString()) ? n : QStringLiteral("Data.") + n);
    words << QStringLiteral("contains") << QStringLiteral("in") << QStringLiteral("and")
          << QStringLiteral("or") << QStringLiteral("not") << QStringLiteral("now");
    words.removeDuplicates();
    words.sort(Qt::CaseInsensitive);
    completionModel_->setStringList(words);
}

QStringList FilterBar::completions() const {
    return completionModel_->stringList();
}

void FilterBar::updateCompletion() {
    const QString t = edit_->text();
    const int end = edit_->cursorPosition();
    int start = end;
    while (start > 0 && isWordChar(t[start - 1]))
        --start;
    const QString word = t.mid(start, end - start);
    if (word.isEmpty() || detectQuerySyntax(t) != QuerySyntax::Filter) {
        completer_->popup()->hide();
        return;
    }
    completer_->setCompletionPrefix(word);
    if (completer_->completionCount() == 0 ||
        (completer_->completionCount() == 1 &&
         completer_->currentCompletion().compare(word, Qt::CaseInsensitive) == 0)) {
        completer_->popup()->hide();
        return;
    }
    // The popup starts under the word (cursorRect() is protected).
    const int x = edit_->fontMetrics().horizontalAdvance(t.left(start)) + 4;
    QRect r(std::min(x, edit_->width() - 40), 0, completer_->popup()->sizeHintForColumn(0) + 24,
            edit_->height());
    completer_->complete(r);
}

void FilterBar::insertCompletion(const QString& completion) {
    QString t = edit_->text();
    const int end = edit_->cursorPosition();
    int start = end;
    while (start > 0 && isWordChar(t[start - 1]))
        --start;
    t.replace(start, end - start, completion);
    edit_->setText(t);
    edit_->setCursorPosition(start + int(completion.size()));
}

void FilterBar::setBusy(bool busy) {
    progress_->setVisible(busy);
    cancel_->setVisible(busy);
    if (busy) progress_->setRange(0, 0);
}

void FilterBar::setProgress(quint64 done, quint64 total) {
    if (total == 0) return;
    progress_->setRange(0, 1000);
    progress_->setValue(int(done * 1000 / total));
}

QStringList FilterBar::history() {
    return QSettings().value(kHistoryKey).toStringList();
}

void FilterBar::addToHistory(const QString& text) {
    if (text.trimmed().isEmpty()) return;
    QStringList h = history();
    h.removeAll(text);
    h.prepend(text);
    while (h.size() > kHistoryLength)
        h.removeLast();
    QSettings().setValue(kHistoryKey, h);
}

void FilterBar::showHistoryMenu() {
    QMenu menu(this);
    const QStringList h = history();
    for (const QString& f : h)
        menu.addAction(f, this, [this, f] {
            setText(f);
            if (isValid()) emit applyRequested(f);
        });
    if (h.isEmpty()) menu.addAction(tr("(none)"))->setEnabled(false);
    menu.addSeparator();
    menu.addAction(tr("Clear List"), this, [] { QSettings().remove(kHistoryKey); });
    menu.exec(history_->mapToGlobal(QPoint(0, history_->height())));
}

} // namespace evtxui
