// SidNames: the pairs a log gives (TargetUserSid with TargetDomainName and
// TargetUserName ...) learned from hand-built fields, the values it must
// not learn, the rule for a SID with several names, and on the demo log
// the pairs checked against each record's JSON read independently.
#include "evtx/format/input.hpp"
#include "evtx/knowledge/sid_names.hpp"
#include "evtx/render/render.hpp"
#include "record_walk.hpp"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>

using evtx::knowledge::SidNames;

namespace {

constexpr std::string_view kAlice = "S-1-5-21-1-2-3-1107";

evtx::EventFields dataFields(std::vector<std::pair<std::string, std::string>> data) {
    evtx::EventFields f;
    for (auto& [name, value] : data)
        f.fields.push_back({"EventData/Data", name, value, 1});
    f.used = f.fields.size();
    return f;
}

QString nameOf(const SidNames& names, std::string_view sid) {
    return QString::fromStdString(names.nameOf(sid));
}

// sid -> name -> count, by the rule applied to one record's EventData JSON.
using Expected = std::map<QString, std::map<QString, uint64_t>>;

QString jsonText(const QJsonValue& v) {
    return v.isString() ? v.toString() : QString();
}

void expectPairs(const QJsonObject& data, Expected& expected) {
    for (auto it = data.begin(); it != data.end(); ++it) {
        const QString key = it.key(), sid = jsonText(it.value());
        if (!key.endsWith(QLatin1String("Sid")) || !sid.startsWith(QLatin1String("S-")) ||
            sid == QLatin1String("S-1-0-0"))
            continue;
        const bool userSid = key.endsWith(QLatin1String("UserSid"));
        const QString prefix = key.chopped(userSid ? 7 : 3);
        auto usable = [](const QString& s) { return !s.isEmpty() && s != QLatin1String("-"); };
        QString user = jsonText(data.value(prefix + QLatin1String("UserName")));
        if (!userSid && !usable(user)) user = jsonText(data.value(prefix + QLatin1String("Name")));
        if (!usable(user)) continue;
        const QString domain = jsonText(data.value(prefix + QLatin1String("DomainName")));
        ++expected[sid][usable(domain) ? domain + QLatin1Char('\\') + user : user];
    }
}

} // namespace

class TestSidNames : public QObject {
    Q_OBJECT

  private slots:
    void learnsPairs();
    void ignoresPlaceholders();
    void severalNames();
    void demoLogPairs();
};

void TestSidNames::learnsPairs() {
    SidNames names;
    names.learn(dataFields({{"SubjectUserSid", "S-1-5-18"},
                            {"SubjectUserName", "WS01$"},
                            {"SubjectDomainName", "CORP"},
                            {"TargetUserSid", std::string(kAlice)},
                            {"TargetUserName", "alice"},
                            {"TargetDomainName", "CORP"}}));
    names.learn(dataFields({{"MemberSid", "S-1-5-21-1-2-3-1200"},
                            {"MemberName", "CN=bob,OU=Users,DC=corp"},
                            {"TargetSid", "S-1-5-21-1-2-3-512"},
                            {"TargetUserName", "Domain Admins"},
                            {"TargetDomainName", "CORP"}}));
    QCOMPARE(nameOf(names, "S-1-5-18"), QStringLiteral("CORP\\WS01$")); // computer accounts kept
    QCOMPARE(nameOf(names, kAlice), QStringLiteral("CORP\\alice"));
    QCOMPARE(nameOf(names, "s-1-5-21-1-2-3-1107"), QStringLiteral("CORP\\alice"));
    QCOMPARE(nameOf(names, "S-1-5-21-1-2-3-1200"), QStringLiteral("CN=bob,OU=Users,DC=corp"));
    QCOMPARE(nameOf(names, "S-1-5-21-1-2-3-512"), QStringLiteral("CORP\\Domain Admins"));
    QCOMPARE(nameOf(names, "S-1-5-21-9-9-9-1000"), QString());
    QCOMPARE(names.size(), size_t(4));
}

