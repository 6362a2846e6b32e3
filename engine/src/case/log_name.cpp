#include "evtx/case/discovery.hpp"

#include <algorithm>
#include <cctype>

namespace evtx {

namespace {

std::string_view fileNameOf(std::string_view path) {
    const size_t slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace

bool hasEvtxExtension(std::string_view path) {
    static constexpr std::string_view kExt = ".evtx";
    const std::string_view name = fileNameOf(path);
    if (name.size() <= kExt.size()) return false;
    return std::equal(kExt.begin(), kExt.end(), name.end() - long(kExt.size()), [](char a, char b) {
        return a == std::tolower(static_cast<unsigned char>(b));
    });
}

std::string logDisplayName(std::string_view path) {
    std::string_view name = fileNameOf(path);
    if (hasEvtxExtension(name)) name.remove_suffix(5);
    // Windows writes a channel's '/' as "%4" in its file name.
    std::string out;
    out.reserve(name.size());
    for (size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '%' && i + 1 < name.size() && name[i + 1] == '4') {
            out += '/';
            ++i;
        } else {
            out += name[i];
        }
    }
    return out;
}

} // namespace evtx
