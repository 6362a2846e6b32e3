// One CSV field as RFC 4180 writes it: quoted when it holds a comma, a
// quote or a line break, quotes doubled.
#pragma once

#include "evtx/text/out_buffer.hpp"

#include <string_view>

namespace evtx {

inline void appendCsvField(OutBuffer& out, std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(s);
        return;
    }
    out.push('"');
    for (char c : s) {
        if (c == '"') out.push('"');
        out.push(c);
    }
    out.push('"');
}

} // namespace evtx
