// Marks search matches in the detail pane's views with extra selections
// (QTextEdit::ExtraSelection: drawn over the text, so the syntax
// highlighters' formats stay) and item backgrounds in the Fields table.
#pragma once

#include "evtx/query/text_search.hpp"

#include <QByteArray>

class QPlainTextEdit;
class QTableWidget;

namespace evtxui {

// The JSON tab: the matches in the record's compact JSON (the text that was
// searched), shown at their places in the view's indented copy of it, so
// that a match spanning tokens ("EventID":4624) is marked too. Returns the
// number of matches; a null pattern clears.
int highlightJsonMatches(QPlainTextEdit* view, const QByteArray& compactJson,
                         const evtx::TextSearchPattern* pattern);

// The XML tab: the pattern applied to the XML the view shows.
int highlightXmlMatches(QPlainTextEdit* view, const evtx::TextSearchPattern* pattern);

// The Fields tab: rows whose field name or value contains a match.
int highlightFieldMatches(QTableWidget* fields, const evtx::TextSearchPattern* pattern);

// Maps compact-JSON byte offsets to the offsets of the same bytes in its
// indented form (json_pretty only inserts whitespace outside strings).
std::vector<size_t> compactToPrettyOffsets(const QByteArray& compact, const QByteArray& pretty);

} // namespace evtxui
