// The bytes of one .evtx file: a read-only memory mapping or an owned buffer
// (for stdin). Nothing in the engine ever writes to the input.
#pragma once

#include "evtx/format/bytes.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace evtx {

class Input {
  public:
    // Maps `path` read-only. Returns null and sets `error` when it cannot.
    static std::unique_ptr<Input> openFile(const std::string& path, std::string& error);
    static std::unique_ptr<Input> fromBuffer(std::vector<uint8_t> bytes);

    ~Input();
    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;

    Bytes bytes() const { return {data_, size_}; }

    // Lets the kernel drop the resident pages of `range` (a part of bytes())
    // when the input is a mapping: they count in RSS until then, and a viewer
    // that has indexed a chunk rarely reads it again. Later reads fault the
    // pages back in from the page cache. A no-op for owned buffers.
    void releasePages(Bytes range) const;

    // A fault on a mapped file can map a whole page-cache folio (up to
    // 2 MiB), not just the page read: one record read from a random chunk
    // added ~1.6 MiB of RSS. Readers that move around release the window of
    // kReleaseWindow-aligned bytes around the chunk they leave.
    static constexpr size_t kReleaseWindow = size_t(2) << 20;
    // A chunk-load hook for one reader (RecordReader::setChunkLoadHook): when
    // the reader moves to a chunk in another window, the window it left is
    // released. A sequential scan releases each window once; random reads
    // release one window per read. Each copy keeps its own last chunk.
    std::function<void(Bytes chunk)> releaseOnLeave() const;

  private:
    Input() = default;
    static bool sameReleaseWindow(Bytes a, Bytes b);
    void releaseWindow(Bytes range) const;
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    void* mapping_ = nullptr; // non-null when mmap'ed
    std::vector<uint8_t> owned_;
};

} // namespace evtx
