// Kerberos request details of 4768, 4769 and 4771: ticket options,
// encryption types and pre-authentication types.
#include "decoder_support.hpp"

namespace evtx::knowledge::detail {

namespace {

// KDC options (RFC 4120 5.4.1): bit 0 is the most significant bit, so
// bit n is 0x80000000 >> n.
constexpr CodeText ticketOptions[] = {
    {0x80000000, "Reserved"},
    {0x40000000, "Forwardable"},
    {0x20000000, "Forwarded"},
    {0x10000000, "Proxiable"},
    {0x08000000, "Proxy"},
    {0x04000000, "Allow-postdate"},
    {0x02000000, "Postdated"},
    {0x01000000, "Unused7"},
    {0x00800000, "Renewable"},
    {0x00400000, "Unused9"},
    {0x00200000, "Opt-hardware-auth"},
    {0x00020000, "Request-anonymous"},
    {0x00010000, "Canonicalize"},
    {0x00008000, "Cname-in-addl-tkt"},
    {0x00000020, "Disable-transited-check"},
    {0x00000010, "Renewable-ok"},
    {0x00000008, "Enc-tkt-in-skey"},
    {0x00000002, "Renew"},
    {0x00000001, "Validate"},
};

constexpr CodeText encryptionTypes[] = {
    {0x1, "DES-CBC-CRC"},
    {0x3, "DES-CBC-MD5"},
    {0x11, "AES128-CTS-HMAC-SHA1-96"},
    {0x12, "AES256-CTS-HMAC-SHA1-96"},
    {0x17, "RC4-HMAC"},
    {0x18, "RC4-HMAC-EXP"},
    {0xFFFFFFFF, "Failure (no ticket issued)"},
};

constexpr CodeText preauthTypes[] = {
    {0, "Logon without pre-authentication"},
    {2, "PA-ENC-TIMESTAMP"},
    {11, "PA-ETYPE-INFO"},
    {15, "PA-PK-AS-REP_OLD"},
    {16, "PA-PK-AS-REQ"},
    {17, "PA-PK-AS-REP"},
    {19, "PA-ETYPE-INFO2"},
    {20, "PA-SVR-REFERRAL-INFO"},
    {138, "PA-ENCRYPTED-CHALLENGE"},
};

} // namespace

std::string decodeTicketOptions(std::string_view raw) {
    const auto options = parseNumber(raw);
    if (!options || *options > 0xFFFFFFFF) return {};
    return flagNames(ticketOptions, *options);
}

std::string decodeEncryptionType(std::string_view raw) {
    const auto type = parseNumber(raw);
    return type ? std::string(textOf(encryptionTypes, *type)) : std::string();
}

std::string decodePreauthType(std::string_view raw) {
    const auto type = parseNumber(raw);
    return type ? std::string(textOf(preauthTypes, *type)) : std::string();
}

} // namespace evtx::knowledge::detail
