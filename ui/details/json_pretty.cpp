#include "details/json_pretty.hpp"

namespace evtxui {

QByteArray prettyJson(const QByteArray& compact, int indent) {
    QByteArray out;
    out.reserve(compact.size() * 2);
    int depth = 0;
    bool inString = false, escaped = false;
    auto newline = [&] {
        out += '\n';
        out.append(QByteArray(depth * indent, ' '));
    };
    for (qsizetype i = 0; i < compact.size(); ++i) {
        const char c = compact[i];
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            // Keep empty containers on one line.
            const char close = c == '{' ? '}' : ']';
            if (i + 1 < compact.size() && compact[i + 1] == close) {
                out += c;
                out += close;
                ++i;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
            break;
        }
    }
    return out;
}

} // namespace evtxui
