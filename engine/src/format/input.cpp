#include "evtx/format/input.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace evtx {

std::unique_ptr<Input> Input::openFile(const std::string& path, std::string& error) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open '" + path + "': " + std::strerror(errno);
        return nullptr;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error = "cannot read '" + path + "': not a regular file";
        ::close(fd);
        return nullptr;
    }
    std::unique_ptr<Input> in(new Input());
    in->size_ = size_t(st.st_size);
    if (in->size_ > 0) {
        void* m = ::mmap(nullptr, in->size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED) {
            error = "cannot map '" + path + "': " + std::strerror(errno);
            ::close(fd);
            return nullptr;
        }
        ::madvise(m, in->size_, MADV_SEQUENTIAL);
        in->mapping_ = m;
        in->data_ = static_cast<const uint8_t*>(m);
    }
    ::close(fd);
    return in;
}

std::unique_ptr<Input> Input::fromBuffer(std::vector<uint8_t> bytes) {
    std::unique_ptr<Input> in(new Input());
    in->owned_ = std::move(bytes);
    in->data_ = in->owned_.data();
    in->size_ = in->owned_.size();
    return in;
}

bool Input::sameReleaseWindow(Bytes a, Bytes b) {
    return uintptr_t(a.data()) / kReleaseWindow == uintptr_t(b.data()) / kReleaseWindow &&
           uintptr_t(a.data() + a.size()) / kReleaseWindow ==
               uintptr_t(b.data() + b.size()) / kReleaseWindow;
}

void Input::releaseWindow(Bytes range) const {
    if (!mapping_ || range.empty()) return;
    const auto lo = uintptr_t(data_);
    const auto hi = lo + size_;
    auto begin = uintptr_t(range.data()) & ~uintptr_t(kReleaseWindow - 1);
    auto end = (uintptr_t(range.data() + range.size()) + kReleaseWindow - 1) &
               ~uintptr_t(kReleaseWindow - 1);
    begin = std::max(begin, lo);
    end = std::min(end, hi);
    if (end > begin) releasePages(Bytes(reinterpret_cast<const uint8_t*>(begin), end - begin));
}

std::function<void(Bytes)> Input::releaseOnLeave() const {
    return [this, previous = Bytes()](Bytes chunk) mutable {
        if (!previous.empty() && !sameReleaseWindow(previous, chunk)) releaseWindow(previous);
        previous = chunk;
    };
}

void Input::releasePages(Bytes range) const {
    if (!mapping_ || range.empty()) return;
    const auto page = uintptr_t(::sysconf(_SC_PAGESIZE));
    const auto lo = uintptr_t(data_);
    const auto hi = lo + size_;
    auto begin = uintptr_t(range.data());
    auto end = begin + range.size();
    if (begin < lo || end > hi) return;
    // Only whole pages inside the range: a neighbour's bytes stay resident.
    begin = (begin + page - 1) & ~(page - 1);
    end &= ~(page - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

Input::~Input() {
    if (mapping_) ::munmap(mapping_, size_);
}

} // namespace evtx
