// What the viewer says an event means, on the demo log: the Description
// column (shown by default, per visible row), Task Category names, the
// Summary section of the details pane with decoded values, an event the
// knowledge lacks, a maps folder replacing a built-in description, and SIDs
// named by the log itself (TargetUserSid, the System UserID).
// Expectations come from each record's JSON (evtxdump), read independently.
#include "app/log_view.hpp"
#include "app/main_window.hpp"
#include "details/detail_pane.hpp"
#include "document/log_document.hpp"
#include "knowledge/knowledge_source.hpp"
#include "log_samples.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include "evtx/knowledge/decoders.hpp"

#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace evtxui;

namespace {
QJsonObject eventOf(const QByteArray& line) {
    return QJsonDocument::fromJson(line).object()["Event"].toObject();
}

int eventIdOf(const QJsonObject& event) {
    const QJsonValue id = event["System"].toObject()["EventID"];
    return id.isObject() ? id.toObject()["#text"].toInt() : id.toInt();
}

// The first demo record with this event id (index row = JSONL line).
int firstRecordWithId(int eventId) {
    const QList<QByteArray> lines = logJsonLines("demo");
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (eventIdOf(eventOf(lines[i])) == eventId) return int(i);
    return -1;
}

QString userIdOf(const QJsonObject& event) {
    return event["System"]
        .toObject()["Security"]
        .toObject()["#attributes"]
        .toObject()["UserID"]
        .toString();
}

// A 4624 whose TargetUserSid has no well-known name and is some record's
// System UserID: its row, that SID and the name the 4624 gives it.
struct NamedSid {
    int logonRow = -1, userIdRow = -1;
    QString sid, name;
};

NamedSid namedDomainSid() {
    const QList<QByteArray> lines = logJsonLines("demo");
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QJsonObject event = eventOf(lines[i]);
        const QJsonObject data = event["EventData"].toObject();
        const QString sid = data["TargetUserSid"].toString();
        if (eventIdOf(event) != 4624 ||
            !evtx::knowledge::wellKnownSidName(sid.toStdString()).empty())
            continue;
        for (qsizetype j = 0; j < lines.size(); ++j)
            if (userIdOf(eventOf(lines[j])) == sid)
                return {int(i), int(j), sid,
                        data["TargetDomainName"].toString() + '\\' +
                            data["TargetUserName"].toString()};
    }
    return {};
}

QString cellText(RecordTableModel* m, uint32_t indexRow, Column c) {
    return m->index(m->tableRow(indexRow), int(c)).data().toString();
}

// An EvtxECmd map for the demo's 4624 logons, as a user would write one.
// (No raw string: moc does not read them.)
const char* const kLogonMap =
    "Author: tst_knowledge_view\n"
    "Description: Custom logon description from a map\n"
    "EventId: 4624\n"
    "Channel: Security\n"
    "Provider: Microsoft-Windows-Security-Auditing\n"
    "Maps:\n"
    "  -\n"
    "    Property: UserName\n"
    "    PropertyValue: \"%domain%\\\\%user%\"\n"
    "    Values:\n"
    "      -\n"
    "        Name: domain\n"
    "        Value: \"/Event/EventData/Data[@Name=\\\"TargetDomainName\\\"]\"\n"
    "      -\n"
    "        Name: user\n"
    "        Value: \"/Event/EventData/Data[@Name=\\\"TargetUserName\\\"]\"\n";
} // namespace

class KnowledgeViewTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        useTestSettings();
        QSettings().remove(KnowledgeSource::kMapsFolderKey);
    }

    void descriptionColumnShownByDefault() {
        MainWindow w;
        LogView* v = w.openFile(demoLogPath());
        QVERIFY(waitIndexed(v->document()));
        QVERIFY(!v->table()->horizontalHeader()->isSectionHidden(int(Column::Description)));
        QCOMPARE(v->model()
                     ->headerData(int(Column::Description), Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("Description"));

        const int row = firstRecordWithId(4624);
        QVERIFY(row >= 0);
        const QString user =
            eventOf(logJsonLines("demo")[row])["EventData"].toObject()["TargetUserName"].toString();
        QVERIFY(!user.isEmpty());
        const QString text = cellText(v->model(), uint32_t(row), Column::Description);
        QVERIFY2(text.startsWith("Logon succeeded"), qPrintable(text));
        QVERIFY2(text.contains(user), qPrintable(text));
        // Computed on demand and cached: asking again parses nothing.
        const int reads = v->model()->descriptionRecordsRead();
        QCOMPARE(cellText(v->model(), uint32_t(row), Column::Description), text);
        QCOMPARE(v->model()->descriptionRecordsRead(), reads);
        // Not sortable: the order stays as it is.
        v->model()->sort(int(Column::Description));
        QVERIFY(!v->model()->isSorting());
    }

    void taskCategoryShowsItsName() {
        LogDocument doc(demoLogPath());
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        RecordTableModel m(&doc);
        const int row = firstRecordWithId(4624);
        QCOMPARE(cellText(&m, uint32_t(row), Column::TaskCategory), QStringLiteral("Logon"));
        // Sorting keeps the number: the sort key is the indexed task.
        QCOMPARE(columnInfo(Column::TaskCategory).field, evtx::IndexField::Task);
    }

    void summaryShowsTitleAndDecodedLogonType() {
        LogDocument doc(demoLogPath());
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        const int row = firstRecordWithId(4624);
        const QJsonObject data = eventOf(logJsonLines("demo")[row])["EventData"].toObject();
        const QString logonType = data["LogonType"].toVariant().toString();
        DetailPane pane;
        pane.showRecord(&doc, uint32_t(row));
        const QString summary = pane.summaryText();
        QVERIFY2(summary.contains("Logon succeeded"), qPrintable(summary));
        QVERIFY2(summary.contains("Category"), qPrintable(summary));
        QVERIFY2(summary.contains(logonType + QStringLiteral(" — ")), qPrintable(summary));
        // The Fields tab: the meaning beside the raw value, never instead.
        const QString shown = pane.fieldValue("LogonType");
        QVERIFY2(shown.startsWith(logonType + QStringLiteral(" — ")), qPrintable(shown));
        QVERIFY(pane.fieldValue("Task Category").endsWith(QStringLiteral(" — Logon")));
    }

    // With a knowledge base that knows nothing, every event is unknown.
    void unknownEventSaysSoAndListsAllFields() {
        LogDocument doc(demoLogPath());
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        const int row = firstRecordWithId(4624);
        const QJsonObject data = eventOf(logJsonLines("demo")[row])["EventData"].toObject();
        DetailPane pane;
        pane.setKnowledge(std::make_shared<evtx::knowledge::KnowledgeBase>());
        pane.showRecord(&doc, uint32_t(row));
        QVERIFY2(pane.summaryText().contains(
                     "No description for Microsoft-Windows-Security-Auditing event 4624"),
                 qPrintable(pane.summaryText()));
        // Every field, raw value first ("%%1843 — No": message strings still expand).
        for (auto it = data.begin(); it != data.end(); ++it) {
            const QString raw = it.value().toVariant().toString();
            const QString shown = pane.fieldValue(it.key());
            QVERIFY2(pane.fieldRow(it.key()) >= 0, qPrintable(it.key()));
            QVERIFY2(shown == raw || shown.startsWith(raw + QStringLiteral(" — ")),
                     qPrintable(it.key() + ": " + shown));
        }

        RecordTableModel m(&doc);
        m.setKnowledge(std::make_shared<evtx::knowledge::KnowledgeBase>());
        QCOMPARE(cellText(&m, uint32_t(row), Column::Description), QString());
        QCOMPARE(cellText(&m, uint32_t(row), Column::TaskCategory), QStringLiteral("12544"));
    }

    void mapsFolderChangesTheDescription() {
        QTemporaryDir maps;
        QVERIFY(maps.isValid());
        QFile f(maps.filePath("Security_4624.map"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kLogonMap);
        f.close();
        QFile broken(maps.filePath("Broken.map"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("this: [is not a map\n");
        broken.close();

        MainWindow w;
        LogView* v = w.openFile(demoLogPath());
        QVERIFY(waitIndexed(v->document()));
        const int row = firstRecordWithId(4624);
        QVERIFY(
            cellText(v->model(), uint32_t(row), Column::Description).startsWith("Logon succeeded"));
        QSignalSpy loaded(w.knowledge(), &KnowledgeSource::knowledgeChanged);
        w.knowledge()->setMapsFolder(maps.path());
        QVERIFY(loaded.wait(30000));
        QCOMPARE(w.knowledge()->lastLoad().loaded, size_t(1));
        // Nothing silently dropped: the broken map is named with a reason.
        QCOMPARE(w.knowledge()->lastLoad().problems.size(), size_t(1));
        QVERIFY(KnowledgeSource::problemText(w.knowledge()->lastLoad()).contains("Broken.map"));
        QCOMPARE(cellText(v->model(), uint32_t(row), Column::Description),
                 QStringLiteral("Custom logon description from a map"));
        v->table()->setCurrentIndex(v->model()->index(v->model()->tableRow(uint32_t(row)), 0));
        QVERIFY(v->details()->summaryText().contains("Custom logon description from a map"));
        // Back to the built-in knowledge.
        w.knowledge()->setMapsFolder(QString());
        QVERIFY(loaded.wait(30000));
        QVERIFY(
            cellText(v->model(), uint32_t(row), Column::Description).startsWith("Logon succeeded"));
        QSettings().remove(KnowledgeSource::kMapsFolderKey);
    }

    // The log's own pairs name a domain SID: in the Fields tab, the Summary
    // and the System UserID; they arrive after indexing, the shown record
    // is described again then.
    void sidNamedFromTheLog() {
        const NamedSid expected = namedDomainSid();
        QVERIFY(expected.logonRow >= 0);
        const QString shown = expected.sid + QStringLiteral(" — ") + expected.name +
                              QStringLiteral(" (from this log)");
        MainWindow w;
        LogView* v = w.openFile(demoLogPath());
        QVERIFY(waitIndexed(v->document()));
        v->table()->setCurrentIndex(
            v->model()->index(v->model()->tableRow(uint32_t(expected.logonRow)), 0));
        QTRY_VERIFY_WITH_TIMEOUT(v->document()->sidNames(), 30000);
        QTRY_COMPARE(v->details()->fieldValue("TargetUserSid"), shown);
        QVERIFY2(v->details()->summaryText().contains(shown),
                 qPrintable(v->details()->summaryText()));
        // A record naming the SID only as its System UserID.
        v->table()->setCurrentIndex(
            v->model()->index(v->model()->tableRow(uint32_t(expected.userIdRow)), 0));
        QCOMPARE(v->details()->fieldValue("User"), shown);
        const QString summary = v->details()->summaryText();
        QVERIFY2(summary.contains(QStringLiteral("User ID")) && summary.contains(shown),
                 qPrintable(summary));
    }
};

QTEST_MAIN(KnowledgeViewTest)
#include "tst_knowledge_view.moc"
