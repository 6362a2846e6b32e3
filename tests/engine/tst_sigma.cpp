// Sigma rules written here against records built here: modifiers,
// wildcards and escapes, conditions, log sources and field mappings.
#include "evtx/sigma/sigma.hpp"

#include <QTest>

#include <utility>
#include <vector>

using namespace evtx::sigma;
using Pairs = std::vector<std::pair<std::string, std::string>>;

namespace {

const char* const kSysmon = "Microsoft-Windows-Sysmon/Operational";

// A record: System values by path below System/, EventData by name.
evtx::EventFields record(const Pairs& system, const Pairs& data) {
    evtx::EventFields f;
    for (const auto& [path, value] : system)
        f.fields.push_back({"System/" + path, "", value, 1});
    for (const auto& [name, value] : data)
        f.fields.push_back({"EventData/Data", name, value, 1});
    f.used = f.fields.size();
    return f;
}

evtx::EventFields sysmonProcess(const Pairs& data) {
    return record({{"EventID", "1"}, {"Channel", kSysmon}, {"Provider/@Name", "Sysmon"}}, data);
}

// One rule: `body` is its detection (and anything else), indented as YAML.
RuleSet compile(const std::string& body,
                const std::string& logsource = "logsource: {category: process_creation, product: "
                                               "windows}\n") {
    RuleSet set;
    compileRuleText("title: test\nid: r1\nlevel: high\n" + logsource + body, "test.yml",
                    LogSources::builtin(), set);
    return set;
}

bool hits(const std::string& detection, const evtx::EventFields& f) {
    RuleSet set = compile("detection:\n" + detection);
    if (set.rules.size() != 1) {
        qWarning("not compiled: %s",
                 set.unsupported.empty() ? "?" : set.unsupported[0].reason.c_str());
        return false;
    }
    return set.rules[0].matches(f);
}

std::string unsupportedReason(const std::string& body) {
    RuleSet set = compile(body);
    return set.unsupported.empty() ? std::string() : set.unsupported[0].reason;
}

} // namespace

class TestSigma : public QObject {
    Q_OBJECT
  private slots:
    void plainValuesAreExactAndIgnoreCase();
    void containsStartsEnds();
    void allModifier();
    void wildcardsAndEscapes();
    void nullAndExists();
    void regexFlags();
    void base64Modifiers();
    void windash();
    void cidr();
    void numbersAndCased();
    void fieldref();
    void keywords();
    void conditions();
    void listOfConditions();
    void logSourceCategoryAndFieldMapping();
    void logSourceServiceAndWhere();
    void unsupportedRulesHaveReasons();
};

void TestSigma::plainValuesAreExactAndIgnoreCase() {
    const auto f = sysmonProcess({{"Image", "C:\\Windows\\System32\\cmd.exe"}});
    QVERIFY(hits("  sel: {Image: 'c:\\windows\\system32\\CMD.EXE'}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {Image: 'cmd.exe'}\n  condition: sel\n", f));
    QVERIFY(
        hits("  sel:\n    Image: [a, 'C:\\Windows\\System32\\cmd.exe']\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {Missing: x}\n  condition: sel\n", f));
}

void TestSigma::containsStartsEnds() {
    const auto f = sysmonProcess({{"CommandLine", "powershell -enc AAAA"}});
    QVERIFY(hits("  sel: {CommandLine|contains: ' -ENC '}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {CommandLine|startswith: 'PowerShell'}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {CommandLine|endswith: 'aaaa'}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {CommandLine|endswith: 'power'}\n  condition: sel\n", f));
}

void TestSigma::allModifier() {
    const auto f = sysmonProcess({{"CommandLine", "net user admin /add"}});
    QVERIFY(hits("  sel: {CommandLine|contains|all: [net, /add]}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {CommandLine|contains|all: [net, /del]}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {CommandLine|contains: [net, /del]}\n  condition: sel\n", f));
}

