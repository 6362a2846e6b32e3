#include "evtx/carve/plausibility.hpp"

#include "evtx/carve/carve.hpp"
#include "evtx/carve/live_records.hpp"
#include "evtx/render/filetime.hpp"
#include "evtx/render/render.hpp"
#include "evtx/render/system_fields.hpp"
#include "raw_instance.hpp"

#include <algorithm>
#include <cstring>

namespace evtx {

TimeWindow TimeWindow::afterNewest(uint64_t newestLive) {
    TimeWindow w;
    if (newestLive != 0) w.latest = std::max(newestLive, kFileTime1990) + kFileTimeYear;
    return w;
}

namespace {

std::string outsideWindow(const char* what, uint64_t t, const TimeWindow& w) {
    return std::string(what) + " " + formatFileTime100ns(t, 0, true) +
           " is outside the plausible window " + formatFileTime100ns(w.earliest, 0, true) + " .. " +
           formatFileTime100ns(w.latest, 0, true);
}

bool sameValues(const RawTemplateInstance& a, const RawTemplateInstance& b) {
    if (a.values.size() != b.values.size()) return false;
    for (size_t i = 0; i < a.values.size(); ++i) {
        const Value &x = a.values[i], &y = b.values[i];
        if (x.type != y.type || x.size != y.size || std::memcmp(x.data, y.data, x.size) != 0)
            return false;
    }
    return true;
}

// The event as JSON (the plain renderer: only equality matters here).
std::string jsonOf(const RecordTree& tree) {
    OutBuffer out;
    renderJson(out, tree, RenderOptions{});
    return std::string(out.view());
}

// Is the carved record the same event as the live record `ref`?
bool sameEvent(Bytes chunk, const RecoveredRecord& r, const RecordTree& tree,
               const LiveRecordRef& ref, const CarveContext& ctx) {
    const Bytes liveChunk = chunkBytesOf(ctx.file, ref.chunk);
    const Bytes carved = chunk.subspan(r.header.offset, r.header.size);
    if (ref.size == carved.size() &&
        std::memcmp(liveChunk.data() + ref.offset, carved.data(), carved.size()) == 0)
        return true;
    RecordHeader live;
    if (!looksLikeRecord(liveChunk, ref.offset, live)) return false;
    RawTemplateInstance carvedValues, liveValues;
    const RawTemplateInstance* cv = r.raw ? &*r.raw : nullptr;
    if (!cv && recover::readRawInstance(chunk, r.header, carvedValues).empty()) cv = &carvedValues;
    if (cv && recover::readRawInstance(liveChunk, live, liveValues).empty() &&
        live.writtenTime == r.header.writtenTime && sameValues(*cv, liveValues))
        return true;
    if (r.raw || !ctx.cache) return false;
    ChunkBinXml binxml(liveChunk, *ctx.cache);
    RecordTree liveTree;
    if (!binxml.parseRecord(live.binxmlBegin(), live.binxmlEnd(), liveTree).empty()) return false;
    return jsonOf(liveTree) == jsonOf(tree);
}

} // namespace

std::string implausibility(const RecoveredRecord& r, const RecordTree& tree,
                           const TimeWindow& window) {
    if (r.header.id == 0) return "record id 0";
    if (!window.contains(r.header.writtenTime))
        return outsideWindow("written time", r.header.writtenTime, window);
    if (r.raw) return r.raw->values.empty() ? "no template values" : std::string();
    SystemFields f;
    extractSystemFields(tree, f);
    if (!f.hasTimeCreated) return "no System/TimeCreated (not an event)";
    if (!window.contains(f.timeCreated)) return outsideWindow("TimeCreated", f.timeCreated, window);
    return {};
}

LiveRelation relateToLive(Bytes chunk, const RecoveredRecord& r, const RecordTree& tree,
                          const CarveContext& context) {
    if (!context.live) return LiveRelation::NewId;
    const auto refs = context.live->withId(r.header.id);
    if (refs.empty()) return LiveRelation::NewId;
    const uint8_t* at = chunk.data() + r.header.offset;
    for (const LiveRecordRef& ref : refs)
        if (chunkBytesOf(context.file, ref.chunk).data() + ref.offset == at)
            return LiveRelation::IsLive;
    for (const LiveRecordRef& ref : refs)
        if (sameEvent(chunk, r, tree, ref, context)) return LiveRelation::CopyOfLive;
    return LiveRelation::ConflictsWithLive;
}

} // namespace evtx
