// evtxdump --source-file: names the log each JSON / JSONL record came from,
// as the first key of the record's object, "#source_file" (like the
// "#recovered" marker: a key no event has). Lines without the option stay
// evtx_dump's.
#pragma once

#include <string>
#include <string_view>

namespace evtx {

inline constexpr std::string_view kSourceFileKey = "#source_file";

class SourceFileTagger {
  public:
    explicit SourceFileTagger(std::string_view sourceFile);

    // Appends -o json or jsonl dump text to `out`, the key added after each
    // record's opening brace (a '{' that starts a line: the object is on one
    // line, after "Record N" with -o json). The text may come in any pieces.
    void tag(std::string_view text, std::string& out);

  private:
    std::string insert_;
    bool lineStart_ = true;
};

} // namespace evtx
