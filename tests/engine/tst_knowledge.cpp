// The knowledge base: every shipped file loads without a problem, the loader
// names what is wrong in a bad file and keeps the rest, templates and
// decoders give hand-checked text, and the shipped knowledge covers the
// events of the demo log and of the shared samples.
#include "evtx/format/input.hpp"
#include "evtx/knowledge/knowledge_base.hpp"
#include "file_bytes.hpp"
#include "record_walk.hpp"
#include "shared_dir.hpp"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <map>
#include <set>

using namespace evtx::knowledge;

namespace {

QString knowledgeDir() {
    return QStringLiteral(EVTX_KNOWLEDGE_DIR);
}

QStringList knowledgeFiles() {
    return QDir(knowledgeDir()).entryList({"*.yaml"}, QDir::Files, QDir::Name);
}

QString problemsText(const std::vector<LoadProblem>& problems) {
    QStringList lines;
    for (const LoadProblem& p : problems)
        lines << QString::fromStdString(p.source + ": " + p.reason);
    return lines.join('\n');
}

// A record's fields as readEventFields would give them.
evtx::EventFields makeFields(const std::string& provider, uint16_t eventId,
                             std::vector<std::pair<std::string, std::string>> data) {
    evtx::EventFields f;
    f.system.provider = provider;
    f.system.channel = "Security";
    f.system.eventId = eventId;
    f.system.computer = "WS01.corp.example";
    f.fields.push_back({"System/Computer", "", "WS01.corp.example", 1});
    unsigned unnamed = 0;
    for (auto& [name, value] : data) {
        const bool isUnnamed = name.rfind("Data[", 0) == 0;
        f.fields.push_back({"EventData/Data", name, value, isUnnamed ? ++unnamed : 1});
    }
    f.used = f.fields.size();
    return f;
}

std::set<std::string> placeholderNames(const TextTemplate& t) {
    std::set<std::string> names;
    for (const auto& piece : t.pieces)
        if (piece.hasField && piece.field.path.empty()) names.insert(piece.field.name);
    return names;
}

} // namespace

class TestKnowledge : public QObject {
    Q_OBJECT
  private slots:
    void everyKnowledgeFileLoads_data();
    void everyKnowledgeFileLoads();
    void builtInHoldsEveryFile();
    void loaderNamesProblems_data();
    void loaderNamesProblems();
    void templatesGiveHandCheckedText();
    void laterEntryWinsAndVersionsRank();
    void refineKeepsEveryMatch();
    void demoLogIsDescribed();
    void compiledPackMatchesTheFiles();
    void plannedDataReadsMatchTheWalk();
    void samplesAreCovered();
    void placeholdersNameRealFields();
};

void TestKnowledge::everyKnowledgeFileLoads_data() {
    QTest::addColumn<QString>("file");
    QVERIFY2(knowledgeFiles().size() >= 5, qPrintable("knowledge files in " + knowledgeDir()));
    for (const QString& f : knowledgeFiles())
        QTest::newRow(qPrintable(f)) << f;
}

void TestKnowledge::everyKnowledgeFileLoads() {
    QFETCH(QString, file);
    const QByteArray text = readAll(knowledgeDir() + "/" + file);
    KnowledgeBase kb;
    const auto problems = kb.addKnowledgeText(text.toStdString(), file.toStdString());
    QVERIFY2(problems.empty(), qPrintable(problemsText(problems)));
    // Every "- id:" line of the file is one entry (duplicates are problems).
    const auto ids = QString::fromUtf8(text).count(
        QRegularExpression(QStringLiteral("^[ \\t]*- id:"), QRegularExpression::MultilineOption));
    QCOMPARE(qsizetype(kb.entryCount()), ids);
    for (const EventEntry* e : kb.entries()) {
        const QString title = QString::fromStdString(e->title);
        QVERIFY2(!title.isEmpty() && title.size() <= 80 && !title.endsWith('.'),
                 qPrintable(QString("%1 %2: title \"%3\"").arg(file).arg(e->eventId).arg(title)));
    }
}

