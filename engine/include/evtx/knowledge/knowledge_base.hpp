// What each event means: titles, summaries, Task Category names, column
// templates and field decoders per (Provider, EventID[, Version]). The
// built-in knowledge (resources/knowledge/*.yaml, compiled into the binary)
// and the user's EvtxECmd maps compile to the same tables; a user map
// replaces the built-in entry of its event.
#pragma once

#include "evtx/knowledge/decoders.hpp"
#include "evtx/render/event_fields.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace evtx::knowledge {

// Where a placeholder reads its value.
struct FieldSelector {
    // Empty: the EventData / UserData field called `name` ("TargetUserName",
    // "Data[2]"). Else an element path below <Event> ("EventData/Data",
    // "UserData/EventXML/Param1", "System/Correlation/@ActivityID"), with
    // `name` the [@Name="X"] predicate (empty: none) and `position` [N]
    // (0: the first match).
    std::string path;
    std::string name;
    unsigned position = 0;
};

// How a placeholder's raw text becomes what is written.
struct FieldFormat {
    enum class Show : uint8_t { Raw, Meaning } show = Show::Raw;
    DecodeFn decoder = nullptr; // a shared decoder, or
    std::shared_ptr<const std::map<std::string, std::string, std::less<>>> lookup; // a table
    std::string lookupDefault; // for a value not in `lookup`
    std::string refine;        // a RE2 pattern: keep its match (its first group, if any)
};

// Literal text and placeholders: "{TargetUserName}" in the knowledge
// files, "%user%" in EvtxECmd maps.
struct TextTemplate {
    struct Piece {
        std::string literal; // written first
        bool hasField = false;
        FieldSelector field;
        FieldFormat format;
    };
    std::vector<Piece> pieces;
    bool empty() const { return pieces.empty(); }
};

// The properties EvtxECmd maps fill, in its CSV order.
enum class MapProperty : uint8_t {
    UserName,
    RemoteHost,
    ExecutableInfo,
    PayloadData1,
    PayloadData2,
    PayloadData3,
    PayloadData4,
    PayloadData5,
    PayloadData6,
    Count
};

struct EventEntry {
    std::string provider; // System/Provider/@Name
    std::string channel;  // empty: any channel
    uint16_t eventId = 0;
    int version = -1;     // -1: any version
    std::string title;    // "Logon succeeded"
    TextTemplate summary; // one line of key facts
    std::array<TextTemplate, size_t(MapProperty::Count)> properties;
    // Names for unnamed <Data> values: dataNames[0] names Data[1].
    std::vector<std::string> dataNames;
    // How this event's fields decode, over the shared field decoders.
    std::map<std::string, FieldFormat, std::less<>> fieldFormats;
    std::string source;       // "built-in security.yaml", or the map's path
    bool readsSystem = false; // a template reads <System> by path (set by addEntry)
};

// What describe() says about one record.
struct EventDescription {
    const EventEntry* entry = nullptr; // null: an event the knowledge lacks
    std::string title;
    std::string summary;
    std::string category; // the Task Category name, or "" when unknown
    std::array<std::string, size_t(MapProperty::Count)> properties;
    bool known() const { return entry != nullptr; }
};

// A Task Category name of one provider.
struct TaskName {
    std::string provider;
    uint16_t task = 0;
    std::string name;
};

// One problem found while loading knowledge or maps; the rest still loads.
struct LoadProblem {
    std::string source; // file name
    std::string reason;
};

class KnowledgeBase {
  public:
    KnowledgeBase();
    ~KnowledgeBase();
    KnowledgeBase(KnowledgeBase&&) noexcept;
    KnowledgeBase& operator=(KnowledgeBase&&) noexcept;

    // The knowledge compiled into the product (resources/knowledge/).
    static const KnowledgeBase& builtIn();
    // A copy to add the user's maps to (the built-in one stays as it is).
    KnowledgeBase copy() const;

    // Adds one knowledge file's text (the YAML format of
    // resources/knowledge/README.md). Returns the problems found.
    std::vector<LoadProblem> addKnowledgeText(std::string_view yaml, std::string_view sourceName);
    // Adds (or replaces: the later wins) an entry for its event.
    void addEntry(EventEntry entry);
    // Adds an entry that replaces every entry of its event for its channel
    // (and channel-less ones), whatever their version: a user's map.
    void replaceEvent(EventEntry entry);
    void addTaskName(std::string_view provider, uint16_t task, std::string name);
    // A field decoder every event uses unless its entry says otherwise.
    void addSharedFieldFormat(std::string name, FieldFormat format);

    // The entry for this event: exact version first, then any version;
    // channel-specific entries before channel-less ones, another channel's
    // last. Null: unknown. `versionMatters`: some entry is version-specific.
    const EventEntry* find(std::string_view provider, std::string_view channel, uint16_t eventId,
                           int version, bool* versionMatters = nullptr) const;
    std::string_view taskName(std::string_view provider, uint16_t task) const;
    // How `field` of an event with `entry` (may be null) decodes, or null.
    const FieldFormat* fieldFormat(const EventEntry* entry, std::string_view field) const;
    size_t entryCount() const;
    // Every entry, ordered by provider, event id, version and channel.
    std::vector<const EventEntry*> entries() const;
    std::vector<TaskName> taskNames() const;
    const std::map<std::string, FieldFormat, std::less<>>& sharedFieldFormats() const;

  private:
    struct Tables;
    std::unique_ptr<Tables> t_;
};

// The entry for a record (its System/Version considered), or null.
const EventEntry* findEntry(const KnowledgeBase& kb, const EventFields& fields);

// Title, summary, category and the EvtxECmd properties of one record.
EventDescription describe(const KnowledgeBase& kb, const EventFields& fields);
// The same with the entry already found (may be null).
EventDescription describe(const KnowledgeBase& kb, const EventFields& fields,
                          const EventEntry* entry);

// The text a template of `entry` (may be null) gives for one record.
std::string renderTemplate(const KnowledgeBase& kb, const EventEntry* entry, const TextTemplate& t,
                           const EventFields& fields);
// The same, appended to `out`.
void renderTemplateTo(std::string& out, const KnowledgeBase& kb, const EventEntry* entry,
                      const TextTemplate& t, const EventFields& fields);

// The meaning of one field's value ("Network" for LogonType 3), or "" when
// nothing decodes it.
std::string decodeFieldValue(const KnowledgeBase& kb, const EventEntry* entry,
                             std::string_view field, std::string_view raw);

// A field value with its meaning beside it: "3 — Network", or the raw
// value alone.
std::string withMeaning(std::string_view raw, std::string_view meaning);

} // namespace evtx::knowledge
