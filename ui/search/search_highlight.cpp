#include "search/search_highlight.hpp"

#include <QPlainTextEdit>
#include <QTableWidget>
#include <QTextBlock>

namespace evtxui {

namespace {

// Enough to mark every match of any real record; a regex like "." on a
// huge record stops here instead of making thousands of selections.
constexpr size_t kMaxMarks = 5000;

QTextCharFormat matchFormat() {
    QTextCharFormat f;
    // Fixed colours: readable on light and dark palettes alike.
    f.setBackground(QColor(0xff, 0xd8, 0x4d));
    f.setForeground(Qt::black);
    return f;
}

// The UTF-16 position of each UTF-8 byte offset of `utf8` (size + 1 entries).
std::vector<int> utf16Positions(const QByteArray& utf8) {
    std::vector<int> pos(size_t(utf8.size()) + 1);
    int u = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        pos[size_t(i)] = u;
        const auto c = static_cast<unsigned char>(utf8[i]);
        if ((c & 0xC0) != 0x80) u += c >= 0xF0 ? 2 : 1; // 4-byte sequences: a surrogate pair
    }
    pos.back() = u;
    return pos;
}

// The view's text with one character per document position (block
// separators as '\n'), as UTF-8.
QByteArray viewText(const QPlainTextEdit* view) {
    QString raw = view->document()->toRawText();
    raw.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    return raw.toUtf8();
}

void select(QPlainTextEdit* view, const QByteArray& text,
            const std::vector<std::pair<size_t, size_t>>& byteRanges) {
    QList<QTextEdit::ExtraSelection> marks;
    const std::vector<int> pos = utf16Positions(text);
    const QTextCharFormat format = matchFormat();
    for (size_t i = 0; i < byteRanges.size() && i < kMaxMarks; ++i) {
        QTextCursor c(view->document());
        c.setPosition(pos[byteRanges[i].first]);
        c.setPosition(pos[byteRanges[i].second], QTextCursor::KeepAnchor);
        marks << QTextEdit::ExtraSelection{c, format};
    }
    view->setExtraSelections(marks);
    if (!marks.isEmpty()) {
        // The first match in view (it is often far down a long record).
        QTextCursor at = marks.first().cursor;
        at.setPosition(at.selectionStart());
        view->setTextCursor(at);
        view->ensureCursorVisible();
    }
}

} // namespace

std::vector<size_t> compactToPrettyOffsets(const QByteArray& compact, const QByteArray& pretty) {
    // Inside strings both texts are the same bytes; outside, the pretty one
    // only adds whitespace, which is never a byte the compact text has
    // there. So each compact byte is the next equal byte of the pretty text.
    std::vector<size_t> map(size_t(compact.size()) + 1);
    qsizetype j = 0;
    for (qsizetype i = 0; i < compact.size(); ++i) {
        while (j < pretty.size() && pretty[j] != compact[i])
            ++j;
        map[size_t(i)] = size_t(j);
        if (j < pretty.size()) ++j;
    }
    map.back() = size_t(j);
    return map;
}

int highlightJsonMatches(QPlainTextEdit* view, const QByteArray& compactJson,
                         const evtx::TextSearchPattern* pattern) {
    if (!pattern || compactJson.isEmpty()) {
        view->setExtraSelections({});
        return 0;
    }
    QByteArray compact = compactJson;
    if (compact.endsWith('\n')) compact.chop(1);
    const auto found = pattern->findAll(
        std::string_view(compact.constData(), size_t(compact.size())), evtx::SearchedText::Json);
    const QByteArray pretty = viewText(view);
    const std::vector<size_t> map = compactToPrettyOffsets(compact, pretty);
    std::vector<std::pair<size_t, size_t>> ranges;
    ranges.reserve(found.size());
    for (const auto& [begin, end] : found) // end: just after the last matched byte
        ranges.emplace_back(map[begin], std::min(size_t(pretty.size()), map[end - 1] + 1));
    select(view, pretty, ranges);
    return int(found.size());
}

int highlightXmlMatches(QPlainTextEdit* view, const evtx::TextSearchPattern* pattern) {
    if (!pattern) {
        view->setExtraSelections({});
        return 0;
    }
    const QByteArray text = viewText(view);
    const auto found = pattern->findAll(std::string_view(text.constData(), size_t(text.size())),
                                        evtx::SearchedText::Xml);
    select(view, text, found);
    return int(found.size());
}

int highlightFieldMatches(QTableWidget* fields, const evtx::TextSearchPattern* pattern) {
    int rows = 0;
    const QTextCharFormat format = matchFormat();
    for (int r = 0; r < fields->rowCount(); ++r) {
        bool hit = false;
        for (int c = 0; c < 2 && pattern && !hit; ++c) {
            const QTableWidgetItem* item = fields->item(r, c);
            if (!item) continue;
            const QByteArray text = item->text().toUtf8();
            hit = pattern->found(std::string_view(text.constData(), size_t(text.size())),
                                 evtx::SearchedText::Plain);
        }
        if (hit && rows++ == 0)
            fields->scrollToItem(fields->item(r, 0) ? fields->item(r, 0) : fields->item(r, 1));
        for (int c = 0; c < 2; ++c) {
            if (QTableWidgetItem* item = fields->item(r, c)) {
                item->setBackground(hit ? format.background() : QBrush());
                item->setForeground(hit ? format.foreground() : QBrush());
            }
        }
    }
    return rows;
}

} // namespace evtxui