void TestKnowledge::builtInHoldsEveryFile() {
    std::set<std::tuple<std::string, uint16_t, int, std::string>> distinct;
    for (const QString& file : knowledgeFiles()) {
        KnowledgeBase kb;
        kb.addKnowledgeText(readAll(knowledgeDir() + "/" + file).toStdString(), "x");
        for (const EventEntry* e : kb.entries())
            distinct.insert({QString::fromStdString(e->provider).toLower().toStdString(),
                             e->eventId, e->version, e->channel});
    }
    QCOMPARE(KnowledgeBase::builtIn().entryCount(), distinct.size());
}

void TestKnowledge::loaderNamesProblems_data() {
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no title") << "  - id: 2\n"
                              << "needs a title";
    QTest::newRow("unknown key") << "  - id: 2\n    title: T\n    colour: red\n"
                                 << "unknown key";
    QTest::newRow("unknown decoder") << "  - id: 2\n    title: T\n    decode: {A: nosuch}\n"
                                     << "no decoder called";
    QTest::newRow("bad placeholder") << "  - id: 2\n    title: T\n    summary: \"{a b}\"\n"
                                     << "not a field name";
    QTest::newRow("unclosed") << "  - id: 2\n    title: T\n    summary: \"{a\"\n"
                              << "unclosed";
    QTest::newRow("id too big") << "  - id: 70000\n    title: T\n"
                                << "id from 0 to 65535";
    QTest::newRow("seven payloads")
        << "  - id: 2\n    title: T\n    payload: [a, b, c, d, e, f, g]\n"
        << "at most six";
    QTest::newRow("twice") << "  - id: 1\n    title: Again\n"
                           << "listed twice";
}

void TestKnowledge::loaderNamesProblems() {
    QFETCH(QString, event);
    QFETCH(QString, expected);
    const QString text = "provider: P\nevents:\n  - id: 1\n    title: Good one\n" + event;
    KnowledgeBase kb;
    const auto problems = kb.addKnowledgeText(text.toStdString(), "bad.yaml");
    QVERIFY2(problemsText(problems).contains(expected), qPrintable(problemsText(problems)));
    QCOMPARE(QString::fromStdString(problems.front().source), QStringLiteral("bad.yaml"));
    const EventEntry* good = kb.find("P", "", 1, -1);
    QVERIFY(good); // the rest of the file still loads
    QCOMPARE(QString::fromStdString(good->title),
             event.contains("Again") ? QStringLiteral("Again") : QStringLiteral("Good one"));
    KnowledgeBase broken;
    QVERIFY(!broken.addKnowledgeText("provider: [unclosed", "x.yaml").empty());
}

void TestKnowledge::templatesGiveHandCheckedText() {
    const char* text = R"(provider: Test-Provider
tasks: {12544: Logon}
fields: {LogonType: logon_type}
events:
  - id: 4624
    title: Logon succeeded
    summary: "{TargetDomainName}\\{TargetUserName} logged on ({LogonType:meaning}) at {/Event/System/Computer}"
    username: "{TargetUserName}"
    payload: ["Type {LogonType}", "Mode {Mode:meaning}", "{{literal}} {Missing}"]
    decode:
      Mode: {"0": Off, "1": On, default: Other}
  - id: 1000
    title: Application crashed
    summary: "{App} failed in {Data[2]}"
    data: [App]
)";
    KnowledgeBase kb;
    const auto problems = kb.addKnowledgeText(text, "t.yaml");
    QVERIFY2(problems.empty(), qPrintable(problemsText(problems)));
    auto logon = makeFields("Test-Provider", 4624,
                            {{"TargetUserName", "alice"},
                             {"TargetDomainName", "CORP"},
                             {"LogonType", "3"},
                             {"Mode", "7"}});
    logon.system.task = 12544;
    const EventDescription d = describe(kb, logon);
    QVERIFY(d.known());
    QCOMPARE(QString::fromStdString(d.title), QStringLiteral("Logon succeeded"));
    QCOMPARE(QString::fromStdString(d.category), QStringLiteral("Logon"));
    QCOMPARE(QString::fromStdString(d.summary),
             QStringLiteral("CORP\\alice logged on (Network) at WS01.corp.example"));
    QCOMPARE(QString::fromStdString(d.properties[size_t(MapProperty::UserName)]),
             QStringLiteral("alice"));
    QCOMPARE(QString::fromStdString(d.properties[size_t(MapProperty::PayloadData1)]),
             QStringLiteral("Type 3"));
    QCOMPARE(QString::fromStdString(d.properties[size_t(MapProperty::PayloadData2)]),
             QStringLiteral("Mode Other (7)"));
    QCOMPARE(QString::fromStdString(d.properties[size_t(MapProperty::PayloadData3)]),
             QStringLiteral("{literal} "));
    QCOMPARE(
        QString::fromStdString(withMeaning("3", decodeFieldValue(kb, d.entry, "LogonType", "3"))),
        QString::fromUtf8("3 \u2014 Network"));
    QCOMPARE(QString::fromStdString(withMeaning("7", decodeFieldValue(kb, nullptr, "Other", "7"))),
             QStringLiteral("7"));

    const auto crash =
        makeFields("test-provider", 1000, {{"Data[1]", "app.exe"}, {"Data[2]", "ntdll.dll"}});
    QCOMPARE(QString::fromStdString(describe(kb, crash).summary),
             QStringLiteral("app.exe failed in ntdll.dll"));
    const auto unknown = makeFields("Test-Provider", 9, {});
    QVERIFY(!describe(kb, unknown).known());
}

