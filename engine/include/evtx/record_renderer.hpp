// Renders records through render programs compiled per record shape: the
// first record of a shape (its templates, its raw nodes, and per value the
// type, emptiness and array layout) is rendered once in recording mode; the
// static text between its values plus the list of value slots is kept, and
// every later record of that shape is written by copying the static text and
// formatting its values straight from the chunk bytes. Output is the same
// bytes renderXml / renderJson write.
#pragma once

#include "evtx/binxml_parser.hpp"
#include "evtx/render.hpp"

#include <array>
#include <memory>
#include <string>
#include <unordered_map>

namespace evtx {

struct CompiledShape;

// A fast hash for shape keys (a word at a time).
struct ShapeKeyHash {
    size_t operator()(const std::string& key) const noexcept;
};

class RecordRenderer {
public:
    enum class Format { Xml, Json };

    RecordRenderer(Format format, const RenderOptions& opt);
    ~RecordRenderer();
    RecordRenderer(const RecordRenderer&) = delete;
    RecordRenderer& operator=(const RecordRenderer&) = delete;

    void render(OutBuffer& out, const RecordTree& tree);

    // How records were written (for tests and benchmarks).
    struct Stats {
        uint64_t compiled = 0; // shapes compiled
        uint64_t replayed = 0; // records written from a compiled shape
        uint64_t direct = 0;   // records rendered without a compiled shape
    };
    const Stats& stats() const { return stats_; }

private:
    void renderDirect(OutBuffer& out, const RecordTree& tree);

    Format format_;
    RenderOptions opt_;
    std::unordered_map<std::string, std::unique_ptr<CompiledShape>, ShapeKeyHash> shapes_;
    // In front of the map: the shape last used per main template (slot by
    // its serial), checked with one key comparison and no hashing.
    struct RecentShape {
        std::string key;
        const CompiledShape* shape = nullptr;
    };
    std::array<RecentShape, 64> recent_;
    std::string key_;
    OutBuffer scratch_;
    Stats stats_;
};

} // namespace evtx
