// How an EventData / UserData leaf is named when it has no Name attribute:
// the one rule extractEventData, readEventFields and the query languages
// share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace evtx {

// The element classic events (Application Error 1000, EventLog 6008 ...)
// repeat without Name attributes: <Data>v1</Data><Data>v2</Data>.
inline constexpr std::string_view kDataElement = "Data";

// Appends "Data[N]": the name of the unnamed <Data> at 1-based place N among
// its parent's <Data> children.
inline void appendUnnamedDataName(std::string& out, uint64_t position) {
    out.append(kDataElement).append("[").append(std::to_string(position)).append("]");
}

// Sets `out` to the name of a leaf without a Name attribute: its element
// name, or Data[N] for a <Data> (so that unnamed values stay apart).
inline void assignUnnamedLeafName(std::string& out, std::string_view element, unsigned position) {
    if (element == kDataElement) {
        out.clear();
        appendUnnamedDataName(out, position);
        return;
    }
    out.assign(element);
}

// Whether `name` is one of those names: Data[N], N a decimal from 1.
inline bool isUnnamedDataName(std::string_view name) {
    const size_t open = kDataElement.size();
    if (name.size() < open + 3 || name.substr(0, open) != kDataElement || name[open] != '[' ||
        name.back() != ']' || name[open + 1] == '0')
        return false;
    for (size_t i = open + 1; i + 1 < name.size(); ++i)
        if (name[i] < '0' || name[i] > '9') return false;
    return true;
}

} // namespace evtx
