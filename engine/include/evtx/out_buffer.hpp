// A growable output byte buffer reused across records (no per-record heap churn).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace evtx {

class OutBuffer {
public:
    // Starts empty: small scratch buffers must not cost a large allocation.
    OutBuffer() = default;
    explicit OutBuffer(size_t capacity) { buf_.resize(capacity); }

    void append(std::string_view s) { append(s.data(), s.size()); }
    void append(const char* p, size_t n) {
        size_t old = size_;
        grow(n);
        copy(buf_.data() + old, p, n);
    }
    void push(char c) {
        if (size_ == buf_.size()) buf_.resize(buf_.size() * 2 + 64);
        buf_[size_++] = c;
    }
    // Returns space for up to `n` bytes; commit() says how many were used.
    char* reserve(size_t n) {
        if (buf_.size() - size_ < n) buf_.resize(std::max(buf_.size() * 2, size_ + n));
        return buf_.data() + size_;
    }
    void commit(size_t n) { size_ += n; }
    void truncate(size_t n) { size_ = n < size_ ? n : size_; }
    void clear() { size_ = 0; }

    size_t size() const { return size_; }
    const char* data() const { return buf_.data(); }
    std::string_view view() const { return {buf_.data(), size_}; }
    char back() const { return buf_[size_ - 1]; }

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

    void grow(size_t n) {
        if (buf_.size() - size_ < n) buf_.resize(std::max(buf_.size() * 2, size_ + n));
        size_ += n;
    }
    std::vector<char> buf_;
    size_t size_ = 0;
};

} // namespace evtx
