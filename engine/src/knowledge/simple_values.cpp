// Small value decoders: yes/no in its several spellings, and a hex
// number's decimal value.
#include "decoder_support.hpp"

namespace evtx::knowledge::detail {

std::string decodeBoolean(std::string_view raw) {
    const std::string_view text = trimmed(raw);
    for (std::string_view yes : {"%%1842", "true", "1", "yes"}) {
        if (equalsIgnoringCase(text, yes)) return "Yes";
    }
    for (std::string_view no : {"%%1843", "false", "0", "no"}) {
        if (equalsIgnoringCase(text, no)) return "No";
    }
    return {};
}

// Only 0x-prefixed text: a bare "500" is decimal already and "1F4" may as
// well be a name.
std::string decodeHexToDecimal(std::string_view raw) {
    const std::string_view text = trimmed(raw);
    if (text.size() < 3 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return {};
    const auto value = parseHex(text.substr(2));
    return value ? std::to_string(*value) : std::string();
}

} // namespace evtx::knowledge::detail
