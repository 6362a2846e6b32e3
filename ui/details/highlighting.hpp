// Attaches a syntax highlighter for XML or JSON to a text document:
// KSyntaxHighlighting (KF6) when the build found it, else the project's own.
// Call again after a palette change to follow light/dark themes.
#pragma once

#include <QObject>
#include <QPalette>

class QTextDocument;

namespace evtxui {

enum class HighlightLanguage { Xml, Json };

// The highlighter is a child of `document`; a second call re-themes it.
void applyHighlighting(QTextDocument* document, HighlightLanguage language,
                       const QPalette& palette);

// Which implementation is compiled in ("KSyntaxHighlighting" or "built-in").
const char* highlightingBackend();

} // namespace evtxui
