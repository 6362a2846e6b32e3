#include "knowledge/event_path.hpp"

#include <cctype>
#include <charconv>

namespace evtx::knowledge {
namespace {

bool fail(std::string& error, std::string why) {
    error = std::move(why);
    return false;
}

bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// One step of the path: an element or @attribute name and its predicates.
struct Step {
    std::string_view name;
    bool attribute = false;
    std::string nameAttr;  // [@Name="X"]
    unsigned position = 0; // [N]
    bool hasPredicate() const { return !nameAttr.empty() || position != 0; }
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

// `inside` is the text between [ and ]: `@Name="X"`, `@Name='X'` or `N`.
bool readPredicate(std::string_view inside, Step& step, std::string& error) {
    inside = trim(inside);
    if (!inside.empty() && std::isdigit(static_cast<unsigned char>(inside.front()))) {
        unsigned n = 0;
        auto [end, ec] = std::from_chars(inside.data(), inside.data() + inside.size(), n);
        if (ec != std::errc() || end != inside.data() + inside.size() || n == 0) {
            error = "position [" + std::string(inside) + "] is not a number from 1";
            return false;
        }
        if (step.position != 0) return fail(error, "two positions on one step");
        step.position = n;
        return true;
    }
    if (!inside.starts_with("@Name")) {
        error = "predicate [" + std::string(inside) + "] is not [@Name=\"X\"] or [N]";
        return false;
    }
    std::string_view rest = trim(inside.substr(5));
    if (rest.empty() || rest.front() != '=') return fail(error, "[@Name] without =\"value\"");
    rest = trim(rest.substr(1));
    if (rest.size() < 2 || (rest.front() != '"' && rest.front() != '\'') ||
        rest.back() != rest.front() ||
        rest.substr(1, rest.size() - 2).find(rest.front()) != std::string_view::npos) {
        error = "[@Name=...] value is not one quoted string";
        return false;
    }
    if (!step.nameAttr.empty()) return fail(error, "two [@Name] predicates on one step");
    step.nameAttr = std::string(rest.substr(1, rest.size() - 2));
    return true;
}

// Reads one step from the front of `s` (up to the next top-level '/').
bool readStep(std::string_view& s, Step& step, std::string& error) {
    size_t i = 0;
    if (i < s.size() && s[i] == '@') step.attribute = true, ++i;
    const size_t nameStart = i;
    while (i < s.size() && isNameChar(s[i]))
        ++i;
    step.name = s.substr(nameStart, i - nameStart);
    if (step.name.empty() || step.name == "." || step.name == "..") {
        const std::string_view bad = s.substr(0, s.find('/'));
        error = bad.empty() ? "empty step (// is not supported)"
                            : "step '" + std::string(bad) + "' is not an element name";
        return false;
    }
    while (i < s.size() && s[i] == '[') {
        const size_t close = s.find(']', i);
        if (close == std::string_view::npos) return fail(error, "unclosed [");
        if (step.attribute) return fail(error, "a predicate on an attribute");
        if (!readPredicate(s.substr(i + 1, close - i - 1), step, error)) return false;
        i = close + 1;
    }
    if (i < s.size() && s[i] != '/') {
        error = "unexpected '" + std::string(s.substr(i, 1)) + "' after step '" +
                std::string(step.name) + "' (functions and operators are not supported)";
        return false;
    }
    s.remove_prefix(i);
    return true;
}

} // namespace

bool parseEventPath(std::string_view xpath, FieldSelector& out, std::string& error) {
    std::string_view s = trim(xpath);
    constexpr std::string_view root = "/Event/";
    if (!s.starts_with(root)) return fail(error, "does not start with /Event/");
    s.remove_prefix(root.size());
    out = FieldSelector{};
    size_t steps = 0;
    bool lastHadPredicate = false;
    while (true) {
        Step step;
        if (!readStep(s, step, error)) return false;
        // Only the value's own step may choose among siblings.
        if (lastHadPredicate) return fail(error, "a predicate on an inner step");
        if (!step.nameAttr.empty() && step.position != 0)
            return fail(error, "[@Name] and [N] together are not supported");
        if (steps++ > 0) out.path += '/';
        if (step.attribute) out.path += '@';
        out.path += step.name;
        out.name = step.nameAttr;
        out.position = step.position;
        lastHadPredicate = step.hasPredicate();
        if (s.empty()) break;
        s.remove_prefix(1); // the '/'
        if (step.attribute) return fail(error, "a step after an attribute");
    }
    // /Event/EventData alone is a whole block of values, not one.
    if (steps == 1 && !lastHadPredicate)
        return fail(error, "selects the whole " + out.path + " element, not one value");
    return true;
}

} // namespace evtx::knowledge
