// Security-log events of the Microsoft-Windows-Security-Auditing provider:
// logons (4624/4625), special privileges (4672), process creation (4688),
// logoff (4634) and "log cleared" (1102, UserData as a nested template).
#include "demo/demo_context.hpp"

namespace evtx::writer::demo {
namespace {

constexpr const char* kProvider = "Microsoft-Windows-Security-Auditing";
constexpr const char* kProviderGuid = "54849625-5478-4994-A5BA-3E3B0328C30D";

SystemFields security(Context& ctx, uint16_t id, uint16_t task, uint8_t version) {
    SystemFields f = baseSystem(ctx, kProvider, kProviderGuid, id, "Security", 0);
    f.task = task;
    f.version = version;
    f.keywords = id == 4625 ? 0x8010000000000000ull : 0x8020000000000000ull;
    f.processId = 652; // lsass
    return f;
}

Guid tplGuid(const char* text) {
    return Guid::parse(text);
}

const std::vector<std::string> kProcesses = {
    "C:\\Windows\\System32\\svchost.exe",
    "C:\\Windows\\System32\\cmd.exe",
    "C:\\Windows\\explorer.exe",
    "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
    "C:\\Program Files\\Git\\cmd\\git.exe",
    "C:\\Windows\\System32\\conhost.exe",
    "C:\\Windows\\System32\\whoami.exe",
    "C:\\Program Files\\Mozilla Firefox\\firefox.exe",
};

EventKind logon() {
    auto t = makeTemplate(tplGuid("8E1B3A53-2B1F-4C4B-9C2C-6B0A4E624624"),
                          eventElement({eventData({
                              {"SubjectUserSid", vt::Sid},
                              {"SubjectUserName", vt::String},
                              {"SubjectDomainName", vt::String},
                              {"SubjectLogonId", vt::HexInt64},
                              {"TargetUserSid", vt::Sid},
                              {"TargetUserName", vt::String},
                              {"TargetDomainName", vt::String},
                              {"TargetLogonId", vt::HexInt64},
                              {"LogonType", vt::UInt32},
                              {"LogonProcessName", vt::String},
                              {"AuthenticationPackageName", vt::String},
                              {"WorkstationName", vt::String},
                              {"LogonGuid", vt::Guid},
                              {"TransmittedServices", vt::String},
                              {"LmPackageName", vt::String},
                              {"KeyLength", vt::UInt32},
                              {"ProcessId", vt::HexInt64},
                              {"ProcessName", vt::String},
                              {"IpAddress", vt::String},
                              {"IpPort", vt::String},
                              {"ImpersonationLevel", vt::String},
                              {"ElevatedToken", vt::String},
                          })}));
    return {"4624 logon", 14, [t](Context& ctx) {
                SystemFields f = security(ctx, 4624, 12544, 2);
                const bool network = ctx.rng.chance(40);
                const uint32_t type =
                    network ? 3 : ctx.rng.pick(std::vector<uint32_t>{2, 5, 7, 10, 11});
                std::vector<Value> v = systemValues(f);
                const bool system = type == 5;
                for (Value x : {
                         Value::sid("S-1-5-18"),
                         Value::string(ctx.host->shortName + "$"),
                         Value::string(ctx.host->domain),
                         Value::hex64(0x3e7),
                         Value::sid(system ? "S-1-5-18" : ctx.host->userSid),
                         Value::string(system ? "SYSTEM" : ctx.host->userName),
                         Value::string(system ? "NT AUTHORITY" : ctx.host->domain),
                         Value::hex64(ctx.rng.range(0x10000, 0xFFFFFFF)),
                         Value::u32(type),
                         Value::string(network ? "NtLmSsp " : "User32 "),
                         Value::string(network ? "NTLM" : "Negotiate"),
                         Value::string(ctx.host->shortName),
                         Value::guid(ctx.rng.guid()),
                         Value::string("-"),
                         Value::string(network ? "NTLM V2" : "-"),
                         Value::u32(network ? 128 : 0),
                         Value::hex64(network ? 0 : 0x2a8),
                         Value::string(network ? "-" : "C:\\Windows\\System32\\winlogon.exe"),
                         Value::string(network ? "10.20.4." + std::to_string(ctx.rng.range(2, 250))
                                               : "127.0.0.1"),
                         Value::string(std::to_string(network ? ctx.rng.range(49152, 65535) : 0)),
                         Value::string("%%1833"),
                         Value::string(ctx.rng.chance(30) ? "%%1842" : "%%1843"),
                     })
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind failedLogon() {
    auto t = makeTemplate(tplGuid("8E1B3A53-2B1F-4C4B-9C2C-6B0A4E624625"),
                          eventElement({eventData({
                              {"SubjectUserSid", vt::Sid},
                              {"SubjectUserName", vt::String},
                              {"SubjectDomainName", vt::String},
                              {"SubjectLogonId", vt::HexInt64},
                              {"TargetUserSid", vt::Sid},
                              {"TargetUserName", vt::String},
                              {"TargetDomainName", vt::String},
                              {"Status", vt::HexInt32},
                              {"FailureReason", vt::String},
                              {"SubStatus", vt::HexInt32},
                              {"LogonType", vt::UInt32},
                              {"LogonProcessName", vt::String},
                              {"AuthenticationPackageName", vt::String},
                              {"WorkstationName", vt::String},
                              {"IpAddress", vt::String},
                              {"IpPort", vt::String},
                          })}));
    return {"4625 failed logon", 4, [t](Context& ctx) {
                SystemFields f = security(ctx, 4625, 12544, 0);
                const std::vector<std::string> users = {"administrator", "admin", "backup",
                                                        "test",          "sql",   "guest"};
                std::vector<Value> v = systemValues(f);
                for (Value x :
                     {Value::sid("S-1-0-0"), Value::string("-"), Value::string("-"),
                      Value::hex64(0), Value::sid("S-1-0-0"), Value::string(ctx.rng.pick(users)),
                      Value::string(""), Value::hex32(0xc000006d), Value::string("%%2313"),
                      Value::hex32(ctx.rng.chance(70) ? 0xc000006a : 0xc0000064), Value::u32(3),
                      Value::string("NtLmSsp "), Value::string("NTLM"), Value::string("KALI"),
                      Value::string("185.220.101." + std::to_string(ctx.rng.range(1, 254))),
                      Value::string(std::to_string(ctx.rng.range(1024, 65535)))})
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind specialPrivileges() {
    auto t = makeTemplate(tplGuid("8E1B3A53-2B1F-4C4B-9C2C-6B0A4E624672"),
                          eventElement({eventData({{"SubjectUserSid", vt::Sid},
                                                   {"SubjectUserName", vt::String},
                                                   {"SubjectDomainName", vt::String},
                                                   {"SubjectLogonId", vt::HexInt64},
                                                   {"PrivilegeList", vt::String}})}));
    return {"4672 special privileges", 8, [t](Context& ctx) {
                SystemFields f = security(ctx, 4672, 12548, 0);
                std::vector<Value> v = systemValues(f);
                for (Value x :
                     {Value::sid("S-1-5-18"), Value::string("SYSTEM"),
                      Value::string("NT AUTHORITY"), Value::hex64(0x3e7),
                      Value::string("SeAssignPrimaryTokenPrivilege\r\n\t\t\tSeTcbPrivilege"
                                    "\r\n\t\t\tSeSecurityPrivilege\r\n\t\t\t"
                                    "SeDebugPrivilege\r\n\t\t\tSeImpersonatePrivilege")})
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind processCreation() {
    auto t = makeTemplate(tplGuid("8E1B3A53-2B1F-4C4B-9C2C-6B0A4E624688"),
                          eventElement({eventData({
                              {"SubjectUserSid", vt::Sid},
                              {"SubjectUserName", vt::String},
                              {"SubjectDomainName", vt::String},
                              {"SubjectLogonId", vt::HexInt64},
                              {"NewProcessId", vt::HexInt64},
                              {"NewProcessName", vt::String},
                              {"TokenElevationType", vt::String},
                              {"ProcessId", vt::HexInt64},
                              {"CommandLine", vt::String},
                              {"TargetUserSid", vt::Sid},
                              {"TargetUserName", vt::String},
                              {"TargetDomainName", vt::String},
                              {"TargetLogonId", vt::HexInt64},
                              {"ParentProcessName", vt::String},
                              {"MandatoryLabel", vt::Sid},
                          })}));
    return {
        "4688 process creation", 12, [t](Context& ctx) {
            SystemFields f = security(ctx, 4688, 13312, 2);
            const std::string& image = ctx.rng.pick(kProcesses);
            std::vector<Value> v = systemValues(f);
            for (Value x :
                 {Value::sid(ctx.host->userSid), Value::string(ctx.host->userName),
                  Value::string(ctx.host->domain), Value::hex64(0x5a3c1e),
                  Value::hex64(ctx.rng.range(0x100, 0x3000) & ~3ull), Value::string(image),
                  Value::string("%%1938"), Value::hex64(ctx.rng.range(0x100, 0x3000) & ~3ull),
                  Value::string("\"" + image + "\" " +
                                (ctx.rng.chance(50) ? "-NoProfile" : "/c whoami & echo <done>")),
                  Value::sid("S-1-0-0"), Value::string("-"), Value::string("-"), Value::hex64(0),
                  Value::string("C:\\Windows\\explorer.exe"), Value::sid("S-1-16-8192")})
                v.push_back(x);
            return Generated{{t, std::move(v)}, f};
        }};
}

EventKind logoff() {
    auto t = makeTemplate(tplGuid("8E1B3A53-2B1F-4C4B-9C2C-6B0A4E624634"),
                          eventElement({eventData({{"TargetUserSid", vt::Sid},
                                                   {"TargetUserName", vt::String},
                                                   {"TargetDomainName", vt::String},
                                                   {"TargetLogonId", vt::HexInt64},
                                                   {"LogonType", vt::UInt32}})}));
    return {"4634 logoff", 6, [t](Context& ctx) {
                SystemFields f = security(ctx, 4634, 12545, 0);
                std::vector<Value> v = systemValues(f);
                for (Value x : {Value::sid(ctx.host->userSid), Value::string(ctx.host->userName),
                                Value::string(ctx.host->domain),
                                Value::hex64(ctx.rng.range(0x10000, 0xFFFFFFF)), Value::u32(3)})
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

// 1102: the event body is <UserData>{BinXML value}</UserData>, the value being
// an instance of its own template (as Windows writes UserData).
EventKind logCleared() {
    auto outer = makeTemplate(tplGuid("8E1B3A53-2B1F-4C4B-9C2C-6B0A4E621102"),
                              eventElement({el("UserData", {}, {sub(kData, vt::BinXml)})}));
    auto inner = makeTemplate(
        tplGuid("8E1B3A53-2B1F-4C4B-9C2C-6B0A4E62110F"),
        el("LogFileCleared",
           {attr("xmlns", text("http://manifests.microsoft.com/win/2004/08/windows/eventlog"))},
           {el("SubjectUserSid", {}, {sub(0, vt::Sid)}),
            el("SubjectUserName", {}, {sub(1, vt::String)}),
            el("SubjectDomainName", {}, {sub(2, vt::String)}),
            el("SubjectLogonId", {}, {sub(3, vt::HexInt64)})}));
    return {"1102 log cleared", 1, [outer, inner](Context& ctx) {
                SystemFields f =
                    baseSystem(ctx, "Microsoft-Windows-Eventlog",
                               "FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148", 1102, "Security", 4);
                f.task = 104;
                f.keywords = 0x4020000000000000ull;
                std::vector<Value> v = systemValues(f);
                v.push_back(Value::binXml(
                    Instance{inner,
                             {Value::sid(ctx.host->userSid), Value::string(ctx.host->userName),
                              Value::string(ctx.host->domain), Value::hex64(0x5a3c1e)}}));
                return Generated{{outer, std::move(v)}, f};
            }};
}

} // namespace

std::vector<EventKind> securityKinds() {
    return {logon(), failedLogon(), specialPrivileges(), processCreation(), logoff(), logCleared()};
}

} // namespace evtx::writer::demo
