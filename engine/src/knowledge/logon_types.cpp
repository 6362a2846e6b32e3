// LogonType of 4624, 4625, 4634 and friends.
#include "decoder_support.hpp"

#include <array>

namespace evtx::knowledge::detail {

namespace {

constexpr std::array<CodeText, 12> logonTypes{{
    {0, "System"},
    {2, "Interactive"},
    {3, "Network"},
    {4, "Batch"},
    {5, "Service"},
    {7, "Unlock"},
    {8, "NetworkCleartext"},
    {9, "NewCredentials"},
    {10, "RemoteInteractive"},
    {11, "CachedInteractive"},
    {12, "CachedRemoteInteractive"},
    {13, "CachedUnlock"},
}};

} // namespace

std::string decodeLogonType(std::string_view raw) {
    const auto value = parseNumber(raw);
    return value ? std::string(textOf(logonTypes, *value)) : std::string();
}

} // namespace evtx::knowledge::detail