void TestSigma::wildcardsAndEscapes() {
    const auto f = sysmonProcess({{"A", "ab*c"}, {"B", "x\\y"}, {"C", "a\\*b"}, {"D", "abc"}});
    QVERIFY(hits("  sel: {D: 'a*'}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {D: 'a?c'}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {D: 'a?'}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {A: 'ab\\*c'}\n  condition: sel\n", f)); // \* is a literal star
    QVERIFY(!hits("  sel: {D: 'ab\\*'}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {B: 'x\\y'}\n  condition: sel\n", f));   // other backslashes stay
    QVERIFY(hits("  sel: {B: 'x\\\\y'}\n  condition: sel\n", f)); // \\ is one backslash
    QVERIFY(hits("  sel: {C: 'a\\\\*'}\n  condition: sel\n", f)); // backslash, then wildcard
    QVERIFY(!hits("  sel: {D: 'a\\?c'}\n  condition: sel\n", f));
}

void TestSigma::nullAndExists() {
    const auto f = sysmonProcess({{"Empty", ""}, {"Full", "x"}});
    QVERIFY(hits("  sel: {Missing: null}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {Empty: null}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {Full: null}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {Full|exists: true}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {Missing|exists: false}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {Missing|exists: true}\n  condition: sel\n", f));
}

void TestSigma::regexFlags() {
    const auto f = sysmonProcess({{"T", "first\nSecond line"}});
    QVERIFY(hits("  sel: {T|re: 'Sec.nd'}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {T|re: 'second'}\n  condition: sel\n", f)); // re is case-sensitive
    QVERIFY(hits("  sel: {T|re|i: 'second'}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {T|re: '^Second'}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {T|re|m: '^Second'}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {T|re: 'first.Second'}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {T|re|s: 'first.Second'}\n  condition: sel\n", f));
}

void TestSigma::base64Modifiers() {
    // "IEX (New" as base64 plain, and inside a longer text at each offset.
    const auto plain = sysmonProcess({{"C", "x SUVYIChOZXc= y"}});
    QVERIFY(hits("  sel: {C|base64|contains: 'IEX (New'}\n  condition: sel\n", plain));
    for (const char* encoded :
         {"SUVYIChOZXcgT2JqZWN0", "YUlFWCAoTmV3IE9iamVjdA", "YWJJRVggKE5ldyBPYmplY3Q"}) {
        const auto f = sysmonProcess({{"C", encoded}});
        QVERIFY2(hits("  sel: {C|base64offset|contains: 'IEX (New'}\n  condition: sel\n", f),
                 encoded);
    }
    // UTF-16LE text, base64-encoded ("ab" -> YQBiAA==), then at offsets.
    const auto wide = sysmonProcess({{"C", "-enc YQBiAA=="}});
    QVERIFY(hits("  sel: {C|wide|base64|contains: 'ab'}\n  condition: sel\n", wide));
    QVERIFY(hits("  sel: {C|utf16le|base64offset|contains: 'ab'}\n  condition: sel\n", wide));
    QVERIFY(!hits("  sel: {C|utf16be|base64|contains: 'ab'}\n  condition: sel\n", wide));
    const auto be = sysmonProcess({{"C", "AGEAYg=="}}); // UTF-16BE "ab"
    QVERIFY(hits("  sel: {C|utf16be|base64|contains: 'ab'}\n  condition: sel\n", be));
    const auto bom = sysmonProcess({{"C", "//5hAGIA"}}); // BOM + UTF-16LE "ab"
    QVERIFY(hits("  sel: {C|utf16|base64|contains: 'ab'}\n  condition: sel\n", bom));
}

void TestSigma::windash() {
    const char* rule = "  sel: {C|windash|contains: ' -exec bypass'}\n  condition: sel\n";
    for (const char* line : {"ps -exec bypass", "ps /exec bypass",
                             "ps \xE2\x80\x93"
                             "exec bypass",
                             "ps \xE2\x80\x94"
                             "exec bypass",
                             "ps \xE2\x80\x95"
                             "exec bypass"})
        QVERIFY2(hits(rule, sysmonProcess({{"C", line}})), line);
    QVERIFY(!hits(rule, sysmonProcess({{"C", "ps +exec bypass"}})));
}

