// Shared by the chunk and fragment fuzz targets: renders a parsed record
// every way the engine can (compiled-shape XML/JSON, direct XML/JSON) and
// runs a query that reads the record's data fields.
#pragma once

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/compile/record_renderer.hpp"
#include "evtx/query/query.hpp"
#include "evtx/query/record_filter.hpp"
#include "evtx/render/render.hpp"

#include <cstdlib>
#include <optional>

namespace fuzz {

struct Renderers {
    evtx::RenderOptions opt;
    evtx::RecordRenderer xml{evtx::RecordRenderer::Format::Xml, opt};
    evtx::RecordRenderer json{evtx::RecordRenderer::Format::Json, opt};
    std::optional<evtx::Query> query;

    Renderers() {
        evtx::QueryError error;
        query = evtx::Query::parse("EventID in (1..5000) and Data.TargetUserName ~ \"a\" or \"x\"",
                                   error);
        if (!query) std::abort(); // the fixed query must compile
    }

    // A filter per input, as evtxdump has one per run: its per-thread state
    // lives in TBB's allocator, which LeakSanitizer cannot scan, so one kept
    // across inputs reads as a leak.
    evtx::QueryRecordFilter filter() const { return evtx::QueryRecordFilter(*query); }

    // `filter`: made per input (see filter()).
    void render(const evtx::RecordTree& tree, uint64_t id, evtx::QueryRecordFilter& filter) {
        evtx::OutBuffer out;
        xml.render(out, tree);
        json.render(out, tree);
        evtx::renderXml(out, tree, opt);
        evtx::renderJson(out, tree, opt);
        evtx::RenderOptions sep = opt;
        sep.separateJsonAttributes = true;
        evtx::renderJson(out, tree, sep);
        filter.matches(tree, id, false);
    }
};

} // namespace fuzz
