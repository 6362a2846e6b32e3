#include "details/syntax_highlighters.hpp"

namespace evtxui {

namespace {
QTextCharFormat colored(const QColor& c, bool bold = false) {
    QTextCharFormat f;
    f.setForeground(c);
    if (bold) f.setFontWeight(QFont::Bold);
    return f;
}
} // namespace

HighlightColors HighlightColors::forPalette(const QPalette& palette) {
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    HighlightColors c;
    c.tag = colored(dark ? QColor(0x7c, 0xb7, 0xff) : QColor(0x00, 0x3d, 0x99), true);
    c.attribute = colored(dark ? QColor(0xe0, 0xa8, 0x5c) : QColor(0x9a, 0x4c, 0x00));
    c.value = colored(dark ? QColor(0x9c, 0xdc, 0x7c) : QColor(0x1a, 0x7f, 0x1a));
    c.text = colored(palette.color(QPalette::Text));
    c.punctuation = colored(dark ? QColor(0xa0, 0xa0, 0xa0) : QColor(0x60, 0x60, 0x60));
    c.number = colored(dark ? QColor(0xd6, 0x9d, 0xff) : QColor(0x80, 0x1b, 0xa8));
    c.keyword = colored(dark ? QColor(0xff, 0x8a, 0x8a) : QColor(0xb0, 0x1c, 0x1c), true);
    c.key = colored(dark ? QColor(0x7c, 0xb7, 0xff) : QColor(0x00, 0x3d, 0x99));
    return c;
}

XmlHighlighter::XmlHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

void XmlHighlighter::setColors(const HighlightColors& colors) {
    colors_ = colors;
    rehighlight();
}

// One line at a time: the renderer writes each tag on one line, so no
// state needs to cross lines (CDATA sections are plain text here).
void XmlHighlighter::highlightBlock(const QString& text) {
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (text[i] != '<') {
            const qsizetype next = text.indexOf('<', i);
            const qsizetype end = next < 0 ? n : next;
            setFormat(int(i), int(end - i), colors_.text);
            i = end;
            continue;
        }
        const qsizetype close = text.indexOf('>', i);
        const qsizetype end = close < 0 ? n : close + 1;
        // "<name" or "</name" or "<?xml"
        qsizetype j = i + 1;
        while (j < end && (text[j] == '/' || text[j] == '?'))
            ++j;
        qsizetype nameEnd = j;
        while (nameEnd < end && !text[nameEnd].isSpace() && text[nameEnd] != '>' &&
               text[nameEnd] != '/' && text[nameEnd] != '?')
            ++nameEnd;
        setFormat(int(i), int(j - i), colors_.punctuation);
        setFormat(int(j), int(nameEnd - j), colors_.tag);
        // attributes: name="value"
        qsizetype k = nameEnd;
        while (k < end) {
            if (text[k] == '"') {
                const qsizetype q = text.indexOf('"', k + 1);
                const qsizetype qe = q < 0 || q >= end ? end : q + 1;
                setFormat(int(k), int(qe - k), colors_.value);
                k = qe;
            } else if (text[k].isLetter() || text[k] == '_' || text[k] == ':') {
                qsizetype a = k;
                while (a < end && text[a] != '=' && !text[a].isSpace() && text[a] != '>')
                    ++a;
                setFormat(int(k), int(a - k), colors_.attribute);
                k = a;
            } else {
                setFormat(int(k), 1, colors_.punctuation);
                ++k;
            }
        }
        i = end;
    }
}

JsonHighlighter::JsonHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

void JsonHighlighter::setColors(const HighlightColors& colors) {
    colors_ = colors;
    rehighlight();
}

// Strings never span lines in the pretty-printed JSON (newlines are escaped).
void JsonHighlighter::highlightBlock(const QString& text) {
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c == '"') {
            qsizetype j = i + 1;
            while (j < n && text[j] != '"')
                j += text[j] == '\\' ? 2 : 1;
            j = std::min(n, j + 1);
            // A string followed by ':' is a key.
            qsizetype k = j;
            while (k < n && text[k].isSpace())
                ++k;
            setFormat(int(i), int(j - i), k < n && text[k] == ':' ? colors_.key : colors_.value);
            i = j;
        } else if (c.isDigit() || c == '-') {
            qsizetype j = i + 1;
            while (j < n && (text[j].isDigit() || text[j] == '.' || text[j] == 'e' ||
                             text[j] == 'E' || text[j] == '+' || text[j] == '-'))
                ++j;
            setFormat(int(i), int(j - i), colors_.number);
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i;
            while (j < n && text[j].isLetter())
                ++j;
            setFormat(int(i), int(j - i), colors_.keyword); // true, false, null
            i = j;
        } else {
            if (!c.isSpace()) setFormat(int(i), 1, colors_.punctuation);
            ++i;
        }
    }
}

} // namespace evtxui
