// Saved filters: kept in (test) settings, exported and imported as the
// project's JSON, and imported from Windows Event Viewer custom views and
// bare QueryList files; the imported view filters the demo log (and, with
// ../shared, security.evtx) to the count taken independently from evtxdump's
// JSONL of it (the golden JSONL for security.evtx); bad files fail clearly.
#include "app/log_view.hpp"
#include "app/main_window.hpp"
#include "filter/filter_controller.hpp"
#include "filter/saved_filters.hpp"
#include "filter/saved_filters_dialog.hpp"
#include "log_sources.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QMenu>
#include <QTemporaryDir>

using namespace evtxui;

namespace {

// An Event Viewer custom view (as "Export Custom View…" writes one):
// successful logons from Security, without service logons (type 5).
const char* kCustomView = R"(<?xml version="1.0" encoding="UTF-8"?>
<ViewerConfig>
  <QueryConfig>
    <QueryParams>
      <UserQuery />
    </QueryParams>
    <QueryNode>
      <Name>Logons without services</Name>
      <Description>4624, LogonType other than 5</Description>
      <QueryList>
        <Query Id="0" Path="Security">
          <Select Path="Security">
            *[System[(EventID=4624)]]
          </Select>
          <Suppress Path="Security">*[EventData[Data[@Name='LogonType']=5]]</Suppress>
        </Query>
      </QueryList>
    </QueryNode>
  </QueryConfig>
  <ResultsConfig>
    <Columns><Column Name="Level" Type="System.String" Path="Event/System/Level" Visible="">150</Column></Columns>
  </ResultsConfig>
</ViewerConfig>
)";

// Counted from the reference output: EventID 4624 in the Security channel
// whose EventData LogonType is not 5; `logons` counts all 4624s there.
int logonsWithoutServices(const QString& log, int& logons) {
    int n = 0;
    logons = 0;
    for (const QByteArray& line : logJsonLines(log)) {
        const QJsonObject event = QJsonDocument::fromJson(line).object()["Event"].toObject();
        const QJsonObject system = event["System"].toObject();
        const QJsonValue id = system["EventID"];
        const int eventId = id.isObject() ? id.toObject()["#text"].toInt() : id.toInt();
        const QString logonType = event["EventData"].toObject()["LogonType"].toVariant().toString();
        if (eventId != 4624 || system["Channel"].toString() != "Security") continue;
        ++logons;
        if (logonType != "5") ++n;
    }
    return n;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& data) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size()) qFatal("cannot write");
    return path;
}

QAction* menuAction(QMenu* menu, const QString& text) {
    for (QAction* a : menu->actions())
        if (a->text() == text) return a;
    return nullptr;
}

} // namespace

class SavedFiltersTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

  private slots:
    void initTestCase() {
        useTestSettings();
        QVERIFY(dir_.isValid());
    }
    void init() { setSavedFilters({}); }

    void keptInSettings() {
        QVERIFY(savedFilters().isEmpty());
        saveFilter(makeSavedFilter("Errors", "Level <= Error"));
        saveFilter(makeSavedFilter("Logons", "*[System[(EventID=4624)]]"));
        QCOMPARE(savedFilters().size(), 2);
        QCOMPARE(savedFilters()[1].syntax, QuerySyntax::XPath);
        // The same name (ignoring case) replaces.
        saveFilter(makeSavedFilter("errors", "Level == Critical"));
        QCOMPARE(savedFilters().size(), 2);
        QCOMPARE(savedFilters()[0].query, QString("Level == Critical"));

        QString error;
        QVERIFY(!renameSavedFilter("Logons", "ERRORS", error));
        QVERIFY2(error.contains("exists already"), qPrintable(error));
        QVERIFY(!renameSavedFilter("Logons", "  ", error));
        QVERIFY(!renameSavedFilter("Nope", "X", error));
        QVERIFY(renameSavedFilter("Logons", "Interactive logons", error));
        QCOMPARE(savedFilters()[1].name, QString("Interactive logons"));
        removeSavedFilter("errors");
        QCOMPARE(savedFilters().size(), 1);
        QCOMPARE(savedFilters()[0].name, QString("Interactive logons"));

        // The manager lists them and deletes the current one.
        SavedFiltersDialog dialog;
        QCOMPARE(dialog.list()->count(), 1);
        QCOMPARE(dialog.currentName(), QString("Interactive logons"));
        dialog.deleteCurrent();
        QCOMPARE(dialog.list()->count(), 0);
        QVERIFY(savedFilters().isEmpty());
    }

    void exportImportRoundTrip() {
        const QList<SavedFilter> filters = {
            makeSavedFilter("Logons", "EventID == 4624 and Data.LogonType in (2, 10)"),
            makeSavedFilter("Quotes \"and\" ünïcödé", "Provider contains \"C:\\\\x\""),
            makeSavedFilter("XPath", "*[System[Level=2 or Level=3]]"),
            makeSavedFilter("List", "<QueryList><Query Id=\"0\"><Select Path=\"System\">"
                                    "*[System[EventID=7036]]</Select></Query></QueryList>"),
        };
        QCOMPARE(filters[3].syntax, QuerySyntax::QueryList);
        const QByteArray json = exportSavedFilters(filters);
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root["format"].toString(), QString("evtxview-saved-filters"));
        QCOMPARE(root["version"].toInt(), 1);
        QCOMPARE(root["filters"].toArray()[2].toObject()["syntax"].toString(), QString("xpath"));

        const QString path = writeFile(dir_, "filters.json", json);
        const FilterImport back = readFilterFile(path);
        QVERIFY2(back.ok(), qPrintable(back.error));
        QCOMPARE(back.filters, filters);

        // Imported twice: the second copies get new names, nothing is lost.
        QCOMPARE(addSavedFilters(back.filters).size(), 4);
        const QStringList again = addSavedFilters(back.filters);
        QCOMPARE(again[0], QString("Logons (2)"));
        QCOMPARE(savedFilters().size(), 8);
    }

    // The demo log always; security.evtx too when the corpus is there.
    void eventViewerCustomViewFiltersLikeGolden_data() {
        QTest::addColumn<QString>("log");
        QTest::newRow("demo") << QString("demo");
        if (sharedAvailable()) QTest::newRow("security") << QString("security");
    }
    void eventViewerCustomViewFiltersLikeGolden() {
        QFETCH(QString, log);
        const QString path = writeFile(dir_, "custom view.xml", kCustomView);
        const FilterImport imported = readFilterFile(path);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        QCOMPARE(imported.filters.size(), 1);
        const SavedFilter& f = imported.filters[0];
        QCOMPARE(f.name, QString("Logons without services"));
        QCOMPARE(f.syntax, QuerySyntax::QueryList);
        QVERIFY2(!f.query.contains('\n'), qPrintable(f.query)); // fits the one-line filter bar
        QVERIFY(f.query.contains("<Suppress Path=\"Security\">"));
        addSavedFilters(imported.filters);

        int logons = 0;
        const int expected = logonsWithoutServices(log, logons);
        QVERIFY(expected > 0 && expected < logons);   // some logons are type 5
        if (log == "security") QCOMPARE(logons, 583); // 416 of them type 5

        // Applied from the Filters menu to the current tab.
        MainWindow window;
        LogView* view = window.openFile(logPath(log));
        QVERIFY(waitIndexed(view->document()));
        emit window.filtersMenu()->aboutToShow();
        QAction* action = menuAction(window.filtersMenu(), "Logons without services");
        QVERIFY(action);
        action->trigger();
        QVERIFY(QTest::qWaitFor(
            [view] { return view->model()->isFiltered() && !view->filter()->isBusy(); }, 30000));
        QCOMPARE(view->model()->rowCount(), expected);
    }

    void bareQueryListTakesTheFileName() {
        const QString path = writeFile(
            dir_, "service-starts.xml",
            "<QueryList>\r\n  <Query Id=\"0\" Path=\"System\">\r\n"
            "    <Select Path=\"System\">*[System[Provider[@Name='Service Control Manager'] "
            "and (EventID=7036)]]</Select>\r\n  </Query>\r\n</QueryList>\r\n");
        const FilterImport imported = readFilterFile(path);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        QCOMPARE(imported.filters.size(), 1);
        QCOMPARE(imported.filters[0].name, QString("service-starts"));
        evtx::QueryError error;
        QVERIFY(parseFilterText(imported.filters[0].query, error));
    }

    void badFilesSayWhatIsWrong_data() {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray("  \n") << "the file is empty";
        QTest::newRow("text") << QByteArray("EventID == 4624") << "neither a saved-filters";
        QTest::newRow("broken xml") << QByteArray("<QueryList><Query>") << "not well-formed XML";
        QTest::newRow("other xml")
            << QByteArray("<html><body/></html>") << "expected <ViewerConfig>";
        QTest::newRow("view without query")
            << QByteArray("<ViewerConfig><QueryConfig><QueryNode><Name>x</Name></QueryNode>"
                          "</QueryConfig></ViewerConfig>")
            << "no <QueryList>";
        QTest::newRow("bad xpath")
            << QByteArray("<QueryList><Query><Select>*[System[EventID=]]</Select></Query>"
                          "</QueryList>")
            << "does not parse";
        QTest::newRow("broken json") << QByteArray("{\"format\": ") << "not valid JSON";
        QTest::newRow("other json")
            << QByteArray("{\"filters\": []}") << "not a saved-filters file";
        QTest::newRow("newer json")
            << QByteArray("{\"format\": \"evtxview-saved-filters\", \"version\": 9, "
                          "\"filters\": []}")
            << "unsupported version 9";
        QTest::newRow("nameless") << QByteArray(
                                         "{\"format\": \"evtxview-saved-filters\", \"version\": 1, "
                                         "\"filters\": [{\"query\": \"EventID == 1\"}]}")
                                  << "filter 1 needs a \"name\"";
        QTest::newRow("bad query")
            << QByteArray("{\"format\": \"evtxview-saved-filters\", \"version\": 1, "
                          "\"filters\": [{\"name\": \"x\", \"query\": \"EventID ==\"}]}")
            << "filter \"x\": at 10:";
    }

    void badFilesSayWhatIsWrong() {
        QFETCH(QByteArray, data);
        QFETCH(QString, message);
        const FilterImport r = parseFilterFile(data, "bad.file");
        QVERIFY(!r.ok());
        QVERIFY(r.filters.isEmpty());
        QVERIFY2(r.error.startsWith("bad.file: "), qPrintable(r.error));
        QVERIFY2(r.error.contains(message), qPrintable(r.error));
        const FilterImport missing = readFilterFile(dir_.filePath("no-such-file.json"));
        QVERIFY(missing.error.startsWith("no-such-file.json: "));
    }
};

QTEST_MAIN(SavedFiltersTest)
#include "tst_saved_filters.moc"
