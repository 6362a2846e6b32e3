#include "evtx/knowledge/knowledge_base.hpp"

#include "knowledge/embedded_pack.hpp"
#include "knowledge/knowledge_pack.hpp"
#include "knowledge/knowledge_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <utility>

namespace evtx::knowledge {
namespace {

// Provider names compare case-insensitively (the same provider is spelled
// "Microsoft-Windows-Eventlog" and "Microsoft-Windows-EventLog"). The key
// is built in a per-thread buffer: lookups happen once per record.
const std::string& eventKey(std::string_view provider, uint16_t eventId) {
    thread_local std::string key;
    key.assign(provider);
    for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    key += '\x1f';
    char digits[8];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, eventId);
    key.append(digits, end);
    return key;
}

// Whether any of an event's templates reads <System> by path.
bool readsSystem(const EventEntry& e) {
    auto reads = [](const TextTemplate& t) {
        for (const auto& piece : t.pieces)
            if (piece.hasField && piece.field.path.rfind("System", 0) == 0) return true;
        return false;
    };
    if (reads(e.summary)) return true;
    for (const TextTemplate& t : e.properties)
        if (reads(t)) return true;
    return false;
}

bool sameText(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

struct KnowledgeBase::Tables {
    // All entries of one (provider, event id): versions and channels.
    std::unordered_map<std::string, std::vector<EventEntry>> events;
    std::unordered_map<std::string, TaskName> tasks; // by eventKey(provider, task)
    std::map<std::string, FieldFormat, std::less<>> sharedFormats;
    size_t count = 0;
};

KnowledgeBase::KnowledgeBase() : t_(std::make_unique<Tables>()) {}
KnowledgeBase::~KnowledgeBase() = default;
KnowledgeBase::KnowledgeBase(KnowledgeBase&&) noexcept = default;
KnowledgeBase& KnowledgeBase::operator=(KnowledgeBase&&) noexcept = default;

KnowledgeBase KnowledgeBase::copy() const {
    KnowledgeBase kb;
    *kb.t_ = *t_;
    return kb;
}

const KnowledgeBase& KnowledgeBase::builtIn() {
    static const KnowledgeBase kb = [] {
        KnowledgeBase k;
        // Built by engine/tools/knowledge_pack, which refuses a knowledge
        // file with any problem: a pack that does not read is a build error.
        std::string error;
        if (!unpackKnowledge(embeddedKnowledgePack(), k, error)) std::abort();
        return k;
    }();
    return kb;
}

std::vector<LoadProblem> KnowledgeBase::addKnowledgeText(std::string_view yaml,
                                                         std::string_view sourceName) {
    return loadKnowledgeText(*this, yaml, sourceName);
}

void KnowledgeBase::addEntry(EventEntry entry) {
    entry.readsSystem = readsSystem(entry);
    auto& list = t_->events[eventKey(entry.provider, entry.eventId)];
    for (EventEntry& e : list)
        if (e.version == entry.version && sameText(e.channel, entry.channel)) {
            e = std::move(entry); // the later file wins
            return;
        }
    list.push_back(std::move(entry));
    ++t_->count;
}

void KnowledgeBase::replaceEvent(EventEntry entry) {
    auto& list = t_->events[eventKey(entry.provider, entry.eventId)];
    const size_t before = list.size();
    std::erase_if(list, [&](const EventEntry& e) {
        return e.channel.empty() || sameText(e.channel, entry.channel);
    });
    t_->count -= before - list.size();
    addEntry(std::move(entry));
}

void KnowledgeBase::addTaskName(std::string_view provider, uint16_t task, std::string name) {
    t_->tasks[eventKey(provider, task)] = TaskName{std::string(provider), task, std::move(name)};
}

void KnowledgeBase::addSharedFieldFormat(std::string name, FieldFormat format) {
    t_->sharedFormats[std::move(name)] = std::move(format);
}

const EventEntry* KnowledgeBase::find(std::string_view provider, std::string_view channel,
                                      uint16_t eventId, int version, bool* versionMatters) const {
    if (versionMatters) *versionMatters = false;
    auto it = t_->events.find(eventKey(provider, eventId));
    if (it == t_->events.end()) return nullptr;
    // Best: same version and channel; a version or channel left open
    // matches anything but ranks lower. An entry for another channel is
    // the last resort: a provider's events mean the same wherever a log
    // collected them.
    const EventEntry* best = nullptr;
    int bestScore = -100;
    for (const EventEntry& e : it->second) {
        if (e.version >= 0 && versionMatters) *versionMatters = true;
        if (e.version >= 0 && e.version != version) continue;
        const int channelScore = e.channel.empty() ? 0 : sameText(e.channel, channel) ? 1 : -4;
        const int score = (e.version >= 0 ? 2 : 0) + channelScore;
        if (score > bestScore) {
            best = &e;
            bestScore = score;
        }
    }
    return best;
}

std::string_view KnowledgeBase::taskName(std::string_view provider, uint16_t task) const {
    auto it = t_->tasks.find(eventKey(provider, task));
    return it == t_->tasks.end() ? std::string_view{} : std::string_view(it->second.name);
}

const FieldFormat* KnowledgeBase::fieldFormat(const EventEntry* entry,
                                              std::string_view field) const {
    if (entry) {
        auto it = entry->fieldFormats.find(field);
        if (it != entry->fieldFormats.end()) return &it->second;
    }
    auto it = t_->sharedFormats.find(field);
    return it == t_->sharedFormats.end() ? nullptr : &it->second;
}

size_t KnowledgeBase::entryCount() const {
    return t_->count;
}

std::vector<TaskName> KnowledgeBase::taskNames() const {
    std::vector<TaskName> out;
    for (const auto& [key, t] : t_->tasks)
        out.push_back(t);
    std::sort(out.begin(), out.end(), [](const TaskName& a, const TaskName& b) {
        return std::tie(a.provider, a.task) < std::tie(b.provider, b.task);
    });
    return out;
}

const std::map<std::string, FieldFormat, std::less<>>& KnowledgeBase::sharedFieldFormats() const {
    return t_->sharedFormats;
}

std::vector<const EventEntry*> KnowledgeBase::entries() const {
    std::vector<const EventEntry*> out;
    for (const auto& [key, list] : t_->events)
        for (const EventEntry& e : list)
            out.push_back(&e);
    std::sort(out.begin(), out.end(), [](const EventEntry* a, const EventEntry* b) {
        return std::tie(a->provider, a->eventId, a->version, a->channel) <
               std::tie(b->provider, b->eventId, b->version, b->channel);
    });
    return out;
}

} // namespace evtx::knowledge
