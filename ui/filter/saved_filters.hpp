// Saved filters (Filters menu): named query texts kept in QSettings, and
// their files: the project's JSON format, Windows Event Viewer custom views
// (<ViewerConfig>… <QueryList>) and bare QueryList XML.
//
// JSON format (UTF-8), written by Export and read by Import:
//   {"format": "evtxview-saved-filters", "version": 1,
//    "filters": [{"name": "Logons", "syntax": "filter",
//                 "query": "EventID == 4624"}, ...]}
// "syntax" is "filter", "xpath" or "querylist" (query_text.hpp); on import
// it is informational, the query text's own syntax decides.
#pragma once

#include "filter/query_text.hpp"

#include <QByteArray>
#include <QList>
#include <QString>

namespace evtxui {

struct SavedFilter {
    QString name;
    QString query;
    QuerySyntax syntax = QuerySyntax::Filter;

    bool operator==(const SavedFilter&) const = default;
};

QString syntaxName(QuerySyntax syntax); // "filter", "xpath", "querylist"

// A filter named `name` for `query`, its syntax detected.
SavedFilter makeSavedFilter(const QString& name, const QString& query);

// The list in QSettings ("savedFilters"), in the order saved.
QList<SavedFilter> savedFilters();
void setSavedFilters(const QList<SavedFilter>& filters);
// Adds, or replaces the filter of the same name (names ignore case).
void saveFilter(const SavedFilter& filter);
// False (with `error`) when `newName` is empty or taken, or `oldName` unknown.
bool renameSavedFilter(const QString& oldName, const QString& newName, QString& error);
void removeSavedFilter(const QString& name);
// `name`, or "name (2)", "name (3)"... when that is taken.
QString uniqueFilterName(const QString& name, const QList<SavedFilter>& taken);

// The JSON file for `filters`.
QByteArray exportSavedFilters(const QList<SavedFilter>& filters);

// Reads a file of filters: our JSON, an Event Viewer custom view, or a
// QueryList. Every query is checked with the viewer's parser; any failure
// fails the whole file with `error` saying what and where. `fileName`
// names the filter of a bare QueryList (its base name) and the error.
struct FilterImport {
    QList<SavedFilter> filters;
    QString error; // empty on success
    bool ok() const { return error.isEmpty(); }
};
FilterImport parseFilterFile(const QByteArray& data, const QString& fileName);
FilterImport readFilterFile(const QString& path);

// Adds imported filters to the saved ones (renaming on clashes); returns
// the names they were saved under.
QStringList addSavedFilters(const QList<SavedFilter>& filters);

} // namespace evtxui
