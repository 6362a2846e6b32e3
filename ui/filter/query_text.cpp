#include "filter/query_text.hpp"

namespace evtxui {

QuerySyntax detectQuerySyntax(const QString& text) {
    const QString t = text.trimmed();
    if (t.startsWith(QStringLiteral("*["))) return QuerySyntax::XPath;
    if (t.startsWith(QStringLiteral("<QueryList"), Qt::CaseInsensitive) ||
        t.startsWith(QStringLiteral("<?xml"), Qt::CaseInsensitive))
        return QuerySyntax::QueryList;
    return QuerySyntax::Filter;
}

std::optional<evtx::Query> parseFilterText(const QString& text, evtx::QueryError& error,
                                           TimeZoneMode mode) {
    if (text.trimmed().isEmpty()) return evtx::Query();
    const QByteArray utf8 = text.toUtf8();
    const std::string_view sv(utf8.constData(), size_t(utf8.size()));
    std::optional<evtx::Query> q;
    switch (detectQuerySyntax(text)) {
    case QuerySyntax::Filter:
        q = evtx::Query::parse(sv, error,
                               {.now = std::nullopt,
                                .zonelessTimes = mode == TimeZoneMode::Local
                                                     ? evtx::TimeLiteralZone::Local
                                                     : evtx::TimeLiteralZone::Utc});
        break;
    case QuerySyntax::XPath:
        q = evtx::Query::parseXPath(sv, error);
        break;
    case QuerySyntax::QueryList:
        q = evtx::Query::parseQueryList(sv, error);
        break;
    }
    // The engine counts bytes; the line edit counts UTF-16 units.
    if (!q) error.position = size_t(QString::fromUtf8(utf8.left(qsizetype(error.position))).size());
    return q;
}

std::optional<evtx::Query> combineQueries(const std::optional<evtx::Query>& a,
                                          const std::optional<evtx::Query>& b) {
    if (!a || a->matchesAll()) return b;
    if (!b || b->matchesAll()) return a;
    evtx::QueryNode both;
    both.kind = evtx::QueryNode::Kind::And;
    both.children = {a->root(), b->root()};
    evtx::QueryError error;
    return evtx::Query::fromTree(std::move(both), error);
}

QString quotedFilterValue(const QString& value) {
    QString v = value;
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    v.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + v + QLatin1Char('"');
}

namespace {
// Whether `text` has an `or` (or ||) outside quotes and parentheses.
bool hasTopLevelOr(const QString& text) {
    int depth = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == QLatin1Char('"'))
                quoted = false;
            continue;
        }
        if (c == QLatin1Char('"'))
            quoted = true;
        else if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')'))
            --depth;
        else if (depth == 0 && text.mid(i, 2) == QStringLiteral("||"))
            return true;
        else if (depth == 0 && (i == 0 || text[i - 1].isSpace()) &&
                 text.mid(i, 3).compare(QStringLiteral("or "), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
} // namespace

QString appendCondition(const QString& text, const QString& condition) {
    const QString t = text.trimmed();
    if (t.isEmpty() || detectQuerySyntax(t) != QuerySyntax::Filter) return condition;
    return (hasTopLevelOr(t) ? QLatin1Char('(') + t + QLatin1Char(')') : t) +
           QStringLiteral(" and ") + condition;
}

} // namespace evtxui
