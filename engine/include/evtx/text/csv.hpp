// One CSV field as RFC 4180 writes it: quoted when it holds a comma, a
// quote or a line break, quotes doubled.
#pragma once

#include "evtx/text/out_buffer.hpp"

#include <string_view>

namespace evtx {

inline void appendCsvField(OutBuffer& out, std::string_view s) {
    auto special = [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; };
    size_t i = 0;
    while (i < s.size() && !special(s[i])) ++i;
    if (i == s.size()) {
        out.append(s);
        return;
    }
    // Quoted: copy the runs between quotes whole, doubling each quote.
    out.push('"');
    size_t from = 0;
    for (size_t q = s.find('"'); q != std::string_view::npos; q = s.find('"', q + 1)) {
        out.append(s.substr(from, q + 1 - from));
        out.push('"');
        from = q + 1;
    }
    out.append(s.substr(from));
    out.push('"');
}

} // namespace evtx
