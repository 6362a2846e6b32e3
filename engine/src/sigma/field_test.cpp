// A detection item: "Field|modifier|..." with its value(s) to a FieldTest.
#include "sigma/detection.hpp"
#include "sigma/value_transforms.hpp"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

namespace evtx::sigma {
namespace {

struct Modifiers {
    std::vector<std::string> transforms; // in the rule's order
    std::string shape;                   // contains, startswith, endswith
    std::string kind;                    // re, cidr, exists, fieldref, gt..., or empty
    bool all = false, cased = false;
    std::string reFlags;
};

Modifiers parseModifiers(const std::vector<std::string>& mods) {
    static const std::set<std::string> kTransforms = {
        "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide", "windash"};
    static const std::set<std::string> kKinds = {"re", "cidr", "exists", "fieldref",
                                                 "gt", "gte",  "lt",     "lte"};
    Modifiers m;
    for (const std::string& mod : mods) {
        if (kTransforms.count(mod))
            m.transforms.push_back(mod);
        else if (mod == "contains" || mod == "startswith" || mod == "endswith")
            m.shape = mod;
        else if (kKinds.count(mod))
            m.kind = mod;
        else if (mod == "all")
            m.all = true;
        else if (mod == "cased")
            m.cased = true;
        else if ((mod == "i" || mod == "m" || mod == "s") && m.kind == "re")
            m.reFlags += mod;
        else if (mod == "expand")
            throw UnsupportedRule("placeholder modifier 'expand'");
        else
            throw UnsupportedRule("unknown modifier '" + mod + "'");
    }
    return m;
}

// A value through the transforming modifiers: its variants.
std::vector<std::string> transform(const std::string& value, const Modifiers& m) {
    std::vector<std::string> out{value};
    for (const std::string& t : m.transforms) {
        std::vector<std::string> next;
        for (const std::string& v : out) {
            if (t == "windash") {
                for (auto& w : windashVariants(v))
                    next.push_back(std::move(w));
            } else if (t == "base64") {
                next.push_back(base64(v));
            } else if (t == "base64offset") {
                for (auto& w : base64Offsets(v))
                    next.push_back(std::move(w));
            } else {
                next.push_back(utf16(v, t == "utf16be", t == "utf16"));
            }
        }
        out = std::move(next);
    }
    return out;
}

bool encoded(const Modifiers& m) {
    return std::any_of(m.transforms.begin(), m.transforms.end(),
                       [](const std::string& t) { return t != "windash"; });
}

Matcher regexMatcher(const std::string& value, const Modifiers& m) {
    std::string pattern = value;
    if (m.reFlags.find('m') != std::string::npos) pattern = "(?m)" + pattern;
    if (m.reFlags.find('s') != std::string::npos) pattern = "(?s)" + pattern;
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(m.reFlags.find('i') == std::string::npos);
    auto re = std::make_shared<RE2>(pattern, options);
    if (!re->ok()) throw UnsupportedRule("regex not supported by RE2: " + re->error());
    Matcher out;
    out.kind = Matcher::Kind::Regex;
    out.regex = std::move(re);
    return out;
}

Matcher globMatcher(const std::string& value, const Modifiers& m, bool literal) {
    Matcher out;
    out.glob = literal ? literalGlob(value, m.cased) : parseGlob(value, m.cased);
    auto& code = out.glob.code;
    if ((m.shape == "contains" || m.shape == "endswith") &&
        (code.empty() || code.front() != Glob::kStar))
        code.insert(code.begin(), Glob::kStar);
    if ((m.shape == "contains" || m.shape == "startswith") &&
        (code.empty() || code.back() != Glob::kStar))
        code.push_back(Glob::kStar);
    return out;
}

Matcher specialMatcher(const std::string& value, const Modifiers& m) {
    Matcher out;
    if (m.kind == "re") return regexMatcher(value, m);
    if (m.kind == "cidr") {
        auto net = parseCidr(value);
        if (!net) throw UnsupportedRule("bad cidr value '" + value + "'");
        out.kind = Matcher::Kind::Cidr;
        out.network = *net;
    } else if (m.kind == "exists") {
        out.kind = Matcher::Kind::Exists;
        out.exists = value == "true" || value == "True" || value == "yes";
    } else if (m.kind == "fieldref") {
        out.kind = Matcher::Kind::FieldRef;
        out.ref = value;
        out.refShape = m.shape;
        out.cased = m.cased;
    } else {
        out.kind = Matcher::Kind::Compare;
        out.op = m.kind;
        try {
            out.number = std::stod(value);
        } catch (const std::exception&) {
            throw UnsupportedRule("'" + m.kind + "' needs a number, not '" + value + "'");
        }
    }
    return out;
}

std::vector<Matcher> valueGroup(const YAML::Node& v, const Modifiers& m) {
    if (v.IsNull()) {
        Matcher null;
        null.kind = Matcher::Kind::Null;
        return {null};
    }
    if (!v.IsScalar()) throw UnsupportedRule("a value that is neither text nor null");
    const std::string text = v.Scalar();
    if (!m.kind.empty()) return {specialMatcher(text, m)};
    std::vector<Matcher> group;
    for (const std::string& variant : transform(text, m))
        group.push_back(globMatcher(variant, m, encoded(m)));
    return group;
}

std::vector<std::string> split(const std::string& key) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t bar; (bar = key.find('|', start)) != std::string::npos; start = bar + 1)
        parts.push_back(key.substr(start, bar - start));
    parts.push_back(key.substr(start));
    return parts;
}

} // namespace

FieldTest compileFieldTest(const std::string& key, const YAML::Node& value) {
    std::vector<std::string> parts = split(key);
    FieldTest test;
    test.field = parts.front();
    parts.erase(parts.begin());
    Modifiers m = parseModifiers(parts);
    // Keywords are full-text: found anywhere in a value.
    if (test.field.empty() && m.shape.empty() && m.kind.empty()) m.shape = "contains";
    test.all = m.all;
    if (value.IsSequence()) {
        for (const YAML::Node& v : value)
            test.values.push_back(valueGroup(v, m));
    } else {
        test.values.push_back(valueGroup(value, m));
    }
    if (test.values.empty()) throw UnsupportedRule("field '" + test.field + "' has no values");
    return test;
}

} // namespace evtx::sigma
