// Sysmon-like events (Microsoft-Windows-Sysmon/Operational): process
// creation (1) with hashes and GUIDs, network connection (3) and file
// creation (11).
#include "demo/demo_context.hpp"

#include <cstdio>

namespace evtx::writer::demo {
namespace {

constexpr const char* kProvider = "Microsoft-Windows-Sysmon";
constexpr const char* kProviderGuid = "5770385F-C22A-43E0-BF4C-06F5698FFBD9";
constexpr const char* kChannel = "Microsoft-Windows-Sysmon/Operational";

struct Image {
    std::string path, description, product, company, version;
};

const std::vector<Image> kImages = {
    {"C:\\Windows\\System32\\cmd.exe", "Windows Command Processor",
     "Microsoft® Windows® Operating System", "Microsoft Corporation",
     "10.0.19041.746 (WinBuild.160101.0800)"},
    {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "Windows PowerShell",
     "Microsoft® Windows® Operating System", "Microsoft Corporation",
     "10.0.19041.1 (WinBuild.160101.0800)"},
    {"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "Google Chrome", "Google Chrome",
     "Google LLC", "122.0.6261.112"},
    {"C:\\Users\\Public\\Downloads\\tool.exe", "-", "-", "-", "-"},
    {"C:\\Windows\\System32\\rundll32.exe", "Windows host process (Rundll32)",
     "Microsoft® Windows® Operating System", "Microsoft Corporation", "10.0.19041.3636"},
};

std::string utcText(uint64_t fileTime) {
    const SystemTime t = systemTimeFromFileTime(fileTime);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04u-%02u-%02u %02u:%02u:%02u.%03u", t.year, t.month, t.day,
                  t.hour, t.minute, t.second, t.milliseconds);
    return buf;
}

// One statement per draw: draws inside one expression have no fixed order.
std::string hashes(Rng& r) {
    std::string s = "SHA1=" + r.hex(20);
    s += ",MD5=" + r.hex(16);
    s += ",SHA256=" + r.hex(32);
    s += ",IMPHASH=" + r.hex(16);
    return s;
}

std::string remoteIp(Rng& r) {
    const uint64_t c = r.range(0, 255), d = r.range(1, 254);
    return "93.184." + std::to_string(c) + "." + std::to_string(d);
}

SystemFields sysmon(Context& ctx, uint16_t id, uint8_t version) {
    SystemFields f = baseSystem(ctx, kProvider, kProviderGuid, id, kChannel, 4);
    f.version = version;
    f.task = id;
    f.processId = 3124;
    f.userSid = "S-1-5-18";
    return f;
}

EventKind processCreate() {
    auto t = makeTemplate(Guid::parse("B2A1C0DE-0001-4A5E-9F7A-5E2B5C0D0001"),
                          eventElement({eventData({
                              {"RuleName", vt::String},
                              {"UtcTime", vt::String},
                              {"ProcessGuid", vt::Guid},
                              {"ProcessId", vt::UInt32},
                              {"Image", vt::String},
                              {"FileVersion", vt::String},
                              {"Description", vt::String},
                              {"Product", vt::String},
                              {"Company", vt::String},
                              {"OriginalFileName", vt::String},
                              {"CommandLine", vt::String},
                              {"CurrentDirectory", vt::String},
                              {"User", vt::String},
                              {"LogonGuid", vt::Guid},
                              {"LogonId", vt::HexInt64},
                              {"TerminalSessionId", vt::UInt32},
                              {"IntegrityLevel", vt::String},
                              {"Hashes", vt::String},
                              {"ParentProcessGuid", vt::Guid},
                              {"ParentProcessId", vt::UInt32},
                              {"ParentImage", vt::String},
                              {"ParentCommandLine", vt::String},
                              {"ParentUser", vt::String},
                          })}));
    return {"sysmon 1 process create", 10, [t](Context& ctx) {
                SystemFields f = sysmon(ctx, 1, 5);
                const Image& img = ctx.rng.pick(kImages);
                const std::string file = img.path.substr(img.path.rfind('\\') + 1);
                std::vector<Value> v = systemValues(f);
                for (Value x : {
                         Value::string("-"),
                         Value::string(utcText(f.timeCreated)),
                         Value::guid(ctx.rng.guid()),
                         Value::u32(uint32_t(ctx.rng.range(1000, 20000))),
                         Value::string(img.path),
                         Value::string(img.version),
                         Value::string(img.description),
                         Value::string(img.product),
                         Value::string(img.company),
                         Value::string(file),
                         Value::string("\"" + img.path + "\" " + ctx.rng.hex(4)),
                         Value::string("C:\\Users\\" + ctx.host->userName + "\\"),
                         Value::string(ctx.host->domain + "\\" + ctx.host->userName),
                         Value::guid(ctx.rng.guid()),
                         Value::hex64(0x5a3c1e),
                         Value::u32(1),
                         Value::string("Medium"),
                         Value::string(hashes(ctx.rng)),
                         Value::guid(ctx.rng.guid()),
                         Value::u32(uint32_t(ctx.rng.range(1000, 20000))),
                         Value::string("C:\\Windows\\explorer.exe"),
                         Value::string("C:\\Windows\\Explorer.EXE"),
                         Value::string(ctx.host->domain + "\\" + ctx.host->userName),
                     })
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind networkConnect() {
    auto t = makeTemplate(Guid::parse("B2A1C0DE-0003-4A5E-9F7A-5E2B5C0D0003"),
                          eventElement({eventData({
                              {"RuleName", vt::String},
                              {"UtcTime", vt::String},
                              {"ProcessGuid", vt::Guid},
                              {"ProcessId", vt::UInt32},
                              {"Image", vt::String},
                              {"User", vt::String},
                              {"Protocol", vt::String},
                              {"Initiated", vt::Bool},
                              {"SourceIsIpv6", vt::Bool},
                              {"SourceIp", vt::String},
                              {"SourceHostname", vt::String},
                              {"SourcePort", vt::UInt16},
                              {"SourcePortName", vt::String},
                              {"DestinationIsIpv6", vt::Bool},
                              {"DestinationIp", vt::String},
                              {"DestinationHostname", vt::String},
                              {"DestinationPort", vt::UInt16},
                              {"DestinationPortName", vt::String},
                          })}));
    return {
        "sysmon 3 network", 10, [t](Context& ctx) {
            SystemFields f = sysmon(ctx, 3, 5);
            const Image& img = ctx.rng.pick(kImages);
            const uint16_t port = ctx.rng.pick(std::vector<uint16_t>{443, 80, 53, 445, 3389, 8080});
            std::vector<Value> v = systemValues(f);
            for (Value x : {
                     Value::string("technique_id=T1071,technique_name=Web Protocols"),
                     Value::string(utcText(f.timeCreated)),
                     Value::guid(ctx.rng.guid()),
                     Value::u32(uint32_t(ctx.rng.range(1000, 20000))),
                     Value::string(img.path),
                     Value::string(ctx.host->domain + "\\" + ctx.host->userName),
                     Value::string(port == 53 ? "udp" : "tcp"),
                     Value::boolean(true),
                     Value::boolean(false),
                     Value::string(ctx.host->ip),
                     Value::string(ctx.host->computer),
                     Value::u16(uint16_t(ctx.rng.range(49152, 65535))),
                     Value::string("-"),
                     Value::boolean(false),
                     Value::string(remoteIp(ctx.rng)),
                     Value::string(port == 445 ? "fileserver01" : "-"),
                     Value::u16(port),
                     Value::string(port == 443  ? "https"
                                   : port == 80 ? "http"
                                                : "-"),
                 })
                v.push_back(x);
            return Generated{{t, std::move(v)}, f};
        }};
}

EventKind fileCreate() {
    auto t = makeTemplate(Guid::parse("B2A1C0DE-0011-4A5E-9F7A-5E2B5C0D0011"),
                          eventElement({eventData({{"RuleName", vt::String},
                                                   {"UtcTime", vt::String},
                                                   {"ProcessGuid", vt::Guid},
                                                   {"ProcessId", vt::UInt32},
                                                   {"Image", vt::String},
                                                   {"TargetFilename", vt::String},
                                                   {"CreationUtcTime", vt::String},
                                                   {"User", vt::String}})}));
    return {"sysmon 11 file create", 8, [t](Context& ctx) {
                SystemFields f = sysmon(ctx, 11, 2);
                const Image& img = ctx.rng.pick(kImages);
                const std::vector<std::string> files = {"report.docx",  "invoice.pdf",
                                                        "~$draft.xlsx", "setup.msi",
                                                        "données.txt",  "日本語.log"};
                std::vector<Value> v = systemValues(f);
                for (Value x :
                     {Value::string("-"), Value::string(utcText(f.timeCreated)),
                      Value::guid(ctx.rng.guid()), Value::u32(uint32_t(ctx.rng.range(1000, 20000))),
                      Value::string(img.path),
                      Value::string("C:\\Users\\" + ctx.host->userName + "\\Downloads\\" +
                                    ctx.rng.pick(files)),
                      Value::string(utcText(f.timeCreated - 10000000)),
                      Value::string(ctx.host->domain + "\\" + ctx.host->userName)})
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

} // namespace

std::vector<EventKind> sysmonKinds() {
    return {processCreate(), networkConnect(), fileCreate()};
}

} // namespace evtx::writer::demo
