#include "demo/demo_context.hpp"

namespace evtx::writer::demo {

Guid Rng::guid() {
    Guid g;
    for (size_t i = 0; i < 16; i += 8) {
        const uint64_t v = next();
        for (size_t k = 0; k < 8; ++k)
            g.bytes[i + k] = uint8_t(v >> (8 * k));
    }
    return g;
}

std::string Rng::hex(size_t bytes) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string s;
    for (uint8_t b : this->bytes(bytes)) {
        s.push_back(kDigits[b >> 4]);
        s.push_back(kDigits[b & 15]);
    }
    return s;
}

std::vector<uint8_t> Rng::bytes(size_t n) {
    std::vector<uint8_t> b(n);
    for (auto& x : b)
        x = uint8_t(next());
    return b;
}

Node systemElement() {
    return el(
        "System", {},
        {
            el("Provider", {attr("Name", sub(0, vt::String)), attr("Guid", sub(1, vt::Guid))}),
            el("EventID", {attr("Qualifiers", optSub(3, vt::UInt16))}, {sub(2, vt::UInt16)}),
            el("Version", {}, {sub(4, vt::UInt8)}),
            el("Level", {}, {sub(5, vt::UInt8)}),
            el("Task", {}, {sub(6, vt::UInt16)}),
            el("Opcode", {}, {sub(7, vt::UInt8)}),
            el("Keywords", {}, {sub(8, vt::HexInt64)}),
            el("TimeCreated", {attr("SystemTime", sub(9, vt::FileTime))}),
            el("EventRecordID", {}, {sub(10, vt::UInt64)}),
            el("Correlation", {attr("ActivityID", optSub(11, vt::Guid))}),
            el("Execution",
               {attr("ProcessID", sub(12, vt::UInt32)), attr("ThreadID", sub(13, vt::UInt32))}),
            el("Channel", {}, {sub(14, vt::String)}),
            el("Computer", {}, {sub(15, vt::String)}),
            el("Security", {attr("UserID", optSub(16, vt::Sid))}),
        });
}

std::vector<Value> systemValues(const SystemFields& f) {
    return {
        Value::string(f.provider),
        Value::guid(f.providerGuid),
        Value::u16(f.eventId),
        f.qualifiers ? Value::u16(*f.qualifiers) : Value::null(),
        Value::u8(f.version),
        Value::u8(f.level),
        Value::u16(f.task),
        Value::u8(f.opcode),
        Value::hex64(f.keywords),
        Value::fileTime(f.timeCreated),
        Value::u64(f.recordId),
        f.activityId ? Value::guid(*f.activityId) : Value::null(),
        Value::u32(f.processId),
        Value::u32(f.threadId),
        Value::string(f.channel),
        Value::string(f.computer),
        f.userSid ? Value::sid(*f.userSid) : Value::null(),
    };
}

Node eventElement(std::vector<Node> body) {
    body.insert(body.begin(), systemElement());
    return el("Event",
              {attr("xmlns", text("http://schemas.microsoft.com/win/2004/08/events/event"))},
              std::move(body));
}

Node data(const std::string& name, uint16_t index, uint8_t type, bool optional) {
    return el("Data", {attr("Name", text(name))},
              {optional ? optSub(index, type) : sub(index, type)});
}

Node eventData(const std::vector<std::pair<std::string, uint8_t>>& fields) {
    std::vector<Node> children;
    uint16_t i = kData;
    for (const auto& [name, type] : fields)
        children.push_back(data(name, i++, type));
    return el("EventData", {}, std::move(children));
}

SystemFields baseSystem(Context& ctx, std::string provider, const char* providerGuid,
                        uint16_t eventId, std::string channel, uint8_t level) {
    SystemFields f;
    f.provider = std::move(provider);
    f.providerGuid = Guid::parse(providerGuid);
    f.eventId = eventId;
    f.level = level;
    // TimeCreated precedes the write by up to 5 ms.
    f.timeCreated = ctx.now - ctx.rng.below(50000);
    f.recordId = ctx.recordId;
    f.processId = uint32_t(ctx.rng.range(4, 9000) & ~3u);
    f.threadId = uint32_t(ctx.rng.range(8, 12000) & ~3u);
    f.channel = std::move(channel);
    f.computer = ctx.host->computer;
    return f;
}

} // namespace evtx::writer::demo