void TestSidNames::ignoresPlaceholders() {
    SidNames names;
    // 4625: the NULL SID with the name that failed; 4688: "-" for no target.
    names.learn(dataFields({{"SubjectUserSid", "S-1-0-0"},
                            {"SubjectUserName", "-"},
                            {"TargetUserSid", "S-1-0-0"},
                            {"TargetUserName", "admin"}}));
    names.learn(dataFields({{"TargetUserSid", "-"}, {"TargetUserName", "alice"}}));
    names.learn(dataFields({{"TargetUserSid", std::string(kAlice)}, {"TargetUserName", "-"}}));
    names.learn(dataFields({{"TargetUserSid", std::string(kAlice)}, {"TargetUserName", ""}}));
    names.learn(dataFields({{"Sid", std::string(kAlice)}})); // no name beside it
    QVERIFY(names.empty());
    // A "-" domain is left out, the name kept.
    names.learn(dataFields({{"TargetUserSid", std::string(kAlice)},
                            {"TargetUserName", "alice"},
                            {"TargetDomainName", "-"}}));
    QCOMPARE(nameOf(names, kAlice), QStringLiteral("alice"));
}

void TestSidNames::severalNames() {
    SidNames names;
    for (int i = 0; i < 3; ++i)
        names.add(kAlice, "CORP", "alice");
    names.add(kAlice, "CORP", "ALICE"); // the same account: case does not matter
    names.add(kAlice, "CORP", "alice.old");
    names.add(kAlice, "CORP", "alice.older");
    // Most frequent first, then the others; counts merge.
    QCOMPARE(nameOf(names, kAlice),
             QStringLiteral("CORP\\alice (also: CORP\\alice.old, CORP\\alice.older)"));
    SidNames more;
    for (int i = 0; i < 5; ++i)
        more.add(kAlice, "CORP", "alice.new");
    more.add(kAlice, "CORP", "a1");
    more.add(kAlice, "CORP", "a2");
    names.merge(more);
    const auto all = names.namesOf(kAlice);
    QCOMPARE(all.size(), size_t(6));
    QCOMPARE(all[0].name, std::string("CORP\\alice.new"));
    QCOMPARE(all[1].count, uint64_t(4));
    QCOMPARE(nameOf(names, kAlice), QStringLiteral("CORP\\alice.new (also: CORP\\alice, "
                                                   "CORP\\a1, CORP\\a2 and 2 more)"));
}

void TestSidNames::demoLogPairs() {
    std::string error;
    auto in = evtx::Input::openFile(EVTX_SOURCE_DIR "/samples/demo.evtx", error);
    QVERIFY2(in, error.c_str());
    SidNames names;
    Expected expected;
    evtx::OutBuffer json;
    visitRecords(in->bytes(), [&](const evtx::EventFields& f, const evtx::RecordTree& tree) {
        names.learn(f);
        json.clear();
        evtx::renderJson(json, tree, evtx::RenderOptions{});
        const QJsonObject event =
            QJsonDocument::fromJson(QByteArray(json.data(), qsizetype(json.size())))
                .object()
                .value(QStringLiteral("Event"))
                .toObject();
        expectPairs(event.value(QStringLiteral("EventData")).toObject(), expected);
        // UserData holds one element whose children are the fields (1102's LogFileCleared).
        for (const QJsonValue& member : event.value(QStringLiteral("UserData")).toObject())
            expectPairs(member.toObject(), expected);
    });
    QVERIFY(expected.size() >= 5);
    QCOMPARE(names.size(), expected.size());
    for (const auto& [sid, counts] : expected) {
        std::map<QString, uint64_t> learned;
        for (const auto& n : names.namesOf(sid.toStdString()))
            learned[QString::fromStdString(n.name)] = n.count;
        QCOMPARE(learned, counts);
    }
    QCOMPARE(nameOf(names, "S-1-5-21-3623811015-3361044348-30300820-1107"),
             QStringLiteral("CONTOSO\\svc_backup"));
    // SYSTEM is also each computer's account (SubjectUserSid of 4624).
    QVERIFY(nameOf(names, "S-1-5-18").startsWith(QStringLiteral("NT AUTHORITY\\SYSTEM (also: ")));
}

QTEST_GUILESS_MAIN(TestSidNames)
#include "tst_knowledge_sid_names.moc"
