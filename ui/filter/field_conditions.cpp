#include "filter/field_conditions.hpp"

#include "filter/query_text.hpp"

#include "evtx/render/data_field_name.hpp"

#include <QRegularExpression>

namespace evtxui {

QString dataFieldReference(const QString& dataName) {
    // The filter language takes an unnamed value's name as it is: Data[2].
    if (evtx::isUnnamedDataName(dataName.toStdString())) return dataName;
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    static const QRegularExpression keyword(QStringLiteral("^(and|or|not|in|contains|now|band)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const bool bare = identifier.match(dataName).hasMatch() && !keyword.match(dataName).hasMatch();
    return QStringLiteral("Data.") + (bare ? dataName : quotedFilterValue(dataName));
}

QString fieldCondition(const QString& field, const QString& literal, bool exclude) {
    if (!exclude) return field + QStringLiteral(" == ") + literal;
    if (field.startsWith(QStringLiteral("Data.")) || field.startsWith(QStringLiteral("Data[")))
        return QStringLiteral("not ") + field + QStringLiteral(" == ") + literal;
    return field + QStringLiteral(" != ") + literal;
}

} // namespace evtxui
