#include "evtx/knowledge/sid_names.hpp"

#include <algorithm>

namespace evtx::knowledge {

namespace {

// More names than this for one SID (S-1-5-18 as every computer's account in
// a forwarded log) are not kept: the first ones seen already tell the story.
constexpr size_t kMaxNamesPerSid = 64;
// nameOf lists this many of the other names, then says how many more.
constexpr size_t kMaxOthersShown = 3;

char upperAscii(char c) {
    return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return upperAscii(x) == upperAscii(y);
           });
}

std::string sidKey(std::string_view sid) {
    std::string key(sid);
    for (char& c : key)
        c = upperAscii(c);
    return key;
}

bool learnableSid(std::string_view sid) {
    return sid.size() > 2 && upperAscii(sid[0]) == 'S' && sid[1] == '-' &&
           !equalsIgnoringCase(sid, "S-1-0-0");
}

bool learnableName(std::string_view name) {
    return !name.empty() && name != "-";
}

std::string_view valueOf(const EventFields& fields, const std::string& name) {
    const EventField* f = fields.data(name);
    return f ? std::string_view(f->value) : std::string_view{};
}

} // namespace

void SidNames::learn(const EventFields& fields) {
    static constexpr std::string_view kUserSid = "UserSid", kSid = "Sid";
    std::string prefix;
    for (const EventField& f : fields) {
        if (!f.isData() || !f.name.ends_with(kSid) || !learnableSid(f.value)) continue;
        std::string_view user;
        if (f.name.ends_with(kUserSid)) {
            prefix.assign(f.name, 0, f.name.size() - kUserSid.size());
            user = valueOf(fields, prefix + "UserName");
        } else {
            prefix.assign(f.name, 0, f.name.size() - kSid.size());
            user = valueOf(fields, prefix + "UserName");
            if (!learnableName(user)) user = valueOf(fields, prefix + "Name");
        }
        add(f.value, valueOf(fields, prefix + "DomainName"), user);
    }
}

void SidNames::add(std::string_view sid, std::string_view domain, std::string_view user) {
    if (!learnableSid(sid) || !learnableName(user)) return;
    if (!learnableName(domain)) return addName(sidKey(sid), user, 1);
    std::string name;
    name.reserve(domain.size() + 1 + user.size());
    name.append(domain).append("\\").append(user);
    addName(sidKey(sid), name, 1);
}

void SidNames::addName(std::string key, std::string_view name, uint64_t count) {
    std::vector<SidName>& names = names_[std::move(key)];
    for (SidName& n : names) {
        if (!equalsIgnoringCase(n.name, name)) continue;
        n.count += count;
        return;
    }
    if (names.size() < kMaxNamesPerSid) names.push_back(SidName{std::string(name), count});
}

void SidNames::merge(const SidNames& other) {
    for (const auto& [key, names] : other.names_)
        for (const SidName& n : names)
            addName(key, n.name, n.count);
}

std::vector<SidName> SidNames::namesOf(std::string_view sid) const {
    const auto it = names_.find(sidKey(sid));
    if (it == names_.end()) return {};
    std::vector<SidName> names = it->second;
    std::sort(names.begin(), names.end(), [](const SidName& a, const SidName& b) {
        return a.count != b.count ? a.count > b.count : a.name < b.name;
    });
    return names;
}

std::string SidNames::nameOf(std::string_view sid) const {
    const std::vector<SidName> names = namesOf(sid);
    if (names.empty()) return {};
    std::string text = names.front().name;
    if (names.size() == 1) return text;
    text.append(" (also: ");
    const size_t shown = std::min(names.size() - 1, kMaxOthersShown);
    for (size_t i = 1; i <= shown; ++i)
        text.append(i > 1 ? ", " : "").append(names[i].name);
    if (names.size() - 1 > shown)
        text.append(" and ").append(std::to_string(names.size() - 1 - shown)).append(" more");
    text.append(")");
    return text;
}

} // namespace evtx::knowledge
