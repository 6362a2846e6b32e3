#include "details/event_data_fields.hpp"

#include <QCoreApplication>

#include <charconv>

namespace evtxui {

namespace {
// The knowledge's name for "Data[N]" (entry dataNames), or "".
std::string_view knownDataName(const evtx::knowledge::EventEntry* entry, std::string_view name) {
    if (!entry || !name.starts_with("Data[") || !name.ends_with("]")) return {};
    size_t n = 0;
    const auto [end, ec] = std::from_chars(name.data() + 5, name.data() + name.size() - 1, n);
    if (ec != std::errc() || end != name.data() + name.size() - 1) return {};
    if (n == 0 || n > entry->dataNames.size()) return {};
    return entry->dataNames[n - 1];
}

QString qs(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

QString sidMeaning(std::string_view sid, const evtx::knowledge::SidNames* logNames) {
    if (const std::string_view known = evtx::knowledge::wellKnownSidName(sid); !known.empty())
        return qs(known);
    const std::string name = logNames ? logNames->nameOf(sid) : std::string();
    if (name.empty()) return {};
    return QCoreApplication::translate("DetailPane", "%1 (from this log)").arg(qs(name));
}

std::vector<DataFieldView> dataFieldViews(const evtx::knowledge::KnowledgeBase& kb,
                                          const evtx::knowledge::EventEntry* entry,
                                          const evtx::EventFields& fields,
                                          const evtx::knowledge::SidNames* logNames) {
    std::vector<DataFieldView> out;
    for (const evtx::EventField& f : fields) {
        if (!f.isData()) continue;
        DataFieldView v;
        v.name = qs(f.name);
        v.raw = qs(f.value);
        const std::string_view known = knownDataName(entry, f.name);
        v.label = known.empty() ? v.name : QStringLiteral("%1 (%2)").arg(qs(known), v.name);
        // Decoders are keyed by the knowledge's name when it gives one.
        std::string meaning =
            evtx::knowledge::decodeFieldValue(kb, entry, known.empty() ? f.name : known, f.value);
        if (meaning.empty() && !known.empty())
            meaning = evtx::knowledge::decodeFieldValue(kb, entry, f.name, f.value);
        v.meaning = QString::fromStdString(meaning);
        // A SID the knowledge cannot name (a domain account): the log may.
        if (v.meaning.isEmpty() && f.value.starts_with("S-1-"))
            v.meaning = sidMeaning(f.value, logNames);
        out.push_back(std::move(v));
    }
    return out;
}

} // namespace evtxui
