// The bytes of one .evtx file: a read-only memory mapping or an owned buffer
// (for stdin). Nothing in the engine ever writes to the input.
#pragma once

#include "evtx/bytes.hpp"

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

  private:
    Input() = default;
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    void* mapping_ = nullptr; // non-null when mmap'ed
    std::vector<uint8_t> owned_;
};

} // namespace evtx
