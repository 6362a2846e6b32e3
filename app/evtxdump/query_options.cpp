#include "evtxdump/query_options.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace evtxdump {
namespace {

// "QUERY\n  ^" under a one-line query; "line:column" for a file.
std::string describeQueryError(const std::string& source, const std::string& text,
                               const evtx::QueryError& e, bool isFile) {
    if (!isFile)
        return source + ": " + e.toString() + "\n  " + text + "\n  " +
               std::string(e.position, ' ') + "^";
    const size_t at = std::min(e.position, text.size());
    const size_t lineStart = text.rfind('\n', at == 0 ? 0 : at - 1);
    const size_t line = size_t(std::count(text.begin(), text.begin() + long(at), '\n')) + 1;
    const size_t column = at - (lineStart == std::string::npos || at == 0 ? 0 : lineStart + 1) + 1;
    return source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + e.message;
}

} // namespace

std::optional<evtx::Query> queryFromOptions(const std::string& filter, const std::string& xpath,
                                            const std::string& queryFile, std::string& message) {
    evtx::QueryError error;
    std::optional<evtx::Query> query;
    if (!filter.empty()) {
        query = evtx::Query::parse(filter, error);
        if (!query) message = describeQueryError("--filter", filter, error, false);
    } else if (!xpath.empty()) {
        query = evtx::Query::parseXPath(xpath, error);
        if (!query) message = describeQueryError("--xpath", xpath, error, false);
    } else if (!queryFile.empty()) {
        std::ifstream in(queryFile, std::ios::binary);
        if (!in) {
            message = "cannot read query file '" + queryFile + "'";
            return std::nullopt;
        }
        const std::string xml{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        query = evtx::Query::parseQueryList(xml, error);
        if (!query) message = describeQueryError(queryFile, xml, error, true);
    } else {
        query = evtx::Query();
    }
    return query;
}

} // namespace evtxdump
