#include "filter/saved_filters.hpp"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStringList>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace evtxui {

namespace {
const QString kSettingsKey = QStringLiteral("savedFilters");
const QString kFormat = QStringLiteral("evtxview-saved-filters");
constexpr int kVersion = 1;

int indexOfName(const QList<SavedFilter>& filters, const QString& name) {
    for (qsizetype i = 0; i < filters.size(); ++i)
        if (filters[i].name.compare(name, Qt::CaseInsensitive) == 0) return int(i);
    return -1;
}

// Checks that `query` parses as the filter bar would parse it.
QString queryError(const QString& query) {
    evtx::QueryError error;
    if (parseFilterText(query, error)) return {};
    return QStringLiteral("at %1: %2")
        .arg(error.position)
        .arg(QString::fromStdString(error.message));
}

FilterImport failure(const QString& fileName, const QString& why) {
    FilterImport r;
    r.error = QStringLiteral("%1: %2").arg(fileName, why);
    return r;
}

FilterImport parseJson(const QByteArray& data, const QString& fileName) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(fileName, QStringLiteral("not valid JSON (at byte %1: %2)")
                                     .arg(parseError.offset)
                                     .arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QStringLiteral("format")).toString() != kFormat)
        return failure(fileName, QStringLiteral("not a saved-filters file (expected a JSON "
                                                "object with \"format\": \"%1\")")
                                     .arg(kFormat));
    const int version = root.value(QStringLiteral("version")).toInt(0);
    if (version < 1 || version > kVersion)
        return failure(fileName,
                       QStringLiteral("unsupported version %1 (this viewer reads version %2)")
                           .arg(root.value(QStringLiteral("version")).toVariant().toString())
                           .arg(kVersion));
    const QJsonValue list = root.value(QStringLiteral("filters"));
    if (!list.isArray()) return failure(fileName, QStringLiteral("\"filters\" is not an array"));
    FilterImport r;
    const QJsonArray items = list.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items[i].toObject();
        const QString name = item.value(QStringLiteral("name")).toString().trimmed();
        const QJsonValue query = item.value(QStringLiteral("query"));
        if (name.isEmpty() || !query.isString())
            return failure(fileName, QStringLiteral("filter %1 needs a \"name\" and a \"query\" "
                                                    "text")
                                         .arg(i + 1));
        if (const QString e = queryError(query.toString()); !e.isEmpty())
            return failure(fileName, QStringLiteral("filter \"%1\": %2").arg(name, e));
        r.filters.push_back(makeSavedFilter(name, query.toString()));
    }
    return r;
}

// Writes the element the reader is on (a <QueryList>) and everything in it
// as compact XML: the filter bar is one line, and whitespace between
// elements and inside XPath text means nothing.
QString copyElement(QXmlStreamReader& xml) {
    QString out;
    QXmlStreamWriter w(&out);
    int depth = 0;
    do {
        if (xml.isStartElement()) {
            w.writeStartElement(xml.qualifiedName().toString());
            w.writeAttributes(xml.attributes());
            ++depth;
        } else if (xml.isEndElement()) {
            w.writeEndElement();
            --depth;
        } else if (xml.isCharacters() && !xml.isWhitespace()) {
            QString text = xml.text().toString();
            text.replace(QLatin1Char('\r'), QLatin1Char(' '));
            text.replace(QLatin1Char('\n'), QLatin1Char(' '));
            text.replace(QLatin1Char('\t'), QLatin1Char(' '));
            w.writeCharacters(text.trimmed());
        }
        if (depth == 0) break;
        xml.readNext();
    } while (!xml.atEnd() && !xml.hasError());
    return out;
}

FilterImport parseXml(const QByteArray& data, const QString& fileName) {
    QXmlStreamReader xml(data);
    QStringList path; // open element names
    QString root, nodeName;
    FilterImport r;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.hasError()) break;
        if (xml.isStartElement()) {
            const QString name = xml.name().toString();
            if (path.isEmpty()) {
                root = name;
                if (root != QLatin1String("ViewerConfig") && root != QLatin1String("QueryList"))
                    return failure(fileName,
                                   QStringLiteral("expected <ViewerConfig> (an Event Viewer "
                                                  "custom view) or <QueryList>, found <%1>")
                                       .arg(name));
            }
            if (name == QLatin1String("QueryNode")) nodeName.clear();
            if (name == QLatin1String("Name") && !path.isEmpty() &&
                path.last() == QLatin1String("QueryNode")) {
                nodeName = xml.readElementText().trimmed();
                continue; // readElementText consumed the end element
            }
            if (name == QLatin1String("QueryList")) {
                const qint64 line = xml.lineNumber();
                const QString query = copyElement(xml);
                if (xml.hasError()) break;
                QString filterName = nodeName;
                if (filterName.isEmpty()) filterName = QFileInfo(fileName).completeBaseName();
                if (r.filters.size() > 0 && nodeName.isEmpty())
                    filterName = uniqueFilterName(filterName, r.filters);
                if (const QString e = queryError(query); !e.isEmpty())
                    return failure(fileName, QStringLiteral("the <QueryList> at line %1 does not "
                                                            "parse: %2")
                                                 .arg(line)
                                                 .arg(e));
                r.filters.push_back(makeSavedFilter(filterName, query));
                continue; // copyElement stopped on its end element
            }
            path.push_back(name);
        } else if (xml.isEndElement()) {
            if (!path.isEmpty()) path.pop_back();
        }
    }
    if (xml.hasError())
        return failure(fileName, QStringLiteral("not well-formed XML (line %1, column %2: %3)")
                                     .arg(xml.lineNumber())
                                     .arg(xml.columnNumber())
                                     .arg(xml.errorString()));
    if (r.filters.isEmpty())
        return failure(fileName, root.isEmpty()
                                     ? QStringLiteral("no XML element found")
                                     : QStringLiteral("no <QueryList> in this custom view"));
    return r;
}

} // namespace