void TestKnowledge::laterEntryWinsAndVersionsRank() {
    KnowledgeBase kb;
    auto add = [&](int version, std::string channel, std::string title) {
        EventEntry e;
        e.provider = "P";
        e.eventId = 7;
        e.version = version;
        e.channel = std::move(channel);
        e.title = std::move(title);
        kb.addEntry(std::move(e));
    };
    add(-1, "", "any");
    add(2, "", "v2");
    add(-1, "Ops", "ops");
    add(-1, "", "any, replaced");
    QCOMPARE(kb.entryCount(), size_t(3));
    QCOMPARE(QString::fromStdString(kb.find("p", "System", 7, 1)->title),
             QStringLiteral("any, replaced"));
    QCOMPARE(QString::fromStdString(kb.find("P", "System", 7, 2)->title), QStringLiteral("v2"));
    QCOMPARE(QString::fromStdString(kb.find("P", "ops", 7, 1)->title), QStringLiteral("ops"));
    QVERIFY(!kb.find("P", "", 8, 1));

    // A user's map replaces the event's entries, versioned ones included.
    EventEntry map;
    map.provider = "P";
    map.eventId = 7;
    map.channel = "Ops";
    map.title = "from a map";
    kb.replaceEvent(std::move(map));
    QCOMPARE(kb.entryCount(), size_t(1));
    QCOMPARE(QString::fromStdString(kb.find("P", "Ops", 7, 2)->title),
             QStringLiteral("from a map"));
}

void TestKnowledge::refineKeepsEveryMatch() {
    TextTemplate t;
    TextTemplate::Piece piece;
    piece.literal = "Rights: ";
    piece.hasField = true;
    piece.field.name = "AccessList";
    piece.format.refine = "%%[0-9]{4}";
    t.pieces.push_back(piece);
    KnowledgeBase kb;
    auto render = [&](const char* value) {
        return QString::fromStdString(
            renderTemplate(kb, nullptr, t, makeFields("P", 1, {{"AccessList", value}})));
    };
    // As EvtxECmd: every match, joined by " | "; no match keeps the value.
    QCOMPARE(render("%%1537\n\t\t\t\t%%1538"), QStringLiteral("Rights: %%1537 | %%1538"));
    QCOMPARE(render("none"), QStringLiteral("Rights: none"));
    t.pieces[0].format.refine = "(?i)^(?:, )(.*)"; // converted lookbehind: the group is kept
    QCOMPARE(render(", tail"), QStringLiteral("Rights: tail"));
}