void TestSigma::cidr() {
    const auto v4 = sysmonProcess({{"Ip", "10.1.2.3"}});
    QVERIFY(hits("  sel: {Ip|cidr: 10.0.0.0/8}\n  condition: sel\n", v4));
    QVERIFY(!hits("  sel: {Ip|cidr: 192.168.0.0/16}\n  condition: sel\n", v4));
    const auto v6 = sysmonProcess({{"Ip", "fe80::1:2"}});
    QVERIFY(hits("  sel: {Ip|cidr: 'fe80::/10'}\n  condition: sel\n", v6));
    QVERIFY(!hits("  sel: {Ip|cidr: '::1/128'}\n  condition: sel\n", v6));
    QVERIFY(!hits("  sel: {Ip|cidr: 10.0.0.0/8}\n  condition: sel\n", v6));
}

void TestSigma::numbersAndCased() {
    const auto f = sysmonProcess({{"N", "100"}, {"S", "MiXed"}});
    QVERIFY(hits("  sel: {N|gt: 99}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {N|gt: 100}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {N|gte: 100}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {N|lt: 101}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {N|lte: 100}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {S|gt: 1}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {S|cased: MiXed}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel: {S|cased: mixed}\n  condition: sel\n", f));
    QVERIFY(hits("  sel: {S|contains|cased: iX}\n  condition: sel\n", f));
}

void TestSigma::fieldref() {
    const auto same = sysmonProcess({{"A", "Admin"}, {"B", "admin"}, {"C", "other"}});
    QVERIFY(hits("  sel: {A|fieldref: B}\n  condition: sel\n", same));
    QVERIFY(!hits("  sel: {A|fieldref: C}\n  condition: sel\n", same));
    QVERIFY(!hits("  sel: {A|fieldref: Missing}\n  condition: sel\n", same));
}

void TestSigma::keywords() {
    const auto f = sysmonProcess({{"CommandLine", "vssadmin delete shadows"}});
    QVERIFY(hits("  keywords: [mimikatz, 'DELETE SHADOWS']\n  condition: keywords\n", f));
    QVERIFY(!hits("  keywords: [mimikatz]\n  condition: keywords\n", f));
    QVERIFY(hits("  keywords:\n    '|all': [vssadmin, shadows]\n  condition: keywords\n", f));
    QVERIFY(!hits("  keywords:\n    '|all': [vssadmin, mimikatz]\n  condition: keywords\n", f));
}

void TestSigma::conditions() {
    const auto f = sysmonProcess({{"A", "1"}, {"B", "2"}});
    const std::string sels = "  sel_a: {A: 1}\n  sel_b: {B: 2}\n  filter_x: {A: 9}\n";
    auto cond = [&](const char* c) { return hits(sels + "  condition: " + c + "\n", f); };
    QVERIFY(cond("sel_a and sel_b"));
    QVERIFY(cond("sel_a and not filter_x"));
    QVERIFY(!cond("sel_a and filter_x"));
    QVERIFY(cond("filter_x or sel_b"));
    QVERIFY(cond("not (filter_x or not sel_a)"));
    QVERIFY(cond("filter_x or sel_a and sel_b")); // and binds tighter than or
    QVERIFY(!cond("(filter_x or sel_a) and not sel_b"));
    QVERIFY(cond("all of sel_*"));
    QVERIFY(cond("1 of filter_* or all of sel_*"));
    QVERIFY(!cond("1 of filter_*"));
    QVERIFY(cond("1 of them"));
    QVERIFY(!cond("all of them"));
    QVERIFY(cond("all of sel_* and not 1 of filter_*"));
    // A selection that is a list of maps: any of them.
    QVERIFY(hits("  sel:\n    - {A: 5}\n    - {B: 2}\n  condition: sel\n", f));
    QVERIFY(!hits("  sel:\n    - {A: 5}\n    - {B: 3}\n  condition: sel\n", f));
}

void TestSigma::listOfConditions() {
    const auto f = sysmonProcess({{"A", "1"}});
    QVERIFY(hits("  a: {A: 1}\n  b: {A: 2}\n  condition:\n    - b\n    - a\n", f));
    QVERIFY(!hits("  a: {A: 3}\n  b: {A: 2}\n  condition:\n    - b\n    - a\n", f));
}

