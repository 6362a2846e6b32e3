// A small RFC 4180 reader for the CSV export tests: records end in CRLF (a
// lone LF is accepted too), fields are separated by commas, a quoted field
// may hold commas, line breaks and doubled quotes. Anything else (a quote
// inside an unquoted field, text after a closing quote, an unterminated
// quote) is an error.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

inline QList<QStringList> readCsv(const QByteArray& text, QString* error) {
    QList<QStringList> records;
    QStringList record;
    QByteArray field;
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto fail = [&](const QString& why) {
        *error = QStringLiteral("record %1, byte %2: %3").arg(records.size() + 1).arg(i).arg(why);
        return QList<QStringList>();
    };
    while (i < n) {
        bool quoted = false;
        if (text[i] == '"') {
            quoted = true;
            ++i;
            for (;;) {
                if (i >= n) return fail(QStringLiteral("unterminated quoted field"));
                if (text[i] == '"') {
                    if (i + 1 < n && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
        }
        while (!quoted && i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
            if (text[i] == '"') return fail(QStringLiteral("quote in an unquoted field"));
            field += text[i++];
        }
        record << QString::fromUtf8(field);
        field.clear();
        if (i >= n) return fail(QStringLiteral("the last record has no line break"));
        if (text[i] == ',') {
            ++i;
            continue;
        }
        if (text[i] == '\r') ++i;
        if (i >= n || text[i] != '\n') return fail(QStringLiteral("text after a closing quote"));
        ++i;
        records << record;
        record.clear();
    }
    error->clear();
    return records;
}
