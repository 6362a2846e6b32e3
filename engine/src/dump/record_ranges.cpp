#include "evtx/dump/dump.hpp"

#include <charconv>

namespace evtx {

std::optional<RecordRanges> RecordRanges::parse(std::string_view text, std::string& error) {
    RecordRanges r;
    auto number = [&](std::string_view s, uint64_t& v) {
        auto res = std::from_chars(s.data(), s.data() + s.size(), v);
        return !s.empty() && res.ec == std::errc() && res.ptr == s.data() + s.size();
    };
    while (!text.empty()) {
        size_t comma = text.find(',');
        std::string_view part = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        size_t dash = part.find('-');
        uint64_t lo, hi;
        bool ok = dash == std::string_view::npos
                      ? number(part, lo) && (hi = lo, true)
                      : number(part.substr(0, dash), lo) && number(part.substr(dash + 1), hi);
        if (!ok || lo > hi) {
            error = "invalid record range '" + std::string(part) + "' (expected N or N-M)";
            return std::nullopt;
        }
        r.ranges_.emplace_back(lo, hi);
    }
    if (r.ranges_.empty()) {
        error = "empty record range list";
        return std::nullopt;
    }
    return r;
}

bool RecordRanges::contains(uint64_t id) const {
    for (auto [lo, hi] : ranges_)
        if (id >= lo && id <= hi) return true;
    return false;
}

} // namespace evtx