void TestSigma::logSourceCategoryAndFieldMapping() {
    const std::string rule = "  sel: {Image|endswith: '\\cmd.exe', ParentImage|endswith: "
                             "'\\explorer.exe'}\n  condition: sel\n";
    const auto sysmon =
        sysmonProcess({{"Image", "C:\\cmd.exe"}, {"ParentImage", "C:\\explorer.exe"}});
    QVERIFY(hits(rule, sysmon));
    // Security 4688 names them NewProcessName / ParentProcessName.
    const auto security =
        record({{"EventID", "4688"}, {"Channel", "Security"}},
               {{"NewProcessName", "C:\\cmd.exe"}, {"ParentProcessName", "C:\\explorer.exe"}});
    QVERIFY(hits(rule, security));
    const auto wrongId =
        record({{"EventID", "4689"}, {"Channel", "Security"}},
               {{"NewProcessName", "C:\\cmd.exe"}, {"ParentProcessName", "C:\\explorer.exe"}});
    QVERIFY(!hits(rule, wrongId));
    const auto wrongChannel =
        record({{"EventID", "1"}, {"Channel", "Application"}},
               {{"Image", "C:\\cmd.exe"}, {"ParentImage", "C:\\explorer.exe"}});
    QVERIFY(!hits(rule, wrongChannel));
}

void TestSigma::logSourceServiceAndWhere() {
    RuleSet set = compile("detection:\n  sel: {EventID: 1102}\n  condition: sel\n",
                          "logsource: {product: windows, service: security}\n");
    QCOMPARE(set.rules.size(), size_t(1));
    QVERIFY(set.rules[0].matches(record({{"EventID", "1102"}, {"Channel", "security"}}, {})));
    QVERIFY(!set.rules[0].matches(record({{"EventID", "1102"}, {"Channel", "System"}}, {})));
    // registry_add is Sysmon 12 with EventType CreateKey.
    set = compile("detection:\n  sel: {TargetObject|contains: Run}\n  condition: sel\n",
                  "logsource: {product: windows, category: registry_add}\n");
    QCOMPARE(set.rules.size(), size_t(1));
    const Pairs sys{{"EventID", "12"}, {"Channel", kSysmon}};
    QVERIFY(set.rules[0].matches(
        record(sys, {{"EventType", "CreateKey"}, {"TargetObject", "HKLM\\Run"}})));
    QVERIFY(!set.rules[0].matches(
        record(sys, {{"EventType", "DeleteKey"}, {"TargetObject", "HKLM\\Run"}})));
    // System values by their Sigma names.
    set = compile("detection:\n  sel: {Provider_Name: Sysmon, Channel: '" + std::string(kSysmon) +
                  "'}\n  condition: sel\n");
    QVERIFY(set.rules[0].matches(sysmonProcess({})));
}

void TestSigma::unsupportedRulesHaveReasons() {
    QVERIFY(unsupportedReason("detection:\n  sel: {A|expand: '%x%'}\n  condition: sel\n")
                .find("expand") != std::string::npos);
    QVERIFY(
        unsupportedReason("detection:\n  sel: {A|bogus: x}\n  condition: sel\n").find("bogus") !=
        std::string::npos);
    QVERIFY(!unsupportedReason("detection:\n  sel: {A|re: '(?<=x)y'}\n  condition: sel\n").empty());
    QVERIFY(
        !unsupportedReason("detection:\n  sel: {A: x}\n  condition: sel | count() > 5\n").empty());
    QVERIFY(!unsupportedReason("detection:\n  sel: {A: x}\n  condition: other\n").empty());
    QVERIFY(!unsupportedReason("correlation: {type: event_count}\n").empty());
    QVERIFY(!unsupportedReason("detection: [unclosed\n").empty());
    RuleSet set;
    compileRuleText(
        "title: t\nlogsource: {category: nowhere, product: windows}\ndetection:\n  s: {A: "
        "x}\n  condition: s\n",
        "f.yml", LogSources::builtin(), set);
    QCOMPARE(set.unsupported.size(), size_t(1));
    QCOMPARE(set.unsupported[0].file, std::string("f.yml"));
    QVERIFY(set.unsupported[0].reason.find("nowhere") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestSigma)
#include "tst_sigma.moc"
