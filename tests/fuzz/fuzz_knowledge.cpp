// libFuzzer target: what users hand the knowledge stage — EvtxECmd maps and
// knowledge files (YAML) — and the value decoders. The first byte picks the
// input kind; whatever loads is applied to a small fixed record.
#include "evtx/knowledge/decoders.hpp"
#include "evtx/knowledge/evtxecmd_maps.hpp"
#include "evtx/knowledge/knowledge_base.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace {

const evtx::EventFields& sampleFields() {
    static const evtx::EventFields fields = [] {
        evtx::EventFields f;
        f.system.provider = "Microsoft-Windows-Security-Auditing";
        f.system.channel = "Security";
        f.system.eventId = 4624;
        f.fields = {{"System/Computer", "", "WS01", 1},
                    {"System/Correlation/@ActivityID", "", "{0000}", 1},
                    {"EventData/Data", "TargetUserName", "alice", 1},
                    {"EventData/Data", "LogonType", "3", 1},
                    {"EventData/Data", "Data[1]", "%%1833 %%1842", 1},
                    {"UserData/EventXML/Param1", "Param1", "x,\"y\"", 1}};
        f.used = f.fields.size();
        return f;
    }();
    return fields;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace evtx::knowledge;
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    KnowledgeBase kb;
    switch (data[0] % 3) {
    case 0: {
        EventEntry entry;
        std::vector<LoadProblem> problems;
        if (compileEvtxecmdMap(text, "fuzz.map", entry, problems)) kb.replaceEvent(entry);
        break;
    }
    case 1:
        kb.addKnowledgeText(text, "fuzz.yaml");
        break;
    default:
        for (std::string_view name : decoderNames())
            if (DecodeFn decode = findDecoder(name)) (void)decode(text);
        (void)expandInsertStrings(text);
        (void)wellKnownSidName(text);
        return 0;
    }
    // Whatever loaded, applied to a record of the event it may describe.
    for (const EventEntry* e : kb.entries()) {
        evtx::EventFields fields = sampleFields();
        fields.system.provider = e->provider;
        fields.system.channel = e->channel;
        fields.system.eventId = e->eventId;
        const EventDescription d = describe(kb, fields);
        for (const evtx::EventField& f : fields)
            if (f.isData()) (void)decodeFieldValue(kb, d.entry, f.name, f.value);
    }
    return 0;
}