void TestKnowledge::demoLogIsDescribed() {
    std::string error;
    auto in = evtx::Input::openFile(EVTX_SOURCE_DIR "/samples/demo.evtx", error);
    QVERIFY2(in, error.c_str());
    const KnowledgeBase& kb = KnowledgeBase::builtIn();
    size_t records = 0, known = 0, logons = 0;
    std::set<std::string> unknown;
    visitRecords(in->bytes(), [&](const evtx::EventFields& f, const evtx::RecordTree&) {
        ++records;
        const EventDescription d = describe(kb, f);
        if (!d.known()) {
            unknown.insert(f.system.provider + " " + std::to_string(f.system.eventId));
            return;
        }
        ++known;
        QVERIFY(!d.title.empty());
        if (f.system.provider == "Microsoft-Windows-Security-Auditing" &&
            f.system.eventId == 4624) {
            ++logons;
            // The summary names the account that logged on.
            const evtx::EventField* user = f.data("TargetUserName");
            QVERIFY(user);
            QVERIFY2(d.summary.find(user->value) != std::string::npos, d.summary.c_str());
            QCOMPARE(QString::fromStdString(d.category), QStringLiteral("Logon"));
        }
    });
    QVERIFY(records > 100);
    QVERIFY(logons > 0);
    QStringList names;
    for (const auto& u : unknown)
        names << QString::fromStdString(u);
    QVERIFY2(known == records, qPrintable("not described: " + names.join(", ")));
}

// The built-in knowledge is a pack compiled at build time; described from
// the YAML files loaded here, every demo record reads the same.
void TestKnowledge::compiledPackMatchesTheFiles() {
    KnowledgeBase fromFiles;
    for (const QString& file : knowledgeFiles())
        fromFiles.addKnowledgeText(readAll(knowledgeDir() + "/" + file).toStdString(),
                                   file.toStdString());
    const KnowledgeBase& packed = KnowledgeBase::builtIn();
    QCOMPARE(packed.entryCount(), fromFiles.entryCount());
    QCOMPARE(packed.taskNames().size(), fromFiles.taskNames().size());
    QCOMPARE(packed.sharedFieldFormats().size(), fromFiles.sharedFieldFormats().size());
    std::string error;
    auto in = evtx::Input::openFile(EVTX_SOURCE_DIR "/samples/demo.evtx", error);
    QVERIFY2(in, error.c_str());
    size_t compared = 0;
    visitRecords(in->bytes(), [&](const evtx::EventFields& f, const evtx::RecordTree&) {
        const EventDescription a = describe(packed, f), b = describe(fromFiles, f);
        QCOMPARE(a.title, b.title);
        QCOMPARE(a.summary, b.summary);
        QCOMPARE(a.category, b.category);
        QVERIFY(a.properties == b.properties);
        for (const evtx::EventField& field : f)
            if (field.isData())
                QCOMPARE(decodeFieldValue(packed, a.entry, field.name, field.value),
                         decodeFieldValue(fromFiles, b.entry, field.name, field.value));
        ++compared;
    });
    QVERIFY(compared > 100);
}

// EventDataReader's per-template plans give exactly the fields of the
// general walk, record by record, on the demo log and every shared log.
void TestKnowledge::plannedDataReadsMatchTheWalk() {
    QStringList files{QStringLiteral(EVTX_SOURCE_DIR "/samples/demo.evtx")};
    if (sharedAvailable()) {
        for (const QString& f : QDir(sharedDir() + "/evtx-samples").entryList({"*.evtx"}))
            files << sharedDir() + "/evtx-samples/" + f;
        for (const QString& f : QDir(sharedDir() + "/bench").entryList({"*.evtx"}))
            files << sharedDir() + "/bench/" + f;
    }
    uint64_t planned = 0, general = 0;
    for (const QString& path : files) {
        std::string error;
        auto in = evtx::Input::openFile(path.toStdString(), error);
        QVERIFY2(in, error.c_str());
        evtx::EventDataReader reader;
        evtx::EventFields walked, read;
        size_t mismatches = 0;
        visitRecords(in->bytes(), [&](const evtx::EventFields&, const evtx::RecordTree& tree) {
            evtx::readEventDataFields(tree, walked);
            reader.read(tree, read);
            bool same = walked.used == read.used;
            for (size_t i = 0; same && i < walked.used; ++i) {
                const evtx::EventField &a = walked.fields[i], &b = read.fields[i];
                same = a.path == b.path && a.name == b.name && a.value == b.value &&
                       a.position == b.position;
            }
            mismatches += same ? 0 : 1;
        });
        QVERIFY2(mismatches == 0,
                 qPrintable(QString("%1: %2 records differ").arg(path).arg(mismatches)));
        planned += reader.plannedReads();
        general += reader.generalReads();
    }
    qInfo("planned %llu, general %llu", (unsigned long long)planned, (unsigned long long)general);
    QVERIFY(planned > general); // the plans do serve most records
}

