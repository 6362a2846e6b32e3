// libFuzzer target: the three query parsers (filter language, XPath,
// QueryList XML). The first byte picks the parser; a parsed query is
// printed and its printed form parsed again.
#include "evtx/query/query.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    evtx::QueryError error;
    evtx::QueryOptions options;
    options.now = 133000000000000000ull; // fixed "now": no clock in the fuzzer
    std::optional<evtx::Query> q;
    switch (data[0] % 3) {
    case 0:
        q = evtx::Query::parse(text, error, options);
        break;
    case 1:
        q = evtx::Query::parseXPath(text, error, options);
        break;
    default:
        q = evtx::Query::parseQueryList(text, error, options);
        break;
    }
    if (!q) {
        (void)error.toString();
        return 0;
    }
    (void)q->needsRecord();
    (void)q->matchesAll();
    evtx::Query::parse(q->toString(), error, options);
    return 0;
}
