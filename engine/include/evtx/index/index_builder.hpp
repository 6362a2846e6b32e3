// Fills a record index in the background: a TBB pipeline parses chunks in
// parallel and an in-order stage hands rows to the caller in batches (the
// first chunk at once, then about every `batchInterval`).
#pragma once

#include "evtx/binxml/template_cache.hpp"
#include "evtx/format/bytes.hpp"
#include "evtx/format/chunk_reader.hpp" // chunkCountOf
#include "evtx/index/record_index.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

namespace evtx {

struct IndexOptions {
    unsigned threads = 0; // 0 = all cores
    std::chrono::milliseconds batchInterval{75};
    bool validateChecksums = false;
    // Called on a worker thread with each chunk's bytes once its rows are
    // taken (the viewer releases the chunk's mapped pages there).
    std::function<void(Bytes chunk)> chunkIndexed;
    // Also index the records recovery finds (slack space, damaged chunks:
    // evtxdump --recover), marked in IndexRow::recovery, each after the live
    // records of its chunk.
    bool recover = false;
};

class IndexBuilder {
  public:
    // Called on the builder's thread, in file order; the last call has
    // batch.last set (also after cancel()).
    using BatchSink = std::function<void(IndexBatch&&)>;

    // `file` and `cache` must outlive the builder.
    IndexBuilder(Bytes file, TemplateCache& cache, IndexOptions options, BatchSink sink);
    ~IndexBuilder(); // cancels and waits
    IndexBuilder(const IndexBuilder&) = delete;
    IndexBuilder& operator=(const IndexBuilder&) = delete;

    void start();   // runs on a thread of its own
    void runHere(); // runs on the calling thread (tests, benchmarks)
    void cancel() { cancelled_ = true; }
    void wait();

  private:
    void run();

    Bytes file_;
    TemplateCache& cache_;
    IndexOptions options_;
    BatchSink sink_;
    std::atomic<bool> cancelled_{false};
    std::thread thread_;
};

} // namespace evtx