QString syntaxName(QuerySyntax syntax) {
    switch (syntax) {
    case QuerySyntax::XPath:
        return QStringLiteral("xpath");
    case QuerySyntax::QueryList:
        return QStringLiteral("querylist");
    case QuerySyntax::Filter:
        break;
    }
    return QStringLiteral("filter");
}

SavedFilter makeSavedFilter(const QString& name, const QString& query) {
    return SavedFilter{name, query, detectQuerySyntax(query)};
}

QList<SavedFilter> savedFilters() {
    QSettings settings;
    QList<SavedFilter> out;
    const int n = settings.beginReadArray(kSettingsKey);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        out.push_back(makeSavedFilter(settings.value(QStringLiteral("name")).toString(),
                                      settings.value(QStringLiteral("query")).toString()));
    }
    settings.endArray();
    return out;
}

void setSavedFilters(const QList<SavedFilter>& filters) {
    QSettings settings;
    settings.remove(kSettingsKey);
    settings.beginWriteArray(kSettingsKey, int(filters.size()));
    for (qsizetype i = 0; i < filters.size(); ++i) {
        settings.setArrayIndex(int(i));
        settings.setValue(QStringLiteral("name"), filters[i].name);
        settings.setValue(QStringLiteral("query"), filters[i].query);
    }
    settings.endArray();
}

void saveFilter(const SavedFilter& filter) {
    QList<SavedFilter> all = savedFilters();
    const int i = indexOfName(all, filter.name);
    if (i >= 0)
        all[i] = filter;
    else
        all.push_back(filter);
    setSavedFilters(all);
}

bool renameSavedFilter(const QString& oldName, const QString& newName, QString& error) {
    QList<SavedFilter> all = savedFilters();
    const int i = indexOfName(all, oldName);
    const QString name = newName.trimmed();
    if (i < 0) {
        error = QStringLiteral("There is no saved filter named \"%1\".").arg(oldName);
        return false;
    }
    if (name.isEmpty()) {
        error = QStringLiteral("A saved filter needs a name.");
        return false;
    }
    const int other = indexOfName(all, name);
    if (other >= 0 && other != i) {
        error = QStringLiteral("A saved filter named \"%1\" exists already.").arg(name);
        return false;
    }
    all[i].name = name;
    setSavedFilters(all);
    return true;
}

void removeSavedFilter(const QString& name) {
    QList<SavedFilter> all = savedFilters();
    const int i = indexOfName(all, name);
    if (i < 0) return;
    all.removeAt(i);
    setSavedFilters(all);
}

QString uniqueFilterName(const QString& name, const QList<SavedFilter>& taken) {
    if (indexOfName(taken, name) < 0) return name;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 (%2)").arg(name).arg(n);
        if (indexOfName(taken, candidate) < 0) return candidate;
    }
}

QByteArray exportSavedFilters(const QList<SavedFilter>& filters) {
    QJsonArray items;
    for (const SavedFilter& f : filters)
        items.append(QJsonObject{{QStringLiteral("name"), f.name},
                                 {QStringLiteral("syntax"), syntaxName(f.syntax)},
                                 {QStringLiteral("query"), f.query}});
    const QJsonObject root{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("version"), kVersion},
                           {QStringLiteral("filters"), items}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

FilterImport parseFilterFile(const QByteArray& data, const QString& fileName) {
    QByteArray text = data;
    if (text.startsWith("\xEF\xBB\xBF")) text.remove(0, 3); // UTF-8 byte order mark
    if (text.startsWith("\xFF\xFE") || text.startsWith("\xFE\xFF"))
        return parseXml(data, fileName); // UTF-16, as Windows tools often write XML
    const QByteArray start = text.trimmed().left(1);
    if (start == "{") return parseJson(text, fileName);
    if (start == "<") return parseXml(data, fileName); // the reader handles encodings
    return failure(fileName, text.trimmed().isEmpty()
                                 ? QStringLiteral("the file is empty")
                                 : QStringLiteral("neither a saved-filters JSON file nor an "
                                                  "Event Viewer custom view or QueryList XML"));
}

FilterImport readFilterFile(const QString& path) {
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly)) return failure(name, file.errorString());
    return parseFilterFile(file.readAll(), name);
}

QStringList addSavedFilters(const QList<SavedFilter>& filters) {
    QList<SavedFilter> all = savedFilters();
    QStringList names;
    for (SavedFilter f : filters) {
        f.name = uniqueFilterName(f.name, all);
        names << f.name;
        all.push_back(f);
    }
    setSavedFilters(all);
    return names;
}

} // namespace evtxui
