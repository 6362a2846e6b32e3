// A strict RFC 4180 reader for the tests of CSV output: fields separated by
// commas, rows ended by CRLF (the last one too), a field either unquoted
// (no comma, quote, CR or LF in it) or quoted ("..." with quotes doubled and
// commas, CR and LF kept as they are). Anything else is rejected with the
// byte offset and the reason, so a writer that quotes too little (or ends a
// row with a bare LF) fails the test instead of being read leniently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evtxtest {

using CsvRow = std::vector<std::string>;

// The rows of `text`, or nullopt with `error` set ("offset N: why").
inline std::optional<std::vector<CsvRow>> parseCsv(std::string_view text, std::string* error) {
    std::vector<CsvRow> rows;
    auto fail = [&](size_t at, std::string_view why) -> std::optional<std::vector<CsvRow>> {
        if (error) *error = "offset " + std::to_string(at) + ": " + std::string(why);
        return std::nullopt;
    };
    size_t i = 0;
    const size_t n = text.size();
    CsvRow row;
    while (i < n) {
        std::string field;
        if (text[i] == '"') {
            const size_t open = i++;
            for (;;) {
                if (i >= n) return fail(open, "quoted field not closed");
                const char c = text[i++];
                if (c != '"') {
                    field.push_back(c);
                    continue;
                }
                if (i < n && text[i] == '"') {
                    field.push_back('"');
                    ++i;
                    continue;
                }
                break; // the closing quote
            }
        } else {
            while (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                if (text[i] == '"') return fail(i, "quote inside an unquoted field");
                field.push_back(text[i++]);
            }
        }
        row.push_back(std::move(field));
        // After a field: a comma (another field follows) or CRLF (row ends).
        if (i >= n) return fail(i, "last row not ended by CRLF");
        if (text[i] == ',') {
            ++i;
            if (i >= n) return fail(i, "last row not ended by CRLF");
            continue;
        }
        if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') {
            i += 2;
            rows.push_back(std::move(row));
            row.clear();
            continue;
        }
        if (text[i] == '\r' || text[i] == '\n') return fail(i, "row not ended by CRLF");
        return fail(i, "text after a closing quote");
    }
    return rows;
}

} // namespace evtxtest
