// One CSV field as RFC 4180 writes it: quoted when it holds a comma, a
// quote or a line break, quotes doubled.
#pragma once

#include "evtx/text/out_buffer.hpp"

#include <string_view>

namespace evtx {

inline void appendCsvField(OutBuffer& out, std::string_view s) {
    size_t i = 0;
    while (i < s.size() && s[i] != ',' && s[i] != '"' && s[i] != '\r' && s[i] != '\n')
        ++i;
    if (i == s.size()) {
        out.append(s);
        return;
    }
    // Quoted, each quote doubled: one pass into reserved space.
    char* d = out.reserve(2 * s.size() + 2);
    char* const begin = d;
    *d++ = '"';
    for (char c : s) {
        *d++ = c;
        if (c == '"') *d++ = '"';
    }
    *d++ = '"';
    out.commit(size_t(d - begin));
}

} // namespace evtx
