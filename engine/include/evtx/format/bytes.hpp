// Bounds-checked little-endian reads over an immutable byte range.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace evtx {

using Bytes = std::span<const uint8_t>;

template <typename T> inline T loadLE(const uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof(T)); // x86-64 and aarch64 are little-endian
    return v;
}

// A cursor over a byte range that never reads past its end. Reads report
// failure instead of throwing so that callers can turn them into errors with
// an offset.
class Cursor {
  public:
    Cursor(Bytes data, size_t pos = 0) : data_(data), pos_(pos) {}

    size_t pos() const { return pos_; }
    size_t remaining() const { return pos_ <= data_.size() ? data_.size() - pos_ : 0; }
    Bytes data() const { return data_; }
    void seek(size_t pos) { pos_ = pos; }
    bool has(size_t n) const { return remaining() >= n; }

    bool skip(size_t n) {
        if (!has(n)) return false;
        pos_ += n;
        return true;
    }
    template <typename T> bool read(T& out) {
        if (!has(sizeof(T))) return false;
        out = loadLE<T>(data_.data() + pos_);
        pos_ += sizeof(T);
        return true;
    }
    const uint8_t* here() const { return data_.data() + pos_; }

  private:
    Bytes data_;
    size_t pos_;
};

} // namespace evtx
