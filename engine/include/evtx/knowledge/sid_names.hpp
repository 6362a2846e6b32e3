// The account names a log itself gives its SIDs. Security events carry a SID
// beside the account's name (TargetUserSid with TargetDomainName and
// TargetUserName); other events (System/Security/@UserID) carry the SID
// alone. Learned once over a log, this names those SIDs too.
//
// The rule, per record, over its EventData / UserData fields: a field
// `<P>UserSid` pairs with `<P>UserName`; a field `<P>Sid` with `<P>UserName`,
// else `<P>Name` (MemberSid with MemberName); the name is prefixed with
// `<P>DomainName` when that is set ("CORP\alice"). A SID that is empty, "-",
// not "S-..." or the NULL SID S-1-0-0, and a name that is empty or "-", are
// not learned. Computer accounts ("WS01$") are. Names are compared without
// regard to ASCII case (Windows account names are case-insensitive); the
// first spelling seen is kept.
#pragma once

#include "evtx/render/event_fields.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace evtx::knowledge {

// One name a SID had, and in how many pairs.
struct SidName {
    std::string name;
    uint64_t count = 0;
};

// Not synchronized: learn on one thread, then share it const (reads only).
class SidNames {
  public:
    // Learns the pairs of one record's fields (see the rule above).
    void learn(const EventFields& fields);
    // Learns one pair, with the rule's checks; `domain` may be empty.
    void add(std::string_view sid, std::string_view domain, std::string_view user);
    // Adds every pair `other` learned.
    void merge(const SidNames& other);

    // The log's name for `sid`: "CORP\alice"; when the log gave it several
    // names (a renamed account, S-1-5-18 as each computer's account), the
    // most frequent first, then the others in that order:
    // "CORP\alice (also: CORP\alice.old)". "" when the log never named it.
    std::string nameOf(std::string_view sid) const;
    // Every name of `sid`, most frequent first (ties: by name).
    std::vector<SidName> namesOf(std::string_view sid) const;
    size_t size() const { return names_.size(); } // SIDs named
    bool empty() const { return names_.empty(); }

  private:
    void addName(std::string key, std::string_view name, uint64_t count);

    std::unordered_map<std::string, std::vector<SidName>> names_; // by upper-case SID
};

} // namespace evtx::knowledge
