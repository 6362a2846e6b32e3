// UserAccountControl: the hex masks of 4720/4738/4741/4742 (OldUacValue,
// NewUacValue: SAM USER_* flags), the decimal userAccountControl attribute
// of directory changes (5136: ADS_UF_* flags) and the %%2048..%%2111
// change strings built from the SAM flag names.
#include "decoder_support.hpp"

#include "evtx/knowledge/decoders.hpp"

#include <array>

namespace evtx::knowledge::detail {

namespace {

// SAM flag names by bit (bit 0 = 0x1); "" for bits with no name.
constexpr std::array<std::string_view, 32> samFlagNames{
    "Account Disabled",
    "Home Directory Required",
    "Password Not Required",
    "Temp Duplicate Account",
    "Normal Account",
    "MNS Logon Account",
    "Interdomain Trust Account",
    "Workstation Trust Account",
    "Server Trust Account",
    "Don't Expire Password",
    "Account Locked",
    "Encrypted Text Password Allowed",
    "Smartcard Required",
    "Trusted For Delegation",
    "Not Delegated",
    "Use DES Key Only",
    "Don't Require Preauth",
    "Password Expired",
    "Trusted To Authenticate For Delegation",
    "Exclude Authorization Information",
    "",
    "Protect Kerberos Service Tickets with AES Keys",
};

constexpr CodeText adsFlags[] = {
    {0x1, "Logon script runs"},
    {0x2, "Account disabled"},
    {0x8, "Home directory required"},
    {0x10, "Locked out"},
    {0x20, "Password not required"},
    {0x40, "Password cannot change"},
    {0x80, "Encrypted text password allowed"},
    {0x100, "Temp duplicate account"},
    {0x200, "Normal account"},
    {0x800, "Interdomain trust account"},
    {0x1000, "Workstation trust account"},
    {0x2000, "Server trust account"},
    {0x10000, "Password never expires"},
    {0x20000, "MNS logon account"},
    {0x40000, "Smartcard required"},
    {0x80000, "Trusted for delegation"},
    {0x100000, "Not delegated"},
    {0x200000, "Use DES key only"},
    {0x400000, "Pre-authentication not required"},
    {0x800000, "Password expired"},
    {0x1000000, "Trusted to authenticate for delegation"},
    {0x4000000, "Partial secrets account (RODC)"},
};

// "'Normal Account' - Enabled" as Windows writes the change strings; the
// disabled/locked bits read as a state instead.
std::string changeText(unsigned bit, bool turnedOn) {
    if (bit == 0) return turnedOn ? "Account Disabled" : "Account Enabled";
    if (bit == 10) return turnedOn ? "Account Locked" : "Account Unlocked";
    std::string text = "'";
    if (bit < samFlagNames.size() && !samFlagNames[bit].empty())
        text.append(samFlagNames[bit]);
    else
        text.append("Undefined UserAccountControl Bit ").append(std::to_string(bit));
    text.append("' - ").append(turnedOn ? "Enabled" : "Disabled");
    return text;
}

std::array<std::string, 64> buildChangeTexts() {
    std::array<std::string, 64> texts;
    for (unsigned bit = 0; bit < 32; ++bit) {
        texts[bit] = changeText(bit, false);
        texts[32 + bit] = changeText(bit, true);
    }
    return texts;
}

std::string samFlagList(uint64_t mask) {
    std::vector<std::string> names;
    for (unsigned bit = 0; bit < 32; ++bit) {
        if ((mask >> bit & 1) == 0) continue;
        const std::string_view name = bit < samFlagNames.size() ? samFlagNames[bit] : "";
        names.push_back(name.empty() ? "Undefined bit " + std::to_string(bit) : std::string(name));
    }
    return joined(names, ", ");
}

} // namespace

std::string_view accountControlChangeText(unsigned code) {
    static const std::array<std::string, 64> texts = buildChangeTexts();
    if (code < 2048 || code >= 2048 + texts.size()) return {};
    return texts[code - 2048];
}

std::string decodeUserAccountControl(std::string_view raw) {
    const std::string_view text = trimmed(raw);
    if (text.find("%%") != std::string_view::npos) return decodeInsertString(text);
    const auto mask = parseNumber(text);
    if (!mask || *mask > 0xFFFFFFFF) return {};
    const bool isHex = text.size() > 2 && (text[1] == 'x' || text[1] == 'X');
    return isHex ? samFlagList(*mask) : flagNames(adsFlags, *mask);
}

} // namespace evtx::knowledge::detail
