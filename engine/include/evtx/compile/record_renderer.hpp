// Renders records through render programs compiled per record shape: the
// first record of a shape (its templates, its raw nodes, and per value the
// type, emptiness and array layout) is rendered once in recording mode; the
// static text between its values plus the list of value slots is kept, and
// every later record of that shape is written by copying the static text and
// formatting its values straight from the chunk bytes. Output is the same
// bytes renderXml / renderJson write.
#pragma once

#include "evtx/binxml/binxml_parser.hpp"
#include "evtx/render/render.hpp"

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace evtx {

struct CompiledShape;

// Shape keys carry their hash: one key is looked up in a renderer's map,
// then in the shared map, then added to both, and a key of ~1 KB costs
// about a thousand instructions to hash (a word at a time).
struct HashedShapeKey {
    std::string_view bytes;
    size_t hash;
};
struct StoredShapeKey {
    std::string bytes;
    size_t hash;
};
struct ShapeKeyHash {
    using is_transparent = void;
    static size_t of(std::string_view key) noexcept;
    size_t operator()(const HashedShapeKey& k) const noexcept { return k.hash; }
    size_t operator()(const StoredShapeKey& k) const noexcept { return k.hash; }
};
struct ShapeKeyEqual {
    using is_transparent = void;
    template <class A, class B> bool operator()(const A& a, const B& b) const noexcept {
        return a.hash == b.hash && std::string_view(a.bytes) == std::string_view(b.bytes);
    }
};
template <class T>
using ShapeMap = std::unordered_map<StoredShapeKey, T, ShapeKeyHash, ShapeKeyEqual>;

// Shapes compiled by any of several renderers that write the same format
// with the same options (one per thread of a dump): a shape one thread has
// compiled is replayed by the others instead of being compiled again.
class SharedShapes {
  public:
    SharedShapes();
    ~SharedShapes();
    SharedShapes(const SharedShapes&) = delete;
    SharedShapes& operator=(const SharedShapes&) = delete;

  private:
    friend class RecordRenderer;
    std::mutex mutex_;
    ShapeMap<std::unique_ptr<CompiledShape>> shapes_;
};

class RecordRenderer {
  public:
    enum class Format { Xml, Json };

    // `shared`, when given, must outlive the renderer and be used only by
    // renderers of this format and options.
    RecordRenderer(Format format, const RenderOptions& opt, SharedShapes* shared = nullptr);
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
    const CompiledShape* compileShape(const RecordTree& tree, const HashedShapeKey& key);

    Format format_;
    RenderOptions opt_;
    SharedShapes* shared_;
    // Every shape this renderer has used, owned here or by shared_.
    ShapeMap<const CompiledShape*> shapes_;
    std::vector<std::unique_ptr<CompiledShape>> owned_;
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
