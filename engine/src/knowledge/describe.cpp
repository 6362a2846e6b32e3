#include "evtx/knowledge/knowledge_base.hpp"

#include <re2/re2.h>

#include <charconv>
#include <memory>
#include <unordered_map>

namespace evtx::knowledge {
namespace {

// EvtxECmd Refine patterns, compiled once per thread.
const re2::RE2* refinePattern(const std::string& pattern) {
    thread_local std::unordered_map<std::string, std::unique_ptr<re2::RE2>> cache;
    auto& slot = cache[pattern];
    if (!slot) slot = std::make_unique<re2::RE2>(pattern, re2::RE2::Quiet);
    return slot->ok() ? slot.get() : nullptr;
}

// The refined value as EvtxECmd gives it: every match (its first group,
// else the whole match) joined by " | "; the value unchanged when nothing
// matches.
std::string refine(const std::string& pattern, std::string_view value) {
    const re2::RE2* re = refinePattern(pattern);
    if (!re) return std::string(value);
    const int groups = re->NumberOfCapturingGroups() > 0 ? 1 : 0;
    const re2::StringPiece text(value.data(), value.size());
    re2::StringPiece match[2];
    std::string out;
    size_t at = 0, found = 0;
    while (at <= value.size() &&
           re->Match(text, at, value.size(), re2::RE2::UNANCHORED, match, 1 + groups)) {
        if (found++) out += " | ";
        out.append(match[groups].data(), match[groups].size());
        const size_t end = size_t(match[0].data() - value.data()) + match[0].size();
        at = end > at ? end : at + 1; // an empty match moves on by one
    }
    return found ? out : std::string(value);
}

std::string applyFormat(const FieldFormat& f, std::string_view raw) {
    if (f.lookup) {
        auto it = f.lookup->find(raw);
        if (it != f.lookup->end()) return it->second;
        // As EvtxECmd writes a value its table lacks: "Default (raw)".
        return f.lookupDefault.empty() ? std::string{}
                                       : f.lookupDefault + " (" + std::string(raw) + ")";
    }
    if (f.decoder) return f.decoder(raw);
    return {};
}

const EventField* resolve(const FieldSelector& s, const EventEntry* entry,
                          const EventFields& fields) {
    if (!s.path.empty()) return fields.at(s.path, s.name, s.position);
    if (const EventField* f = fields.data(s.name)) return f;
    // A name the knowledge gives an unnamed <Data>.
    if (entry)
        for (size_t i = 0; i < entry->dataNames.size(); ++i)
            if (entry->dataNames[i] == s.name)
                return fields.data("Data[" + std::to_string(i + 1) + "]");
    return nullptr;
}

const std::string& fieldName(const FieldSelector& s, const EventField* f) {
    return s.path.empty() || !f ? s.name : f->name;
}

} // namespace

std::string withMeaning(std::string_view raw, std::string_view meaning) {
    if (meaning.empty() || meaning == raw) return std::string(raw);
    std::string out(raw);
    out.append(" \u2014 ").append(meaning);
    return out;
}

std::string decodeFieldValue(const KnowledgeBase& kb, const EventEntry* entry,
                             std::string_view field, std::string_view raw) {
    if (const FieldFormat* f = kb.fieldFormat(entry, field)) return applyFormat(*f, raw);
    // Security message parameters mean the same wherever they appear.
    if (raw.find("%%") != std::string_view::npos) {
        std::string expanded = expandInsertStrings(raw);
        if (expanded != raw) return expanded;
    }
    return {};
}

void renderTemplateTo(std::string& out, const KnowledgeBase& kb, const EventEntry* entry,
                      const TextTemplate& t, const EventFields& fields) {
    for (const TextTemplate::Piece& piece : t.pieces) {
        out += piece.literal;
        if (!piece.hasField) continue;
        const EventField* f = resolve(piece.field, entry, fields);
        if (!f) continue;
        const FieldFormat& format = piece.format;
        if (format.refine.empty() && format.show == FieldFormat::Show::Raw) {
            out += f->value; // the common case: no copy of the value
            continue;
        }
        std::string value = format.refine.empty() ? f->value : refine(format.refine, f->value);
        if (format.show == FieldFormat::Show::Meaning) {
            std::string meaning =
                format.lookup || format.decoder
                    ? applyFormat(format, value)
                    : decodeFieldValue(kb, entry, fieldName(piece.field, f), value);
            if (!meaning.empty()) value = std::move(meaning);
        }
        out += value;
    }
}

std::string renderTemplate(const KnowledgeBase& kb, const EventEntry* entry, const TextTemplate& t,
                           const EventFields& fields) {
    std::string out;
    renderTemplateTo(out, kb, entry, t, fields);
    return out;
}

EventDescription describe(const KnowledgeBase& kb, const EventFields& fields,
                          const EventEntry* entry) {
    EventDescription d;
    d.category = std::string(kb.taskName(fields.system.provider, fields.system.task));
    d.entry = entry;
    if (!entry) return d;
    d.title = entry->title;
    d.summary = renderTemplate(kb, entry, entry->summary, fields);
    for (size_t i = 0; i < d.properties.size(); ++i)
        d.properties[i] = renderTemplate(kb, entry, entry->properties[i], fields);
    return d;
}

const EventEntry* findEntry(const KnowledgeBase& kb, const EventFields& fields) {
    const SystemFields& s = fields.system;
    int version = -1;
    if (const EventField* v = fields.at("System/Version")) {
        unsigned n = 0;
        auto [end, ec] = std::from_chars(v->value.data(), v->value.data() + v->value.size(), n);
        if (ec == std::errc{} && end == v->value.data() + v->value.size()) version = int(n);
    }
    return kb.find(s.provider, s.channel, s.eventId, version);
}

EventDescription describe(const KnowledgeBase& kb, const EventFields& fields) {
    return describe(kb, fields, findEntry(kb, fields));
}

} // namespace evtx::knowledge
