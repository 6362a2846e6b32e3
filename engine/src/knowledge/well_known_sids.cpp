// Names of SIDs that mean the same on every Windows system, the fixed RIDs
// of a domain (S-1-5-21-a-b-c-RID) and the families of per-session and
// per-service SIDs (S-1-5-90-0-N, S-1-5-96-0-N, S-1-5-80-...).
#include "evtx/knowledge/decoders.hpp"

#include "decoder_support.hpp"

#include <algorithm>
#include <cctype>

namespace evtx::knowledge {

namespace {

struct SidName {
    std::string_view sid;
    std::string_view name;
};

constexpr SidName fixedSids[] = {
    {"S-1-0-0", "Null SID"},
    {"S-1-1-0", "Everyone"},
    {"S-1-2-0", "Local"},
    {"S-1-2-1", "Console Logon"},
    {"S-1-3-0", "Creator Owner"},
    {"S-1-3-1", "Creator Group"},
    {"S-1-3-4", "Owner Rights"},
    {"S-1-5-1", "Dialup"},
    {"S-1-5-2", "Network"},
    {"S-1-5-3", "Batch"},
    {"S-1-5-4", "Interactive"},
    {"S-1-5-6", "Service"},
    {"S-1-5-7", "Anonymous Logon"},
    {"S-1-5-9", "Enterprise Domain Controllers"},
    {"S-1-5-10", "Self"},
    {"S-1-5-11", "Authenticated Users"},
    {"S-1-5-12", "Restricted Code"},
    {"S-1-5-13", "Terminal Server Users"},
    {"S-1-5-14", "Remote Interactive Logon"},
    {"S-1-5-15", "This Organization"},
    {"S-1-5-17", "IUSR"},
    {"S-1-5-18", "Local System"},
    {"S-1-5-19", "Local Service"},
    {"S-1-5-20", "Network Service"},
    {"S-1-5-32-544", "Administrators"},
    {"S-1-5-32-545", "Users"},
    {"S-1-5-32-546", "Guests"},
    {"S-1-5-32-547", "Power Users"},
    {"S-1-5-32-548", "Account Operators"},
    {"S-1-5-32-549", "Server Operators"},
    {"S-1-5-32-550", "Print Operators"},
    {"S-1-5-32-551", "Backup Operators"},
    {"S-1-5-32-552", "Replicators"},
    {"S-1-5-32-554", "Pre-Windows 2000 Compatible Access"},
    {"S-1-5-32-555", "Remote Desktop Users"},
    {"S-1-5-32-556", "Network Configuration Operators"},
    {"S-1-5-32-558", "Performance Monitor Users"},
    {"S-1-5-32-559", "Performance Log Users"},
    {"S-1-5-32-562", "Distributed COM Users"},
    {"S-1-5-32-568", "IIS_IUSRS"},
    {"S-1-5-32-569", "Cryptographic Operators"},
    {"S-1-5-32-573", "Event Log Readers"},
    {"S-1-5-32-574", "Certificate Service DCOM Access"},
    {"S-1-5-32-578", "Hyper-V Administrators"},
    {"S-1-5-32-580", "Remote Management Users"},
    {"S-1-5-64-10", "NTLM Authentication"},
    {"S-1-5-64-14", "SChannel Authentication"},
    {"S-1-5-64-21", "Digest Authentication"},
    {"S-1-5-80-0", "All Services"},
    {"S-1-5-90-0", "Windows Manager Group"},
    {"S-1-5-113", "Local account"},
    {"S-1-5-114", "Local account and member of Administrators group"},
    {"S-1-16-0", "Untrusted Mandatory Level"},
    {"S-1-16-4096", "Low Mandatory Level"},
    {"S-1-16-8192", "Medium Mandatory Level"},
    {"S-1-16-8448", "Medium Plus Mandatory Level"},
    {"S-1-16-12288", "High Mandatory Level"},
    {"S-1-16-16384", "System Mandatory Level"},
    {"S-1-16-20480", "Protected Process Mandatory Level"},
};

// SIDs named by their prefix: the rest identifies a session or a service.
constexpr SidName sidFamilies[] = {
    {"S-1-5-90-0-", "Window Manager (DWM) session account"},
    {"S-1-5-96-0-", "Font Driver Host (UMFD) session account"},
    {"S-1-5-80-", "Service account (NT SERVICE\\...)"},
    {"S-1-5-82-", "IIS application pool identity"},
    {"S-1-5-5-", "Logon session"},
    {"S-1-15-2-", "App container"},
};

constexpr SidName domainRids[] = {
    {"500", "Administrator"},
    {"501", "Guest"},
    {"502", "krbtgt"},
    {"503", "DefaultAccount"},
    {"504", "WDAGUtilityAccount"},
    {"512", "Domain Admins"},
    {"513", "Domain Users"},
    {"514", "Domain Guests"},
    {"515", "Domain Computers"},
    {"516", "Domain Controllers"},
    {"517", "Cert Publishers"},
    {"518", "Schema Admins"},
    {"519", "Enterprise Admins"},
    {"520", "Group Policy Creator Owners"},
    {"521", "Read-only Domain Controllers"},
    {"522", "Cloneable Domain Controllers"},
    {"525", "Protected Users"},
    {"526", "Key Admins"},
    {"527", "Enterprise Key Admins"},
    {"553", "RAS and IAS Servers"},
    {"571", "Allowed RODC Password Replication Group"},
    {"572", "Denied RODC Password Replication Group"},
};

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           detail::equalsIgnoringCase(text.substr(0, prefix.size()), prefix);
}

bool isDigits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The RID's name when `sid` is S-1-5-21-<three numbers>-<RID>.
std::string_view domainRidName(std::string_view sid) {
    if (!startsWithIgnoringCase(sid, "S-1-5-21-")) return {};
    std::string_view rest = sid.substr(9);
    for (int part = 0; part < 3; ++part) {
        const size_t dash = rest.find('-');
        if (dash == std::string_view::npos || !isDigits(rest.substr(0, dash))) return {};
        rest.remove_prefix(dash + 1);
    }
    for (const SidName& rid : domainRids) {
        if (rid.sid == rest) return rid.name;
    }
    return {};
}

} // namespace

std::string_view wellKnownSidName(std::string_view raw) {
    const std::string_view sid = detail::trimmed(raw);
    for (const SidName& fixed : fixedSids) {
        if (detail::equalsIgnoringCase(fixed.sid, sid)) return fixed.name;
    }
    for (const SidName& family : sidFamilies) {
        if (startsWithIgnoringCase(sid, family.sid) && sid.size() > family.sid.size())
            return family.name;
    }
    return domainRidName(sid);
}

namespace detail {

std::string decodeSid(std::string_view raw) {
    return std::string(wellKnownSidName(raw));
}

} // namespace detail

} // namespace evtx::knowledge
