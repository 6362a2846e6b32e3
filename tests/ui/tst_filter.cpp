// The filter bar, facets and "filter on this value": validation as typed
// (with the error's position), filters and facet counts checked against
// counts taken independently from JSONL: evtxdump's, run on the demo log,
// and the golden files of shared samples when ../shared is there.
#include "app/log_view.hpp"
#include "facets/facets_panel.hpp"
#include "filter/filter_bar.hpp"
#include "filter/filter_controller.hpp"
#include "filter/query_text.hpp"
#include "log_samples.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include <QCompleter>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMap>
#include <QTableView>
#include <QTreeWidget>

using namespace evtxui;

namespace {

QJsonObject systemOf(const QByteArray& line) {
    return QJsonDocument::fromJson(line).object()["Event"].toObject()["System"].toObject();
}

// EventID is a number, or {"#attributes": {Qualifiers}, "#text": n}.
int eventIdOf(const QJsonObject& system) {
    const QJsonValue v = system["EventID"];
    return v.isObject() ? v.toObject()["#text"].toInt() : v.toInt();
}

QString providerOf(const QJsonObject& system) {
    return system["Provider"].toObject()["#attributes"].toObject()["Name"].toString();
}

int countWhere(const QString& sample, const std::function<bool(const QJsonObject&)>& pred) {
    int n = 0;
    for (const QByteArray& line : logJsonLines(sample))
        if (pred(systemOf(line))) ++n;
    return n;
}

bool waitIdle(LogView& v) {
    return QTest::qWaitFor([&v] { return !v.filter()->isBusy(); }, 30000);
}

std::unique_ptr<LogView> openIndexed(const QString& sample) {
    auto v = std::make_unique<LogView>(logPath(sample));
    if (!v->openAndIndex() || !waitIndexed(v->document()) || !waitIdle(*v)) return nullptr;
    return v;
}

} // namespace

class FilterTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { useTestSettings(); }

    void validatesAsTyped() {
        FilterBar bar;
        bar.setText("EventID == 4624 and Data.LogonType in (2, 10)");
        QVERIFY(bar.isValid());
        QCOMPARE(bar.errorPosition(), -1);
        bar.setText("EventID == and");
        QVERIFY(!bar.isValid());
        QCOMPARE(bar.errorPosition(), 11);
        QVERIFY2(bar.messageText().startsWith("at 11:"), qPrintable(bar.messageText()));
        QVERIFY(bar.edit()->toolTip().contains("^"));
        QVERIFY(bar.edit()->palette().color(QPalette::Base) != QPalette().color(QPalette::Base));
        // XPath and QueryList are detected by how they start.
        bar.setText("*[System[(EventID=4624 or EventID=4625)]]");
        QVERIFY(bar.isValid());
        QCOMPARE(detectQuerySyntax(bar.text()), QuerySyntax::XPath);
        bar.setText("*[System[EventID=]]");
        QVERIFY(!bar.isValid());
        QCOMPARE(detectQuerySyntax("<QueryList><Query/></QueryList>"), QuerySyntax::QueryList);
        bar.setText("");
        QVERIFY(bar.isValid());
    }

    void enterAppliesOnlyValidText() {
        FilterBar bar;
        QSignalSpy applied(&bar, &FilterBar::applyRequested);
        bar.setText("Level <=");
        QTest::keyClick(bar.edit(), Qt::Key_Return);
        QCOMPARE(applied.count(), 0);
        bar.setText("Level <= 3");
        QTest::keyClick(bar.edit(), Qt::Key_Return);
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.first().first().toString(), QString("Level <= 3"));
    }

    void completesFieldAndDataNames_data() { addLogRows({"security"}); }
    void completesFieldAndDataNames() {
        QFETCH(QString, name);
        auto v = openIndexed(name);
        QVERIFY(v);
        QVERIFY(QTest::qWaitFor([&] { return !v->filter()->dataFieldNames().isEmpty(); }));
        const QStringList words = v->filterBar()->completions();
        QVERIFY(words.contains("EventID"));
        QVERIFY(words.contains("Data.TargetUserName"));
        QCompleter* c = v->filterBar()->completer();
        c->setCompletionPrefix("Data.TargetU");
        QVERIFY(c->completionCount() >= 1);
        QVERIFY(c->currentCompletion().startsWith("Data.TargetU"));
    }

    // Classic events' unnamed values complete as the language takes them.
    void completesUnnamedDataBare() {
        auto v = openIndexed(kDemo);
        QVERIFY(v);
        QVERIFY(QTest::qWaitFor([&] { return !v->filter()->dataFieldNames().isEmpty(); }));
        const QStringList words = v->filterBar()->completions();
        QVERIFY(words.contains("Data[1]"));
        QVERIFY(!words.contains("Data.Data[1]"));
        QVERIFY(words.contains("Data.TargetUserName"));
        QVERIFY(v->filter()->applyExpression("Data[1] == \"x\""));
    }

    void historyKeepsRecentFilters() {
        FilterBar::addToHistory("EventID == 1");
        FilterBar::addToHistory("EventID == 2");
        FilterBar::addToHistory("EventID == 1");
        const QStringList h = FilterBar::history();
        QCOMPARE(h.value(0), QString("EventID == 1"));
        QCOMPARE(h.value(1), QString("EventID == 2"));
        QCOMPARE(h.count("EventID == 1"), 1);
    }

    void filterCountsMatchReference_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("eventId");
        QStringList logs{kDemo};
        if (sharedAvailable()) logs << "security";
        for (const QString& log : logs) {
            const QByteArray tag = log.toUtf8() + ' ';
            QTest::newRow(tag + "language") << log << "EventID == 4624" << 4624;
            QTest::newRow(tag + "xpath") << log << "*[System[EventID=4624]]" << 4624;
            QTest::newRow(tag + "language 4672") << log << "eventid = 4672" << 4672;
        }
    }
    void filterCountsMatchReference() {
        QFETCH(QString, name);
        QFETCH(QString, expression);
        QFETCH(int, eventId);
        auto v = openIndexed(name);
        QVERIFY(v);
        const int expected =
            countWhere(name, [&](const QJsonObject& s) { return eventIdOf(s) == eventId; });
        QVERIFY(expected > 0);
        QSignalSpy applied(v->filter(), &FilterController::filterApplied);
        v->filterBar()->setText(expression);
        QTest::keyClick(v->filterBar()->edit(), Qt::Key_Return);
        QVERIFY(applied.wait(30000) || applied.count() == 1);
        QVERIFY(waitIdle(*v));
        QVERIFY(v->model()->isFiltered());
        QCOMPARE(v->model()->rowCount(), expected);
        for (int r = 0; r < v->model()->rowCount(); ++r)
            QCOMPARE(v->document()->index().columns().eventId(v->model()->indexRow(r)),
                     uint16_t(eventId));
        QVERIFY(v->filterBar()->messageText().contains(QLocale().toString(expected)));
        QCOMPARE(FilterBar::history().value(0), expression);
        // The facets now count the filtered rows.
        const auto& ids = v->filter()->facetCounts()[int(Facet::EventId)];
        QCOMPARE(int(ids.size()), 1);
        QCOMPARE(int(ids[0].count), expected);
        // An empty filter shows everything again.
        v->filter()->applyExpression("");
        QVERIFY(waitIdle(*v));
        QVERIFY(!v->model()->isFiltered());
        QCOMPARE(v->model()->rowCount(), logJsonLines(name).size());
    }

    void filterKeepsSortOrder_data() { addLogRows({"security"}); }
    void filterKeepsSortOrder() {
        QFETCH(QString, name);
        auto v = openIndexed(name);
        QVERIFY(v);
        QSignalSpy sorted(v->model(), &RecordTableModel::sortFinished);
        v->model()->sort(int(Column::RecordId), Qt::DescendingOrder);
        QVERIFY(sorted.wait());
        v->filter()->applyExpression("EventID == 4624");
        QVERIFY(waitIdle(*v));
        const auto& c = v->document()->index().columns();
        QVERIFY(v->model()->rowCount() > 1);
        for (int r = 1; r < v->model()->rowCount(); ++r)
            QVERIFY(c.recordId(v->model()->indexRow(r - 1)) > c.recordId(v->model()->indexRow(r)));
        // Sorting the filtered view keeps the filter.
        v->model()->sort(int(Column::RecordId), Qt::AscendingOrder);
        QVERIFY(sorted.wait());
        QCOMPARE(v->model()->rowCount(),
                 countWhere(name, [](const QJsonObject& s) { return eventIdOf(s) == 4624; }));
        for (int r = 1; r < v->model()->rowCount(); ++r)
            QVERIFY(c.recordId(v->model()->indexRow(r - 1)) < c.recordId(v->model()->indexRow(r)));
    }

    void filterAppliedDuringIndexingWaitsForTheIndex_data() { addLogRows({"security"}); }
    void filterAppliedDuringIndexingWaitsForTheIndex() {
        QFETCH(QString, name);
        LogView v(logPath(name));
        evtx::IndexOptions options;
        options.batchInterval = std::chrono::milliseconds(0);
        QVERIFY(v.openAndIndex(options));
        v.filter()->applyExpression("EventID == 4624");
        QVERIFY(waitIndexed(v.document()));
        QVERIFY(waitIdle(v));
        QCOMPARE(v.model()->rowCount(),
                 countWhere(name, [](const QJsonObject& s) { return eventIdOf(s) == 4624; }));
    }

    void facetCountsMatchReference_data() { addLogRows({"security"}); }
    void facetCountsMatchReference() {
        QFETCH(QString, name);
        auto v = openIndexed(name);
        QVERIFY(v);
        QMap<QString, int> providers, eventIds, levels, computers;
        for (const QByteArray& line : logJsonLines(name)) {
            const QJsonObject s = systemOf(line);
            ++providers[providerOf(s)];
            ++eventIds[QString::number(eventIdOf(s))];
            ++levels[QString::number(s["Level"].toInt())];
            ++computers[s["Computer"].toString()];
        }
        const FacetCounts& counts = v->filter()->facetCounts();
        const auto check = [](const std::vector<FacetValue>& values, const QMap<QString, int>& want,
                              bool byLiteral) {
            QCOMPARE(int(values.size()), want.size());
            for (const FacetValue& fv : values) {
                const QString key = byLiteral ? fv.literal : fv.label;
                QVERIFY2(want.contains(key), qPrintable(key));
                QCOMPARE(int(fv.count), want[key]);
            }
        };
        check(counts[int(Facet::Provider)], providers, false);
        check(counts[int(Facet::EventId)], eventIds, false);
        check(counts[int(Facet::Level)], levels, true);
        check(counts[int(Facet::Computer)], computers, false);
        // Most frequent first, and shown in the panel.
        const auto& ids = counts[int(Facet::EventId)];
        for (size_t i = 1; i < ids.size(); ++i)
            QVERIFY(ids[i - 1].count >= ids[i].count);
        QVERIFY(v->facets()->findValue(Facet::EventId, "4624"));
    }

    void clickingFacetsFilters_data() { addLogRows({"security"}); }
    void clickingFacetsFilters() {
        QFETCH(QString, name);
        auto v = openIndexed(name);
        QVERIFY(v);
        const int all = logJsonLines(name).size();
        const int logons =
            countWhere(name, [](const QJsonObject& s) { return eventIdOf(s) == 4624; });
        QTreeWidgetItem* item = v->facets()->findValue(Facet::EventId, "4624");
        QVERIFY(item);
        item->parent()->setExpanded(true);
        QTreeWidget* tree = v->facets()->tree();
        v->show();
        QVERIFY(QTest::qWaitForWindowExposed(v.get()));
        tree->scrollToItem(item);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                          tree->visualItemRect(item).center());
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->model()->rowCount(), logons);
        QCOMPARE(v->facetChips()->chipCount(), 1);
        // Excluding a value combines with the expression (and).
        v->filter()->removeFacet(0);
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->model()->rowCount(), all);
        item = v->facets()->findValue(Facet::EventId, "4624");
        v->facets()->choose(item, true);
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->model()->rowCount(), all - logons);
        v->filter()->applyExpression("Level == 0");
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->model()->rowCount(), countWhere(name, [](const QJsonObject& s) {
                     return s["Level"].toInt() == 0 && eventIdOf(s) != 4624;
                 }));
        v->filter()->clearFacets();
        v->filter()->applyExpression("");
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->model()->rowCount(), all);
    }

    void appendConditionBuildsTheExpression() {
        QCOMPARE(appendCondition("", "EventID == 4624"), QString("EventID == 4624"));
        QCOMPARE(appendCondition("Level == 4", "Computer == \"a\""),
                 QString("Level == 4 and Computer == \"a\""));
        QCOMPARE(appendCondition("Level == 4 or Level == 2", "EventID != 1"),
                 QString("(Level == 4 or Level == 2) and EventID != 1"));
        QCOMPARE(appendCondition("Computer == \"x or y\"", "EventID != 1"),
                 QString("Computer == \"x or y\" and EventID != 1"));
        QCOMPARE(quotedFilterValue("C:\\a \"b\""), QString("\"C:\\\\a \\\"b\\\"\""));
    }

    void filterOnThisValue_data() { addLogRows({"security"}); }
    void filterOnThisValue() {
        QFETCH(QString, name);
        auto v = openIndexed(name);
        QVERIFY(v);
        v->filter()->applyExpression("EventID == 4624");
        QVERIFY(waitIdle(*v));
        v->filter()->appendCondition("Data.LogonType == " + quotedFilterValue("5"));
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->filterBar()->text(), QString("EventID == 4624 and Data.LogonType == \"5\""));
        int expected = 0;
        for (const QByteArray& line : logJsonLines(name)) {
            const QJsonObject e = QJsonDocument::fromJson(line).object()["Event"].toObject();
            if (eventIdOf(e["System"].toObject()) == 4624 &&
                e["EventData"].toObject()["LogonType"].toVariant().toString() == "5")
                ++expected;
        }
        QVERIFY(expected > 0);
        QCOMPARE(v->model()->rowCount(), expected);
    }
};

QTEST_MAIN(FilterTest)
#include "tst_filter.moc"
