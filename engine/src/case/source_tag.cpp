#include "evtx/case/source_tag.hpp"

#include "evtx/text/out_buffer.hpp"
#include "evtx/text/text.hpp"

namespace evtx {

SourceFileTagger::SourceFileTagger(std::string_view sourceFile) {
    OutBuffer name;
    writeEscaped(name, sourceFile, Escape::Json);
    // A record's object is never empty ({"Event": ...}), so a comma follows.
    // (Built by appends: GCC 12 warns falsely on chained string '+'.)
    insert_ = "{\"";
    insert_.append(kSourceFileKey);
    insert_.append("\":\"");
    insert_.append(name.view());
    insert_.append("\",");
}

void SourceFileTagger::tag(std::string_view text, std::string& out) {
    out.reserve(out.size() + text.size() + insert_.size() * 16);
    // Only a record's own object starts a line with '{' ("Record N" lines
    // and error-free output hold no other).
    while (!text.empty()) {
        if (lineStart_ && text.front() == '{') {
            out += insert_;
            text.remove_prefix(1);
        }
        const size_t newline = text.find('\n');
        const size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
        out.append(text.data(), end);
        lineStart_ = newline != std::string_view::npos;
        text.remove_prefix(end);
    }
}

} // namespace evtx
