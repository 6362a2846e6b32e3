// A growable output byte buffer reused across records (no per-record heap churn).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace evtx {

class OutBuffer {
  public:
    // Starts empty: small scratch buffers must not cost a large allocation.
    OutBuffer() = default;
    explicit OutBuffer(size_t capacity) { grow(capacity); }
    OutBuffer(const OutBuffer& other) { append(other.data(), other.size()); }
    OutBuffer& operator=(const OutBuffer& other) {
        if (this != &other) {
            clear();
            append(other.data(), other.size());
        }
        return *this;
    }
    OutBuffer(OutBuffer&& other) noexcept
        : buf_(std::move(other.buf_)), cur_(other.cur_), end_(other.end_) {
        other.cur_ = other.end_ = nullptr;
    }
    OutBuffer& operator=(OutBuffer&& other) noexcept {
        buf_ = std::move(other.buf_);
        cur_ = other.cur_;
        end_ = other.end_;
        other.cur_ = other.end_ = nullptr;
        return *this;
    }

    void append(std::string_view s) { append(s.data(), s.size()); }
    void append(const char* p, size_t n) {
        if (size_t(end_ - cur_) < n) grow(n);
        copy(cur_, p, n);
        cur_ += n;
    }
    void push(char c) {
        if (cur_ == end_) grow(1);
        *cur_++ = c;
    }
    // Returns space for up to `n` bytes; commit() says how many were used.
    char* reserve(size_t n) {
        if (size_t(end_ - cur_) < n) grow(n);
        return cur_;
    }
    void commit(size_t n) { cur_ += n; }
    void truncate(size_t n) {
        if (n < size()) cur_ = buf_.get() + n;
    }
    void clear() { cur_ = buf_.get(); }

    size_t size() const { return size_t(cur_ - buf_.get()); }
    const char* data() const { return buf_.get(); }
    std::string_view view() const { return {buf_.get(), size()}; }
    char back() const { return cur_[-1]; }

  private:
    // Most appends are short pieces of static text: copy them inline with
    // overlapping fixed-size moves instead of calling memcpy.
    static void copy(char* d, const char* s, size_t n) {
        if (n >= 16 && n <= 32) {
            char a[16], b[16];
            std::memcpy(a, s, 16);
            std::memcpy(b, s + n - 16, 16);
            std::memcpy(d, a, 16);
            std::memcpy(d + n - 16, b, 16);
        } else if (n >= 8 && n < 16) {
            uint64_t a, b;
            std::memcpy(&a, s, 8);
            std::memcpy(&b, s + n - 8, 8);
            std::memcpy(d, &a, 8);
            std::memcpy(d + n - 8, &b, 8);
        } else if (n < 8) {
            for (size_t i = 0; i < n; ++i)
                d[i] = s[i];
        } else {
            std::memcpy(d, s, n);
        }
    }

    // Room for `n` more bytes: the capacity at least doubles, and nothing is
    // zero-filled (a std::vector<char> cleared every byte it grew by).
    // Pointers instead of sizes make each append's room test one compare.
    void grow(size_t n) {
        const size_t used = size();
        const size_t capacity = size_t(end_ - buf_.get());
        const size_t wanted = std::max({capacity * 2, used + n, size_t(64)});
        auto bigger = std::make_unique_for_overwrite<char[]>(wanted);
        if (used) std::memcpy(bigger.get(), buf_.get(), used);
        buf_ = std::move(bigger);
        cur_ = buf_.get() + used;
        end_ = buf_.get() + wanted;
    }

    std::unique_ptr<char[]> buf_;
    char* cur_ = nullptr; // end of the bytes written
    char* end_ = nullptr; // end of the allocation
};

} // namespace evtx
