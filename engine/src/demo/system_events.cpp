// System-log events: service state changes (7036, with qualifiers and a
// Binary element), event log start/stop (6005/6006), Kernel-General boot
// time (12, SYSTEMTIME) and time change (1, FILETIME), an unexpected
// shutdown (Kernel-Power 41, critical), a service failure (7000, error) and
// a DNS timeout (1014, warning).
#include "demo/demo_context.hpp"

namespace evtx::writer::demo {
namespace {

struct Service {
    std::string name, key;
};

const std::vector<Service> kServices = {
    {"Windows Update", "wuauserv"},
    {"Background Intelligent Transfer Service", "BITS"},
    {"Windows Defender Antivirus Service", "WinDefend"},
    {"Print Spooler", "Spooler"},
    {"Windows Modules Installer", "TrustedInstaller"},
    {"Delivery Optimization", "DoSvc"},
    {"WinHTTP Web Proxy Auto-Discovery Service", "WinHttpAutoProxySvc"},
    {"Microsoft Store Install Service", "InstallService"},
};

// The service key name as UTF-16LE bytes, as 7036 stores it in <Binary>.
std::vector<uint8_t> utf16Bytes(const std::string& ascii) {
    std::vector<uint8_t> b;
    for (char c : ascii)
        b.insert(b.end(), {uint8_t(c), 0});
    return b;
}

EventKind serviceState() {
    // Positional <Data> (no Name) and a <Binary> element, like the real 7036.
    auto t = makeTemplate(Guid::parse("3C5B26A1-7036-4F3B-A51D-0B5C7F2D7036"),
                          eventElement({el("EventData", {},
                                           {el("Data", {}, {sub(kData, vt::String)}),
                                            el("Data", {}, {sub(kData + 1, vt::String)}),
                                            el("Binary", {}, {sub(kData + 2, vt::Binary)})})}));
    return {"7036 service state", 12, [t](Context& ctx) {
                SystemFields f =
                    baseSystem(ctx, "Service Control Manager",
                               "555908D1-A6D7-4695-8E1E-26931D2012F4", 7036, "System", 4);
                f.qualifiers = 16384;
                f.keywords = 0x8080000000000000ull;
                f.processId = 780;
                const Service& service = ctx.rng.pick(kServices);
                const bool running = ctx.rng.chance(50);
                std::vector<Value> v = systemValues(f);
                v.push_back(Value::string(service.name));
                v.push_back(Value::string(running ? "running" : "stopped"));
                v.push_back(Value::binary(utf16Bytes(service.key)));
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind eventLogStarted() {
    auto t = makeTemplate(Guid::parse("3C5B26A1-6005-4F3B-A51D-0B5C7F2D6005"),
                          eventElement({el("EventData", {}, {el("Binary")})}));
    return {"6005 event log started", 1, [t](Context& ctx) {
                SystemFields f = baseSystem(ctx, "EventLog", "FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148",
                                            6005, "System", 4);
                f.qualifiers = 32768;
                return Generated{{t, systemValues(f)}, f};
            }};
}

EventKind eventLogStopped() {
    auto t = makeTemplate(Guid::parse("3C5B26A1-6006-4F3B-A51D-0B5C7F2D6006"),
                          eventElement({el("EventData", {},
                                           {el("Data", {}, {sub(kData, vt::String)}),
                                            el("Binary", {}, {sub(kData + 1, vt::Binary)})})}));
    return {"6006 event log stopped", 1, [t](Context& ctx) {
                SystemFields f = baseSystem(ctx, "EventLog", "FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148",
                                            6006, "System", 4);
                f.qualifiers = 32768;
                std::vector<Value> v = systemValues(f);
                v.push_back(Value::string(""));
                v.push_back(Value::binary({0xE8, 0x07, 0x03, 0x00, 0x01, 0x00, 0x04, 0x00}));
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind bootTime() {
    auto t = makeTemplate(Guid::parse("3C5B26A1-0012-4F3B-A51D-0B5C7F2D0012"),
                          eventElement({eventData({{"MajorVersion", vt::UInt32},
                                                   {"MinorVersion", vt::UInt32},
                                                   {"BuildVersion", vt::UInt32},
                                                   {"QfeVersion", vt::UInt32},
                                                   {"ServiceVersion", vt::UInt32},
                                                   {"BootMode", vt::UInt32},
                                                   {"StartTime", vt::SysTime}})}));
    return {"12 kernel boot", 1, [t](Context& ctx) {
                SystemFields f =
                    baseSystem(ctx, "Microsoft-Windows-Kernel-General",
                               "A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D", 12, "System", 4);
                f.version = 1;
                f.task = 0;
                f.userSid = "S-1-5-18";
                std::vector<Value> v = systemValues(f);
                for (Value x : {Value::u32(10), Value::u32(0), Value::u32(19045), Value::u32(3803),
                                Value::u32(0), Value::u32(0),
                                Value::systemTime(systemTimeFromFileTime(ctx.now - 180000000ull))})
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind timeChange() {
    auto t = makeTemplate(Guid::parse("3C5B26A1-0001-4F3B-A51D-0B5C7F2D0001"),
                          eventElement({eventData({{"NewTime", vt::FileTime},
                                                   {"OldTime", vt::FileTime},
                                                   {"Reason", vt::UInt32},
                                                   {"ProcessName", vt::String},
                                                   {"ProcessID", vt::UInt32}})}));
    return {"1 time change", 2, [t](Context& ctx) {
                SystemFields f = baseSystem(ctx, "Microsoft-Windows-Kernel-General",
                                            "A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D", 1, "System", 4);
                f.version = 2;
                f.task = 5;
                f.keywords = 0x8000000000000010ull;
                f.userSid = "S-1-5-19";
                std::vector<Value> v = systemValues(f);
                for (Value x :
                     {Value::fileTime(f.timeCreated),
                      Value::fileTime(f.timeCreated - ctx.rng.range(1, 9000000)), Value::u32(2),
                      Value::string("C:\\Windows\\System32\\svchost.exe"), Value::u32(1456)})
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind unexpectedShutdown() {
    auto t = makeTemplate(Guid::parse("3C5B26A1-0041-4F3B-A51D-0B5C7F2D0041"),
                          eventElement({eventData({{"BugcheckCode", vt::UInt32},
                                                   {"BugcheckParameter1", vt::HexInt64},
                                                   {"SleepInProgress", vt::UInt32},
                                                   {"PowerButtonTimestamp", vt::UInt64},
                                                   {"BootAppStatus", vt::UInt32},
                                                   {"Checkpoint", vt::UInt8},
                                                   {"ConnectedStandbyInProgress", vt::Bool},
                                                   {"LongPowerButtonPressDetected", vt::Bool},
                                                   {"CsEntryScenarioInstanceId", vt::UInt8}})}));
    return {"41 kernel power", 1, [t](Context& ctx) {
                SystemFields f =
                    baseSystem(ctx, "Microsoft-Windows-Kernel-Power",
                               "331C3B3A-2005-44C2-AC5E-77220C37D6B4", 41, "System", 1);
                f.version = 8;
                f.task = 63;
                f.opcode = 0;
                f.keywords = 0x8000400000000002ull;
                f.userSid = "S-1-5-18";
                std::vector<Value> v = systemValues(f);
                for (Value x : {Value::u32(0), Value::hex64(0), Value::u32(0), Value::u64(0),
                                Value::u32(0), Value::u8(0), Value::boolean(false),
                                Value::boolean(ctx.rng.chance(50)), Value::u8(0)})
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind serviceFailed() {
    auto t =
        makeTemplate(Guid::parse("3C5B26A1-7000-4F3B-A51D-0B5C7F2D7000"),
                     eventElement({eventData({{"param1", vt::String}, {"param2", vt::String}})}));
    return {"7000 service failed", 2, [t](Context& ctx) {
                SystemFields f =
                    baseSystem(ctx, "Service Control Manager",
                               "555908D1-A6D7-4695-8E1E-26931D2012F4", 7000, "System", 2);
                f.qualifiers = 49152;
                f.keywords = 0x8080000000000000ull;
                std::vector<Value> v = systemValues(f);
                v.push_back(Value::string(ctx.rng.pick(kServices).name));
                v.push_back(Value::string("%%1053"));
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind dnsTimeout() {
    auto t = makeTemplate(
        Guid::parse("3C5B26A1-1014-4F3B-A51D-0B5C7F2D1014"),
        eventElement({eventData(
            {{"QueryName", vt::String}, {"AddressLength", vt::UInt32}, {"Address", vt::Binary}})}));
    return {"1014 dns timeout", 3, [t](Context& ctx) {
                SystemFields f =
                    baseSystem(ctx, "Microsoft-Windows-DNS-Client",
                               "1C95126E-7EEA-49A9-A3FE-A378B03DDB4D", 1014, "System", 3);
                f.task = 1014;
                f.keywords = 0x4000000010000000ull;
                f.userSid = "S-1-5-20";
                const std::vector<std::string> names = {"wpad", "telemetry.contoso.com",
                                                        "fileserver01.corp.contoso.com"};
                std::vector<Value> v = systemValues(f);
                v.push_back(Value::string(ctx.rng.pick(names)));
                v.push_back(Value::u32(128));
                std::vector<uint8_t> addr(128, 0);
                addr[0] = 2;
                addr[4] = 10;
                addr[7] = uint8_t(ctx.rng.range(1, 254));
                v.push_back(Value::binary(std::move(addr)));
                return Generated{{t, std::move(v)}, f};
            }};
}

} // namespace

std::vector<EventKind> systemKinds() {
    return {serviceState(), eventLogStarted(),    eventLogStopped(), bootTime(),
            timeChange(),   unexpectedShutdown(), serviceFailed(),   dnsTimeout()};
}

} // namespace evtx::writer::demo
