// IPv4 / IPv6 addresses and networks for the `cidr` modifier, parsed here
// rather than by the platform so that results do not depend on it.
#include "sigma/matcher.hpp"

#include <charconv>

namespace evtx::sigma {
namespace {

bool parseV4(std::string_view s, uint8_t* out) {
    for (int part = 0; part < 4; ++part) {
        unsigned v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || end == s.data() || v > 255) return false;
        out[part] = static_cast<uint8_t>(v);
        s.remove_prefix(static_cast<size_t>(end - s.data()));
        if (part < 3) {
            if (s.empty() || s[0] != '.') return false;
            s.remove_prefix(1);
        }
    }
    return s.empty();
}

// Groups of hex words on one side of "::".
bool parseWords(std::string_view s, std::vector<uint16_t>& words) {
    while (!s.empty()) {
        unsigned v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
        if (ec != std::errc() || end == s.data() || v > 0xFFFF || end - s.data() > 4) return false;
        words.push_back(static_cast<uint16_t>(v));
        s.remove_prefix(static_cast<size_t>(end - s.data()));
        if (!s.empty()) {
            if (s[0] != ':' || s.size() == 1) return false;
            s.remove_prefix(1);
        }
    }
    return true;
}

bool parseV6(std::string_view s, uint8_t* out) {
    std::vector<uint16_t> head, tail;
    const size_t gap = s.find("::");
    if (gap == std::string_view::npos) {
        if (!parseWords(s, head) || head.size() != 8) return false;
    } else if (!parseWords(s.substr(0, gap), head) || !parseWords(s.substr(gap + 2), tail) ||
               head.size() + tail.size() > 7) {
        return false;
    }
    std::vector<uint16_t> all(8, 0);
    for (size_t i = 0; i < head.size(); ++i)
        all[i] = head[i];
    for (size_t i = 0; i < tail.size(); ++i)
        all[8 - tail.size() + i] = tail[i];
    for (size_t i = 0; i < 8; ++i) {
        out[2 * i] = static_cast<uint8_t>(all[i] >> 8);
        out[2 * i + 1] = static_cast<uint8_t>(all[i] & 0xFF);
    }
    return true;
}

bool parseAddress(std::string_view s, Network& a) {
    a.v6 = s.find(':') != std::string_view::npos;
    return a.v6 ? parseV6(s, a.bytes.data()) : parseV4(s, a.bytes.data());
}

} // namespace

std::optional<Network> parseCidr(std::string_view text) {
    Network net;
    const size_t slash = text.find('/');
    if (!parseAddress(text.substr(0, slash), net)) return std::nullopt;
    const unsigned bits = net.v6 ? 128 : 32;
    net.prefix = bits;
    if (slash != std::string_view::npos) {
        std::string_view p = text.substr(slash + 1);
        auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), net.prefix);
        if (ec != std::errc() || end != p.data() + p.size() || net.prefix > bits)
            return std::nullopt;
    }
    return net;
}

bool inNetwork(const Network& net, std::string_view address) {
    Network a;
    if (!parseAddress(address, a) || a.v6 != net.v6) return false;
    for (unsigned bit = 0; bit < net.prefix; ++bit) {
        const unsigned mask = 0x80u >> (bit % 8);
        if ((a.bytes[bit / 8] & mask) != (net.bytes[bit / 8] & mask)) return false;
    }
    return true;
}

} // namespace evtx::sigma
