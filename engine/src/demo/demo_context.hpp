// State shared by the demo event makers: a seeded random source (our own
// SplitMix64 and range mapping, so output does not depend on the standard
// library's distributions), the host the event comes from, and the System
// part every event template starts with.
#pragma once

#include "evtx/demo/demo_log.hpp"
#include "evtx/writer/value.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace evtx::writer::demo {

class Rng {
  public:
    explicit Rng(uint64_t seed) : s_(seed) {}
    uint64_t next() {
        uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    uint64_t below(uint64_t n) { return n ? next() % n : 0; } // bias is irrelevant here
    uint64_t range(uint64_t lo, uint64_t hi) { return lo + below(hi - lo + 1); }
    bool chance(unsigned percent) { return below(100) < percent; }
    template <typename T> const T& pick(const std::vector<T>& v) {
        return v[size_t(below(v.size()))];
    }
    Guid guid();
    std::string hex(size_t bytes); // uppercase hex digits
    std::vector<uint8_t> bytes(size_t n);

  private:
    uint64_t s_;
};

struct Host {
    std::string computer;  // FQDN
    std::string shortName; // NetBIOS name
    std::string domain;
    std::string userName;
    std::string userSid;
    std::string ip;
};

struct Context {
    Rng rng;
    const Host* host = nullptr;
    uint64_t recordId = 0;
    uint64_t now = 0; // FILETIME of the record
};

// Values of the System element, in the order of its substitutions.
struct SystemFields {
    std::string provider;
    Guid providerGuid;
    uint16_t eventId = 0;
    std::optional<uint16_t> qualifiers;
    uint8_t version = 0;
    uint8_t level = 4;
    uint16_t task = 0;
    uint8_t opcode = 0;
    uint64_t keywords = 0x8000000000000000ull;
    uint64_t timeCreated = 0;
    uint64_t recordId = 0;
    std::optional<Guid> activityId;
    uint32_t processId = 4;
    uint32_t threadId = 8;
    std::string channel;
    std::string computer;
    std::optional<std::string> userSid;
};

// The <System> element: substitutions 0..16; event data starts at 17.
inline constexpr uint16_t kData = 17;
Node systemElement();
std::vector<Value> systemValues(const SystemFields& f);

// <Event xmlns=...><System/>{body}</Event>
Node eventElement(std::vector<Node> body);
// <Data Name="name">{sub}</Data>
Node data(const std::string& name, uint16_t index, uint8_t type, bool optional = false);
// <EventData> with one named Data per (name, type), substitutions from kData.
Node eventData(const std::vector<std::pair<std::string, uint8_t>>& fields);

// One generated event: its template instance and what the test may check.
struct Generated {
    Instance instance;
    SystemFields system;
};

struct EventKind {
    std::string name;
    unsigned weight;
    std::function<Generated(Context&)> make;
};

std::vector<EventKind> securityKinds();
std::vector<EventKind> systemKinds();
std::vector<EventKind> sysmonKinds();
std::vector<EventKind> applicationKinds();

// Fills the System fields every maker sets the same way.
SystemFields baseSystem(Context& ctx, std::string provider, const char* providerGuid,
                        uint16_t eventId, std::string channel, uint8_t level);

} // namespace evtx::writer::demo
