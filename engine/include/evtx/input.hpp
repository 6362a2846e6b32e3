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

private:
    Input() = default;
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    void* mapping_ = nullptr; // non-null when mmap'ed
    std::vector<uint8_t> owned_;
};

} // namespace evtx
