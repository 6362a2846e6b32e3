// Drives the demo event makers: picks a host and an event kind per record
// (weighted, seeded), advances the clock, and writes the records.
#include "demo/demo_context.hpp"

namespace evtx::writer {

using namespace demo;

namespace {

const std::vector<Host> kHosts = {
    {"WKS-0231.corp.contoso.com", "WKS-0231", "CONTOSO", "jdoe",
     "S-1-5-21-3623811015-3361044348-30300820-1013", "10.20.4.31"},
    {"SRV-DC01.corp.contoso.com", "SRV-DC01", "CONTOSO", "svc_backup",
     "S-1-5-21-3623811015-3361044348-30300820-1107", "10.20.1.10"},
    {"LAPTOP-7QX2M.corp.contoso.com", "LAPTOP-7QX2M", "CONTOSO", "a.kowalska",
     "S-1-5-21-3623811015-3361044348-30300820-1254", "10.20.7.112"},
    {"WEB-02.dmz.contoso.com", "WEB-02", "DMZ", "iis_admin",
     "S-1-5-21-1004336348-1177238915-682003330-500", "172.16.30.2"},
};

// 2024-03-04T07:58:12Z, the demo log's first record.
constexpr int64_t kStartUnix = 1709539092;

} // namespace

std::optional<DemoLog> generateDemoLog(const DemoOptions& options, std::string& error) {
    std::vector<EventKind> kinds;
    for (auto part : {securityKinds(), systemKinds(), sysmonKinds(), applicationKinds()})
        for (auto& k : part)
            kinds.push_back(std::move(k));
    unsigned totalWeight = 0;
    for (const auto& k : kinds)
        totalWeight += k.weight;
    auto kindNamed = [&](const std::string& prefix) -> const EventKind& {
        for (const auto& k : kinds)
            if (k.name.rfind(prefix, 0) == 0) return k;
        return kinds.front();
    };

    Context ctx{Rng(options.seed)};
    ctx.now = fileTimeFromUnix(kStartUnix, uint32_t(Rng(options.seed).below(10000000)));
    EvtxWriter writer;
    DemoLog log;
    log.records.reserve(options.records);
    for (uint64_t i = 0; i < options.records; ++i) {
        // At least 10 ms apart, so TimeCreated (up to 5 ms earlier) rises too.
        ctx.now += 100000 + ctx.rng.below(40000000);
        ctx.host = &ctx.rng.pick(kHosts);
        ctx.recordId = writer.nextRecordId();
        const EventKind* kind = nullptr;
        if (i == 0)
            kind = &kindNamed("12 "); // the log starts at boot
        else if (i == 1)
            kind = &kindNamed("6005 ");
        else {
            uint64_t w = ctx.rng.below(totalWeight);
            for (const auto& k : kinds) {
                if (w < k.weight) {
                    kind = &k;
                    break;
                }
                w -= k.weight;
            }
        }
        Generated g = kind->make(ctx);
        auto id = writer.add(Event{ctx.now, std::move(g.instance)}, error);
        if (!id) {
            error = kind->name + ": " + error;
            return std::nullopt;
        }
        const SystemFields& f = g.system;
        log.records.push_back(DemoRecord{*id, ctx.now, f.timeCreated, f.eventId, f.level,
                                         f.provider, f.channel, f.computer});
    }
    log.file = writer.bytes();
    log.stats = writer.stats();
    return log;
}

} // namespace evtx::writer
