// The detail pane's field menu: "Filter on this value" / "Exclude this
// value" give the records counted from evtxdump's JSONL (values with
// quotes, backslashes and line breaks included), and "Add as column" shows
// each row's Data value as that output has it. On the demo log against
// evtxdump run on it, and on shared samples against their golden files.
#include "app/log_view.hpp"
#include "details/detail_pane.hpp"
#include "filter/field_conditions.hpp"
#include "filter/filter_bar.hpp"
#include "filter/filter_controller.hpp"
#include "filter/query_text.hpp"
#include "log_samples.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include "evtx/query/query.hpp"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QTableView>
#include <QTimer>

using namespace evtxui;

namespace {

QJsonObject eventOf(const QByteArray& line) {
    return QJsonDocument::fromJson(line).object()["Event"].toObject();
}

// A JSONL value as text: numbers as written, strings as they are.
QString textOf(const QJsonValue& v) {
    return v.isString() ? v.toString() : v.toVariant().toString();
}

bool waitIdle(LogView& v) {
    return QTest::qWaitFor([&v] { return !v.filter()->isBusy(); }, 30000);
}

std::unique_ptr<LogView> openIndexed(const QString& sample) {
    auto v = std::make_unique<LogView>(logPath(sample));
    v->setTimeZoneMode(TimeZoneMode::Utc);
    if (!v->openAndIndex() || !waitIndexed(v->document()) || !waitIdle(*v)) return nullptr;
    return v;
}

// Shows index row `row` in the detail pane, as selecting it in the table does.
void select(LogView& v, int row) {
    v.table()->setCurrentIndex(v.model()->index(v.model()->tableRow(uint32_t(row)), 0));
}

QAction* menuAction(QMenu* menu, const QString& prefix) {
    for (QAction* a : menu->actions())
        if (a->text().remove('&').startsWith(prefix)) return a;
    return nullptr;
}

// Runs the menu action of the pane's `field` row.
bool trigger(LogView& v, const QString& field, const QString& action) {
    const int row = v.details()->fieldRow(field);
    if (row < 0) return false;
    std::unique_ptr<QMenu> menu(v.details()->createFieldMenu(row, nullptr));
    QAction* a = menuAction(menu.get(), action);
    if (!a || !a->isEnabled()) return false;
    a->trigger();
    return true;
}

} // namespace

class DetailActionsTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { useTestSettings(); }

    // Quotes and backslashes survive the filter language's lexer exactly.
    void conditionsQuoteValuesAndNames() {
        const QStringList values = {"plain",  "C:\\Windows\\Temp\\", "say \"hi\"", "\\\\server\\x",
                                    "a\\\"b", "line\r\n\tnext",      "",           "ünïcødé"};
        for (const QString& value : values) {
            for (const QString& name : {QString("TargetUserName"), QString("odd name"),
                                        QString("and"), QString("x\"y"), QString("Data[2]")}) {
                const QString condition =
                    fieldCondition(dataFieldReference(name), quotedFilterValue(value), false);
                evtx::QueryError error;
                const auto q = evtx::Query::parse(condition.toStdString(), error);
                QVERIFY2(q, qPrintable(condition + ": " + QString::fromStdString(error.message)));
                const evtx::QueryNode& n = q->root();
                QCOMPARE(n.kind, evtx::QueryNode::Kind::Compare);
                QCOMPARE(n.field, evtx::QueryField::Data);
                QCOMPARE(QString::fromStdString(n.dataName), name);
                QCOMPARE(n.op, evtx::CompareOp::Eq);
                QCOMPARE(QString::fromStdString(n.values[0].text), value);
                const auto x = evtx::Query::parse(
                    fieldCondition(dataFieldReference(name), quotedFilterValue(value), true)
                        .toStdString(),
                    error);
                QVERIFY(x);
                QCOMPARE(x->root().kind, evtx::QueryNode::Kind::Not);
            }
        }
        QCOMPARE(dataFieldReference("LogonType"), QString("Data.LogonType"));
        QCOMPARE(dataFieldReference("odd name"), QString("Data.\"odd name\""));
        // Unnamed values bare, as the language takes them; a name only like one quoted.
        QCOMPARE(dataFieldReference("Data[2]"), QString("Data[2]"));
        QCOMPARE(dataFieldReference("Data[0]"), QString("Data.\"Data[0]\""));
        QCOMPARE(fieldCondition("EventID", "4624", true), QString("EventID != 4624"));
    }

    void filterAndExcludeMatchReference_data() {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("field"); // as the Fields tab names it
        QTest::addColumn<QString>("path");  // where the JSONL has it
        QTest::newRow("demo data name") << kDemo << "TargetUserName"
                                        << "EventData/TargetUserName";
        QTest::newRow("demo backslashes") << kDemo << "ProcessName"
                                          << "EventData/ProcessName";
        QTest::newRow("demo line breaks") << kDemo << "PrivilegeList"
                                          << "EventData/PrivilegeList";
        QTest::newRow("demo quotes") << kDemo << "CommandLine"
                                     << "EventData/CommandLine";
        QTest::newRow("demo trailing backslash") << kDemo << "CurrentDirectory"
                                                 << "EventData/CurrentDirectory";
        QTest::newRow("demo event id") << kDemo << "Event ID"
                                       << "System/EventID";
        QTest::newRow("demo computer") << kDemo << "Computer"
                                       << "System/Computer";
        QTest::newRow("demo provider") << kDemo << "Source"
                                       << "System/Provider/#attributes/Name";
        QTest::newRow("demo level") << kDemo << "Level"
                                    << "System/Level";
        if (!sharedAvailable()) return;
        QTest::newRow("data name") << "security"
                                   << "TargetUserName"
                                   << "EventData/TargetUserName";
        QTest::newRow("backslashes") << "security"
                                     << "ProcessName"
                                     << "EventData/ProcessName";
        QTest::newRow("line breaks") << "security"
                                     << "PrivilegeList"
                                     << "EventData/PrivilegeList";
        QTest::newRow("quotes") << "sysmon"
                                << "ParentCommandLine"
                                << "EventData/ParentCommandLine";
        QTest::newRow("trailing backslash") << "sysmon"
                                            << "CurrentDirectory"
                                            << "EventData/CurrentDirectory";
        QTest::newRow("event id") << "security"
                                  << "Event ID"
                                  << "System/EventID";
        QTest::newRow("computer") << "system"
                                  << "Computer"
                                  << "System/Computer";
        QTest::newRow("provider") << "system"
                                  << "Source"
                                  << "System/Provider/#attributes/Name";
        QTest::newRow("level") << "system"
                               << "Level"
                               << "System/Level";
    }
    void filterAndExcludeMatchReference() {
        QFETCH(QString, sample);
        QFETCH(QString, field);
        QFETCH(QString, path);
        auto v = openIndexed(sample);
        QVERIFY(v);
        const QList<QByteArray> lines = logJsonLines(sample);
        const auto valueAt = [&path](const QByteArray& line) -> QJsonValue {
            QJsonValue at = eventOf(line);
            for (const QString& key : path.split('/'))
                at = at.toObject()[key];
            // EventID with Qualifiers: {"#attributes": ..., "#text": n}.
            if (at.isObject() && at.toObject().contains("#text")) at = at.toObject()["#text"];
            return at;
        };
        // The known record: the one in the middle of those with a value here,
        // preferring one whose value has quotes (the "quotes" row).
        QList<int> with;
        for (int i = 0; i < lines.size(); ++i)
            if (!valueAt(lines[i]).isUndefined() && !valueAt(lines[i]).isNull()) with << i;
        QVERIFY(!with.isEmpty());
        int known = with[with.size() / 2];
        for (int i : with)
            if (textOf(valueAt(lines[i])).contains('"')) known = i;
        const QString value = textOf(valueAt(lines[known]));
        select(*v, known);
        QCOMPARE(v->details()->fieldValue(field).isEmpty(), value.isEmpty());
        // Text compares ignoring ASCII case, as the filter language does.
        int matching = 0;
        for (const QByteArray& line : lines) {
            const QJsonValue x = valueAt(line);
            if (!x.isUndefined() && !x.isNull() &&
                textOf(x).compare(value, Qt::CaseInsensitive) == 0)
                ++matching;
        }
        QVERIFY(matching > 0);

        QVERIFY(trigger(*v, field, "Filter on This Value"));
        QVERIFY(waitIdle(*v));
        QVERIFY2(v->filterBar()->isValid(), qPrintable(v->filterBar()->text()));
        QCOMPARE(v->filter()->expression(),
                 v->details()->fieldCondition(v->details()->fieldRow(field), false));
        QCOMPARE(v->model()->rowCount(), matching);
        // Exclude: the exact complement (records without the field stay).
        v->filter()->applyExpression("");
        QVERIFY(waitIdle(*v));
        select(*v, known);
        QVERIFY(trigger(*v, field, "Exclude This Value"));
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->model()->rowCount(), lines.size() - matching);
        // Appended to what the bar holds, and it still parses.
        v->filter()->applyExpression("Level <= 4");
        QVERIFY(waitIdle(*v));
        int row = -1;
        for (int r = 0; r < v->model()->rowCount() && row < 0; ++r) {
            select(*v, int(v->model()->indexRow(r)));
            row = v->details()->fieldRow(field);
        }
        QVERIFY(row >= 0);
        const QString condition = v->details()->fieldCondition(row, false);
        QVERIFY(trigger(*v, field, "Filter on This Value"));
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->filterBar()->text(), "Level <= 4 and " + condition);
        QVERIFY(v->filterBar()->isValid());
    }

    void sectionTitleHasNoActions_data() { addLogRows({"security"}); }
    void sectionTitleHasNoActions() {
        QFETCH(QString, name);
        auto v = openIndexed(name);
        QVERIFY(v);
        const QList<QByteArray> lines = logJsonLines(name);
        int i = 0;
        while (!lines[i].contains("\"TargetUserName\":"))
            ++i;
        select(*v, i);
        const int title = v->details()->fieldRow("Event data");
        QVERIFY(title >= 0);
        QVERIFY(v->details()->fieldCondition(title, false).isEmpty());
        std::unique_ptr<QMenu> menu(v->details()->createFieldMenu(title, nullptr));
        QVERIFY(!menuAction(menu.get(), "Filter on This Value")->isEnabled());
        // System fields cannot become columns (the table has them).
        menu.reset(v->details()->createFieldMenu(v->details()->fieldRow("Computer"), nullptr));
        QVERIFY(!menuAction(menu.get(), "Add as Column")->isEnabled());
    }

    void addAsColumnShowsDataValues_data() { addLogRows({"security"}); }
    void addAsColumnShowsDataValues() {
        QFETCH(QString, name);
        auto v = openIndexed(name);
        QVERIFY(v);
        const QList<QByteArray> lines = logJsonLines(name);
        int known = 0;
        while (!lines[known].contains("\"TargetUserName\":"))
            ++known;
        select(*v, known);
        QVERIFY(trigger(*v, "TargetUserName", "Add as Column"));
        RecordTableModel* m = v->model();
        QCOMPARE(m->columnCount(), kColumnCount + 1);
        QCOMPARE(m->dataColumns(), QStringList{"TargetUserName"});
        const int column = kColumnCount;
        QCOMPARE(m->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QString("TargetUserName"));
        QVERIFY(m->headerData(column, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains("not supported"));
        // Rows in file order are the JSONL lines.
        for (int row : {0, 1, known, int(lines.size()) / 2, int(lines.size()) - 1}) {
            const QJsonValue want = eventOf(lines[row])["EventData"].toObject()["TargetUserName"];
            QCOMPARE(m->data(m->index(m->tableRow(uint32_t(row)), column)).toString(),
                     want.isUndefined() || want.isNull() ? QString() : textOf(want));
        }
        // A second look is served from the cache.
        const int reads = m->dataRecordsRead();
        (void)m->data(m->index(known, column));
        QCOMPARE(m->dataRecordsRead(), reads);
        // A header click does not sort, and says so.
        QSignalSpy said(v.get(), &LogView::message);
        v->show();
        QVERIFY(QTest::qWaitForWindowExposed(v.get()));
        QHeaderView* header = v->table()->horizontalHeader();
        v->table()->scrollTo(m->index(0, column));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(column) + 5, 5));
        QVERIFY(!m->isSorting());
        QCOMPARE(m->sortColumn(), -1);
        QCOMPARE(header->sortIndicatorSection(), -1);
        QCOMPARE(said.count(), 1);
        QVERIFY(said.first().first().toString().contains("not supported"));
        // The column chooser removes it.
        QTimer::singleShot(0, [] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            QVERIFY(menu);
            QAction* a = menuAction(menu, "Data: TargetUserName");
            QVERIFY(a && a->isChecked());
            a->setChecked(false);
            menu->close();
        });
        emit header->customContextMenuRequested(QPoint(5, 5));
        QCOMPARE(m->columnCount(), kColumnCount);
        QVERIFY(m->dataColumns().isEmpty());
    }
};

QTEST_MAIN(DetailActionsTest)
#include "tst_detail_actions.moc"
