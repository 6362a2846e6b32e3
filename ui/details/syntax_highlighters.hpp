// The project's own highlighters for XML and JSON (used where
// KSyntaxHighlighting for Qt 6 is not available), with colours chosen for
// the palette's lightness so that they read well in light and dark themes.
#pragma once

#include <QPalette>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace evtxui {

struct HighlightColors {
    QTextCharFormat tag, attribute, value, text, punctuation, number, keyword, key;
    static HighlightColors forPalette(const QPalette& palette);
};

class XmlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
  public:
    explicit XmlHighlighter(QTextDocument* document);
    void setColors(const HighlightColors& colors);

  protected:
    void highlightBlock(const QString& text) override;

  private:
    HighlightColors colors_;
};

class JsonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
  public:
    explicit JsonHighlighter(QTextDocument* document);
    void setColors(const HighlightColors& colors);

  protected:
    void highlightBlock(const QString& text) override;

  private:
    HighlightColors colors_;
};

} // namespace evtxui