void TestKnowledge::samplesAreCovered() {
    SKIP_WITHOUT_SHARED();
    const KnowledgeBase& kb = KnowledgeBase::builtIn();
    QStringList files;
    for (const QString& f : QDir(sharedDir() + "/evtx-samples").entryList({"*.evtx"}))
        files << sharedDir() + "/evtx-samples/" + f;
    for (const QString& f : QDir(sharedDir() + "/bench").entryList({"*.evtx"}))
        files << sharedDir() + "/bench/" + f;
    size_t records = 0, known = 0;
    std::map<std::string, size_t> unknown;
    for (const QString& path : files) {
        std::string error;
        auto in = evtx::Input::openFile(path.toStdString(), error);
        if (!in) continue;
        visitRecords(in->bytes(), [&](const evtx::EventFields& f, const evtx::RecordTree&) {
            ++records;
            if (kb.find(f.system.provider, f.system.channel, f.system.eventId, -1) ||
                describe(kb, f).known())
                ++known;
            else
                ++unknown[f.system.provider + " " + std::to_string(f.system.eventId)];
        });
    }
    std::multimap<size_t, std::string, std::greater<>> byCount;
    for (auto& [name, n] : unknown)
        byCount.emplace(n, name);
    QStringList top;
    for (auto& [n, name] : byCount)
        if (top.size() < 15) top << QString("%1 %2").arg(n).arg(QString::fromStdString(name));
    const double share = records ? double(known) / double(records) : 0;
    qInfo("coverage: %zu of %zu records (%.2f %%); %zu (provider, id) pairs unknown", known,
          records, share * 100, unknown.size());
    QVERIFY(records > 100000);
    QVERIFY2(share >= 0.95, qPrintable("largest unknown: " + top.join("; ")));
}

void TestKnowledge::placeholdersNameRealFields() {
    SKIP_WITHOUT_SHARED();
    // For each described event seen in the samples: the names its templates
    // use, and the field names its records actually carry.
    const KnowledgeBase& kb = KnowledgeBase::builtIn();
    std::map<const EventEntry*, std::set<std::string>> seenFields;
    for (const QString& f : QDir(sharedDir() + "/evtx-samples").entryList({"*.evtx"})) {
        std::string error;
        auto in = evtx::Input::openFile((sharedDir() + "/evtx-samples/" + f).toStdString(), error);
        if (!in) continue;
        visitRecords(in->bytes(), [&](const evtx::EventFields& fields, const evtx::RecordTree&) {
            const EventDescription d = describe(kb, fields);
            if (!d.known()) return;
            auto& names = seenFields[d.entry];
            for (const evtx::EventField& field : fields)
                if (field.isData()) names.insert(field.name);
            for (size_t i = 0; i < d.entry->dataNames.size(); ++i)
                if (fields.data("Data[" + std::to_string(i + 1) + "]"))
                    names.insert(d.entry->dataNames[i]);
        });
    }
    // Fields Sysmon added in schema versions newer than the samples' (User on
    // file and registry events, SourceUser, Contents): no sample has them.
    const std::set<std::string> newerSysmon{"User", "SourceUser", "Contents"};
    QStringList wrong;
    for (const auto& [entry, names] : seenFields) {
        std::set<std::string> used = placeholderNames(entry->summary);
        for (const TextTemplate& t : entry->properties)
            used.merge(placeholderNames(t));
        for (const std::string& name : used)
            if (!names.count(name) &&
                !(entry->provider == "Microsoft-Windows-Sysmon" && newerSysmon.count(name)))
                wrong << QString("%1 %2: {%3}")
                             .arg(QString::fromStdString(entry->provider))
                             .arg(entry->eventId)
                             .arg(QString::fromStdString(name));
    }
    QVERIFY(seenFields.size() > 50);
    QVERIFY2(wrong.isEmpty(), qPrintable("placeholders no record has: " + wrong.join("; ")));
}

QTEST_GUILESS_MAIN(TestKnowledge)
#include "tst_knowledge.moc"
