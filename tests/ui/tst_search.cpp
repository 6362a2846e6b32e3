// Ctrl+F search in a tab, on the demo log (and, with ../shared, on shared
// samples): hit counts for texts and regexes checked against counts taken
// independently from the records' JSONL (evtxdump's for the demo log, the
// golden file for a shared sample), F3 / Shift+F3 order and
// wrap-around in the table's order, "filter to matches", cancel, searching
// under the filter bar's filter, the markers and the detail pane's marks.
#include "app/log_view.hpp"
#include "app/main_window.hpp"
#include "details/detail_pane.hpp"
#include "filter/filter_controller.hpp"
#include "log_sources.hpp"
#include "search/search_bar.hpp"
#include "search/search_controller.hpp"
#include "search/search_highlight.hpp"
#include "search/search_markers.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include "evtx/query/text_search.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSet>
#include <QTableView>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>

using namespace evtxui;

namespace {

QJsonObject eventOf(const QByteArray& line) {
    return QJsonDocument::fromJson(line).object()["Event"].toObject();
}

quint64 recordIdOf(const QByteArray& line) {
    return quint64(eventOf(line)["System"].toObject()["EventRecordID"].toInteger());
}

int eventIdOf(const QByteArray& line) {
    const QJsonValue v = eventOf(line)["System"].toObject()["EventID"];
    return v.isObject() ? v.toObject()["#text"].toInt() : v.toInt();
}

// Does some string value of the decoded JSON contain `needle` (ignoring case)?
bool anyStringContains(const QJsonValue& v, const QString& needle) {
    if (v.isString()) return v.toString().contains(needle, Qt::CaseInsensitive);
    if (v.isArray()) {
        for (const QJsonValue& x : v.toArray())
            if (anyStringContains(x, needle)) return true;
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (anyStringContains(it.value(), needle)) return true;
    }
    return false;
}

// The record ids of the reference records that satisfy `pred`.
QSet<quint64> goldenIds(const QString& sample, const std::function<bool(const QByteArray&)>& pred) {
    QSet<quint64> ids;
    for (const QByteArray& line : logJsonLines(sample))
        if (pred(line)) ids.insert(recordIdOf(line));
    return ids;
}

quint64 recordIdAt(LogView& v, int tableRow) {
    return v.document()->index().columns().recordId(v.model()->indexRow(tableRow));
}

// The table rows whose record is in `ids`, in table order.
QList<int> tableRowsOf(LogView& v, const QSet<quint64>& ids) {
    QList<int> rows;
    for (int t = 0; t < v.model()->rowCount(); ++t)
        if (ids.contains(recordIdAt(v, t))) rows << t;
    return rows;
}

bool waitIdle(LogView& v) {
    return QTest::qWaitFor(
        [&v] { return !v.search()->isBusy() && !v.filter()->isBusy() && !v.model()->isSorting(); },
        30000);
}

std::unique_ptr<LogView> openIndexed(const QString& sample) {
    auto v = std::make_unique<LogView>(logPath(sample));
    if (!v->openAndIndex() || !waitIndexed(v->document()) || !waitIdle(*v)) return nullptr;
    return v;
}

void typeSearch(LogView& v, const QString& text, bool regex = false, bool matchCase = false) {
    v.showSearch();
    v.searchBar()->setRegex(regex);
    v.searchBar()->setMatchCase(matchCase);
    v.searchBar()->setText(text);
}

// Types `text` and waits for the search to end (the typing pause included).
bool search(LogView& v, const QString& text, bool regex = false, bool matchCase = false) {
    typeSearch(v, text, regex, matchCase);
    return waitIdle(v) && v.search()->isComplete();
}

int currentRow(LogView& v) {
    return v.table()->currentIndex().row();
}

} // namespace

class SearchTest : public QObject {
    Q_OBJECT

    // The logs a test runs on: the demo log always, shared samples when the
    // corpus is there (nothing is skipped without it).
    static void logRows(std::initializer_list<const char*> shared = {"security"}) {
        QTest::addColumn<QString>("log");
        QTest::newRow("demo") << QString("demo");
        if (sharedAvailable())
            for (const char* n : shared)
                QTest::newRow(n) << QString(n);
    }

  private slots:
    void initTestCase() { useTestSettings(); }

    void textHitsMatchGolden_data() {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("needle");
        // "NT AUTHORITY" (a domain name in EventData values) has no
        // character that JSON escapes, so it is in a record's compact JSON
        // exactly when some decoded string value holds it.
        QTest::newRow("demo NT AUTHORITY") << "demo"
                                           << "nt AUTHORITY";
        QTest::newRow("demo backslash path") << "demo"
                                             << "\\system32";
        QTest::newRow("demo backslash path 2") << "demo"
                                               << "\\System32\\";
        if (!sharedAvailable()) return;
        QTest::newRow("security NT AUTHORITY") << "security"
                                               << "nt AUTHORITY";
        // "\system32" holds a backslash, which JSON writes as "\\": the
        // search finds the typed text through its escaped form, so the hits
        // are the records with a decoded string value containing it (paths
        // like C:\Windows\System32\...), a count that never looks at JSON
        // escaping.
        QTest::newRow("security backslash path") << "security"
                                                 << "\\system32";
        QTest::newRow("sysmon backslash path") << "sysmon"
                                               << "\\System32\\";
    }
    void textHitsMatchGolden() {
        QFETCH(QString, sample);
        QFETCH(QString, needle);
        auto v = openIndexed(sample);
        QVERIFY(v);
        const QSet<quint64> expected = goldenIds(sample, [&](const QByteArray& line) {
            return anyStringContains(QJsonValue(eventOf(line)), needle);
        });
        QVERIFY(expected.size() > 10);
        QVERIFY(search(*v, needle));
        QCOMPARE(v->search()->hitCount(), quint64(expected.size()));
        QCOMPARE(v->search()->hitsInView(), quint64(expected.size()));
        // The very records, not just as many.
        const std::vector<uint8_t>& mask = v->search()->hitMask();
        for (size_t r = 0; r < mask.size(); ++r)
            QCOMPARE(bool(mask[r]),
                     expected.contains(v->document()->index().columns().recordId(uint32_t(r))));
        // No current row: the counter says how many; on a hit, which one.
        v->table()->setCurrentIndex({});
        QCOMPARE(v->searchBar()->counterText(), QString("%L1 matches").arg(expected.size()));
        QVERIFY(v->search()->findNext());
        QCOMPARE(v->searchBar()->counterText(), QString("1 of %L1").arg(expected.size()));
    }

    void regexHitsMatchGolden_data() { logRows(); }
    void regexHitsMatchGolden() {
        QFETCH(QString, log);
        auto v = openIndexed(log);
        QVERIFY(v);
        // In the compact JSON a record's System EventID is written
        // "EventID":N, followed by a comma (Version comes next), and no other
        // key is EventID: the regex matches exactly the records whose
        // EventID is 4624 or 4634, counted here from the decoded JSON.
        const QSet<quint64> expected = goldenIds(log, [](const QByteArray& line) {
            return eventIdOf(line) == 4624 || eventIdOf(line) == 4634;
        });
        QVERIFY(expected.size() > 100);
        // Case-insensitive by default: lower-case "eventid" finds "EventID".
        QVERIFY(search(*v, "\"eventid\":46(24|34),", true));
        QCOMPARE(v->search()->hitCount(), quint64(expected.size()));
        // Match case: the lower-case key is nowhere.
        QVERIFY(search(*v, "\"eventid\":46(24|34),", true, true));
        QCOMPARE(v->search()->hitCount(), quint64(0));
        QCOMPARE(v->searchBar()->counterText(), QString("0 matches"));
        QVERIFY(search(*v, "\"EventID\":46(24|34),", true, true));
        QCOMPARE(v->search()->hitCount(), quint64(expected.size()));
        // A bad regex says why and finds nothing.
        typeSearch(*v, "(unclosed", true);
        QVERIFY(waitIdle(*v));
        QVERIFY(!v->search()->pattern());
        QVERIFY(v->searchBar()->counterText().contains("missing )"));
        QCOMPARE(v->search()->hitCount(), quint64(0));
    }

    void nextAndPreviousFollowTableOrder_data() { logRows(); }
    void nextAndPreviousFollowTableOrder() {
        QFETCH(QString, log);
        auto v = openIndexed(log);
        QVERIFY(v);
        const QString needle = "NT AUTHORITY";
        const QSet<quint64> ids = goldenIds(log, [&](const QByteArray& line) {
            return QString::fromUtf8(line).contains(needle, Qt::CaseInsensitive);
        });
        // A sorted table: hits are visited in its order, not the file's.
        QSignalSpy sorted(v->model(), &RecordTableModel::sortFinished);
        v->model()->sort(int(Column::EventId), Qt::DescendingOrder);
        QVERIFY(sorted.wait());
        QVERIFY(search(*v, needle));
        const QList<int> order = tableRowsOf(*v, ids);
        QCOMPARE(order.size(), ids.size());
        // From a row that is no hit, next visits the hits after it in turn.
        int start = 0;
        while (order.contains(start))
            ++start;
        v->table()->setCurrentIndex(v->model()->index(start, 0));
        const auto first =
            std::find_if(order.begin(), order.end(), [&](int t) { return t > start; });
        QVERIFY(first != order.end());
        const int base = int(first - order.begin());
        for (int i = 0; i < 20; ++i) {
            QVERIFY(v->search()->findNext());
            QCOMPARE(currentRow(*v), order[base + i]);
            QCOMPARE(v->search()->currentHitNumber(), quint64(base + i + 1));
        }
        QCOMPARE(v->searchBar()->counterText(),
                 QString("%L1 of %L2").arg(base + 20).arg(order.size()));
        // Previous goes back.
        QVERIFY(v->search()->findPrevious());
        QCOMPARE(currentRow(*v), order[base + 18]);
        // Wrap-around: next from the last hit is the first, previous from
        // the first is the last.
        v->table()->setCurrentIndex(v->model()->index(order.last(), 0));
        QVERIFY(v->search()->findNext());
        QCOMPARE(currentRow(*v), order.first());
        QVERIFY(v->search()->findPrevious());
        QCOMPARE(currentRow(*v), order.last());
        // Enter and Shift+Enter in the field do the same; the table scrolls
        // to the hit.
        v->resize(1000, 700);
        v->show();
        QVERIFY(QTest::qWaitForWindowExposed(v.get()));
        v->table()->setCurrentIndex(v->model()->index(order[100], 0));
        QTest::keyClick(v->searchBar()->edit(), Qt::Key_Return);
        QCOMPARE(currentRow(*v), order[101]);
        QTest::keyClick(v->searchBar()->edit(), Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClick(v->searchBar()->edit(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(currentRow(*v), order[99]);
        const QRect cell = v->table()->visualRect(v->table()->currentIndex());
        QVERIFY(v->table()->viewport()->rect().intersects(cell));
        QVERIFY(v->table()->selectionModel()->isRowSelected(order[99], {}));
    }

    void f3InTheMainWindow_data() { logRows(); }
    void f3InTheMainWindow() {
        QFETCH(QString, log);
        MainWindow w;
        w.resize(1000, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        LogView* v = w.openFile(logPath(log));
        QVERIFY(v);
        QVERIFY(waitIndexed(v->document()));
        QVERIFY(waitIdle(*v));
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier); // Ctrl+F
        QVERIFY(v->searchBar()->isVisible());
        QTRY_VERIFY(v->searchBar()->edit()->hasFocus());
        QTest::keyClicks(v->searchBar()->edit(), "4672");
        QVERIFY(waitIdle(*v));
        const QList<int> order =
            tableRowsOf(*v, goldenIds(log, [](const QByteArray& l) { return l.contains("4672"); }));
        QCOMPARE(v->search()->hitCount(), quint64(order.size()));
        v->table()->setCurrentIndex(v->model()->index(0, 0));
        v->table()->setFocus();
        QTest::keyClick(v->table(), Qt::Key_F3);
        QCOMPARE(currentRow(*v), order[0]);
        QTest::keyClick(v->table(), Qt::Key_F3);
        QCOMPARE(currentRow(*v), order[1]);
        QTest::keyClick(v->table(), Qt::Key_F3, Qt::ShiftModifier);
        QTest::keyClick(v->table(), Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(currentRow(*v), order.last());
        // Escape in the field closes the bar and ends the search.
        v->searchBar()->edit()->setFocus();
        QTest::keyClick(v->searchBar()->edit(), Qt::Key_Escape);
        QVERIFY(!v->searchBar()->isVisible());
        QVERIFY(!v->search()->pattern());
    }

    void filterToMatches_data() { logRows(); }
    void filterToMatches() {
        QFETCH(QString, log);
        auto v = openIndexed(log);
        QVERIFY(v);
        const int all = v->model()->rowCount();
        const QSet<quint64> ids = goldenIds(log, [](const QByteArray& line) {
            return anyStringContains(QJsonValue(eventOf(line)), "\\system32");
        });
        QVERIFY(search(*v, "\\SYSTEM32"));
        v->searchBar()->filterButton()->click();
        QCOMPARE(v->model()->rowCount(), ids.size());
        for (int t = 0; t < v->model()->rowCount(); ++t)
            QVERIFY(ids.contains(recordIdAt(*v, t)));
        // Every shown row is a hit: next walks the rows one by one.
        v->table()->setCurrentIndex(v->model()->index(5, 0));
        QVERIFY(v->search()->findNext());
        QCOMPARE(currentRow(*v), 6);
        // A new search filters to its own matches.
        QVERIFY(search(*v, "nt authority"));
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->model()->rowCount(), goldenIds(log, [](const QByteArray& l) {
                                             return l.toLower().contains("nt authority");
                                         }).size());
        v->searchBar()->filterButton()->click(); // off
        QCOMPARE(v->model()->rowCount(), all);
        QVERIFY(!v->model()->isRestricted());
        // Filter to matches, then close the bar: everything shows again.
        v->searchBar()->filterButton()->click();
        QVERIFY(v->model()->rowCount() < all);
        v->search()->clear();
        QCOMPARE(v->model()->rowCount(), all);
    }

    void searchUnderTheFilterBar_data() { logRows(); }
    void searchUnderTheFilterBar() {
        QFETCH(QString, log);
        auto v = openIndexed(log);
        QVERIFY(v);
        v->filter()->applyExpression("EventID == 4624");
        QVERIFY(waitIdle(*v));
        const int filtered = v->model()->rowCount();
        const QSet<quint64> all = goldenIds(log, [](const QByteArray& l) {
            return anyStringContains(QJsonValue(eventOf(l)), "NT AUTHORITY");
        });
        const QSet<quint64> inFilter = goldenIds(log, [](const QByteArray& l) {
            return eventIdOf(l) == 4624 &&
                   anyStringContains(QJsonValue(eventOf(l)), "NT AUTHORITY");
        });
        QVERIFY(inFilter.size() > 10 && inFilter.size() < all.size());
        QVERIFY(search(*v, "NT AUTHORITY"));
        QCOMPARE(v->search()->hitCount(), quint64(all.size()));
        QCOMPARE(v->search()->hitsInView(), quint64(inFilter.size()));
        v->table()->setCurrentIndex({});
        QCOMPARE(v->searchBar()->counterText(), QString("%L1 matches").arg(inFilter.size()));
        // Next only visits rows the filter shows, in the table's order.
        const QList<int> order = tableRowsOf(*v, inFilter);
        v->table()->setCurrentIndex(v->model()->index(order.last(), 0));
        QVERIFY(v->search()->findNext());
        QCOMPARE(currentRow(*v), order.first());
        QVERIFY(v->search()->findNext());
        QCOMPARE(currentRow(*v), order[1]);
        // Filter to matches combines with the filter (and).
        v->searchBar()->filterButton()->click();
        QCOMPARE(v->model()->rowCount(), inFilter.size());
        // A new filter keeps the restriction to the hits.
        v->filter()->applyExpression("EventID == 4672");
        QVERIFY(waitIdle(*v));
        const QSet<quint64> in4672 = goldenIds(log, [](const QByteArray& l) {
            return eventIdOf(l) == 4672 &&
                   anyStringContains(QJsonValue(eventOf(l)), "NT AUTHORITY");
        });
        QCOMPARE(v->model()->rowCount(), in4672.size());
        QCOMPARE(v->search()->hitsInView(), quint64(in4672.size()));
        // Restriction off, filter off: everything.
        v->searchBar()->filterButton()->click();
        v->filter()->applyExpression("EventID == 4624");
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->model()->rowCount(), filtered);
        v->filter()->applyExpression("");
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->search()->hitsInView(), quint64(all.size()));
    }

    void cancelLeavesConsistentState_data() { logRows(); }
    void cancelLeavesConsistentState() {
        QFETCH(QString, log);
        auto v = openIndexed(log);
        QVERIFY(v);
        const QSet<quint64> ids = goldenIds(log, [](const QByteArray& l) {
            return anyStringContains(QJsonValue(eventOf(l)), "NT AUTHORITY");
        });
        // The hits kept are true hits, counted once, agreeing with the mask,
        // the markers and the counter; F3 moves among them.
        auto checkConsistent = [&] {
            const std::vector<uint8_t>& mask = v->search()->hitMask();
            quint64 marked = 0;
            for (size_t r = 0; r < mask.size(); ++r) {
                if (!mask[r]) continue;
                ++marked;
                QVERIFY(ids.contains(v->document()->index().columns().recordId(uint32_t(r))));
            }
            QCOMPARE(v->search()->hitCount(), marked);
            QCOMPARE(v->search()->hitsInView(), marked);
            QVERIFY(!v->searchBar()->isBusy());
            const bool complete = v->search()->isComplete();
            if (complete) QCOMPARE(marked, quint64(ids.size()));
            QCOMPARE(v->searchBar()->counterText().endsWith("(cancelled)"), !complete);
            v->table()->setCurrentIndex({});
            QCOMPARE(v->search()->findNext(), marked > 0);
            if (marked > 0) QVERIFY(mask[v->model()->indexRow(currentRow(*v))]);
        };
        QSignalSpy finished(v->search(), &SearchController::searchFinished);
        typeSearch(*v, "NT AUTHORITY");
        // Cancelled before the GUI thread took any hits: none are kept.
        v->search()->searchNow();
        v->search()->cancel();
        QVERIFY(waitIdle(*v));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(v->search()->hitCount(), quint64(0));
        QCOMPARE(v->searchBar()->counterText(), QString("0 matches (cancelled)"));
        checkConsistent();
        // Cancelled once the first hits are in (or, on a fast machine, after
        // the end, when cancel does nothing): consistent either way.
        v->search()->searchNow();
        QVERIFY(QTest::qWaitFor([&] { return v->search()->hitCount() > 0; }, 30000));
        v->search()->cancel();
        QVERIFY(waitIdle(*v));
        checkConsistent();
        // Searching again runs to the end.
        v->search()->searchNow();
        QVERIFY(waitIdle(*v));
        QVERIFY(v->search()->isComplete());
        QCOMPARE(v->search()->hitCount(), quint64(ids.size()));
        checkConsistent();
    }

    void newSearchSupersedesRunningOne_data() { logRows(); }
    void newSearchSupersedesRunningOne() {
        QFETCH(QString, log);
        auto v = openIndexed(log);
        QVERIFY(v);
        QSignalSpy finished(v->search(), &SearchController::searchFinished);
        typeSearch(*v, "NT AUTHORITY");
        v->search()->searchNow();
        v->searchBar()->setText("\\system32");
        v->search()->searchNow(); // cancels the first; only the second reports
        QVERIFY(waitIdle(*v));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        const QSet<quint64> ids = goldenIds(log, [](const QByteArray& l) {
            return anyStringContains(QJsonValue(eventOf(l)), "\\system32");
        });
        QCOMPARE(v->search()->hitCount(), quint64(ids.size()));
    }

    void searchTypedWhileIndexingWaitsForTheIndex_data() { logRows(); }
    void searchTypedWhileIndexingWaitsForTheIndex() {
        QFETCH(QString, log);
        LogView v(logPath(log));
        evtx::IndexOptions options;
        options.batchInterval = std::chrono::milliseconds(0);
        QVERIFY(v.openAndIndex(options));
        typeSearch(v, "NT AUTHORITY");
        v.search()->searchNow();
        QVERIFY(!v.document()->indexFinished());
        QVERIFY(v.search()->isBusy());
        QVERIFY(waitIndexed(v.document()));
        QVERIFY(waitIdle(v));
        QCOMPARE(v.search()->hitCount(), quint64(goldenIds(log, [](const QByteArray& l) {
                                                     return l.toLower().contains("nt authority");
                                                 }).size()));
    }

    void markersFollowTableOrder_data() { logRows(); }
    void markersFollowTableOrder() {
        QFETCH(QString, log);
        auto v = openIndexed(log);
        QVERIFY(v);
        v->resize(1000, 700);
        v->show();
        QVERIFY(QTest::qWaitForWindowExposed(v.get()));
        QCOMPARE(v->searchMarkers()->markedBuckets(), 0);
        const QSet<quint64> ids =
            goldenIds(log, [](const QByteArray& l) { return l.contains("\"LogonType\":5,"); });
        QVERIFY(search(*v, "\"LogonType\":5,"));
        QCOMPARE(v->search()->hitCount(), quint64(ids.size()));
        // One tick per pixel row that holds a hit's relative position.
        auto expectedBuckets = [&] {
            const int height = v->searchMarkers()->height();
            const int rows = v->model()->rowCount();
            QSet<int> buckets;
            for (int t : tableRowsOf(*v, ids))
                buckets.insert(int(qint64(t) * height / rows));
            return int(buckets.size());
        };
        QVERIFY(expectedBuckets() > 1);
        QCOMPARE(v->searchMarkers()->markedBuckets(), expectedBuckets());
        // Sorting moves them.
        QSignalSpy sorted(v->model(), &RecordTableModel::sortFinished);
        v->model()->sort(int(Column::EventId), Qt::AscendingOrder);
        QVERIFY(sorted.wait());
        QCOMPARE(v->searchMarkers()->markedBuckets(), expectedBuckets());
        v->search()->clear();
        QCOMPARE(v->searchMarkers()->markedBuckets(), 0);
    }

    void detailPaneMarksMatches_data() { logRows(); }
    void detailPaneMarksMatches() {
        QFETCH(QString, log);
        auto v = openIndexed(log);
        QVERIFY(v);
        // A regex across JSON tokens: the JSON tab shows it indented, with a
        // space after the colon, and still marks it.
        QVERIFY(search(*v, "\"eventid\":4624,", true));
        DetailPane* details = v->details();
        details->tabs()->setCurrentIndex(DetailPane::FieldsTab);
        v->table()->setCurrentIndex(v->model()->index(0, 0));
        QVERIFY(v->search()->findNext());
        // Only the tab in view is filled; the JSON tab is marked when shown.
        QVERIFY(details->isFilled(DetailPane::FieldsTab));
        QVERIFY(!details->isFilled(DetailPane::JsonTab));
        QVERIFY(!details->isFilled(DetailPane::XmlTab));
        details->tabs()->setCurrentIndex(DetailPane::JsonTab);
        QVERIFY(details->isFilled(DetailPane::JsonTab));
        QPlainTextEdit* json = details->jsonView();
        QTRY_COMPARE(json->extraSelections().size(), 1);
        QCOMPARE(json->extraSelections().first().cursor.selectedText(),
                 QString("\"EventID\": 4624,"));
        // A plain text: marked in the XML (as shown), the JSON and the fields.
        QVERIFY(search(*v, "nt authority"));
        v->table()->setCurrentIndex(v->model()->index(0, 0));
        QVERIFY(v->search()->findNext());
        details->tabs()->setCurrentIndex(DetailPane::XmlTab);
        QPlainTextEdit* xml = details->xmlView();
        QTRY_VERIFY(!xml->extraSelections().isEmpty());
        for (const auto& s : xml->extraSelections())
            QCOMPARE(s.cursor.selectedText().toLower(), QString("nt authority"));
        details->tabs()->setCurrentIndex(DetailPane::JsonTab);
        QCOMPARE(json->extraSelections().size(), xml->extraSelections().size());
        for (const auto& s : json->extraSelections())
            QCOMPARE(s.cursor.selectedText().toLower(), QString("nt authority"));
        details->tabs()->setCurrentIndex(DetailPane::FieldsTab);
        QTableWidget* fields = details->fieldsView();
        int marked = 0;
        for (int r = 0; r < fields->rowCount(); ++r)
            if (fields->item(r, 1) && fields->item(r, 1)->background() != QBrush()) {
                ++marked;
                QVERIFY(fields->item(r, 1)->text().contains("NT AUTHORITY", Qt::CaseInsensitive));
            }
        QVERIFY(marked >= 1);
        // The syntax highlighting is still there under the marks.
        bool formatted = false;
        for (QTextBlock b = xml->document()->begin(); b.isValid() && !formatted; b = b.next())
            formatted = !b.layout()->formats().isEmpty();
        QVERIFY(formatted);
        // No search: no marks.
        v->search()->clear();
        QVERIFY(xml->extraSelections().isEmpty());
        QVERIFY(json->extraSelections().isEmpty());
    }

    void regexLiteralPrefilterAgreesWithRe2_data() { logRows({"sysmon"}); }
    void regexLiteralPrefilterAgreesWithRe2() {
        QFETCH(QString, log);
        // found() first looks for the literals a regex match must hold;
        // findAll() always runs RE2 itself. They agree on every record.
        const QList<QByteArray> lines = logJsonLines(log);
        for (const char* re :
             {"lsass\\.exe|svchost", "logon.{0,20}id", "system32\\\\\\\\[a-z]+\\.exe",
              "\"eventid\":1[0-3],", "image\":\"[^\"]*cmd"}) {
            std::string error;
            const auto p = evtx::TextSearchPattern::compile({re, true, false}, error);
            QVERIFY2(p, re);
            int hits = 0;
            for (const QByteArray& line : lines) {
                const std::string_view json(line.constData(), size_t(line.size()));
                const bool found = p->found(json);
                QCOMPARE(found, !p->findAll(json, evtx::SearchedText::Json).empty());
                hits += found;
            }
            QVERIFY2(hits > 0 && hits < lines.size(), re);
        }
    }

    void patternFindsEscapedForms() {
        std::string error;
        evtx::TextSearchSpec spec;
        spec.text = "C:\\Windows \"x\" & <y>";
        auto p = evtx::TextSearchPattern::compile(spec, error);
        QVERIFY(p);
        // JSON: as typed never occurs (a lone backslash), escaped does.
        QVERIFY(p->found("{\"a\":\"c:\\\\windows \\\"X\\\" & <y>\"}"));
        QVERIFY(!p->found("{\"a\":\"c:\\\\windows \\\"X\\\" & <z>\"}"));
        // XML text and attributes.
        const std::string xml = "<a b=\"C:\\Windows &quot;x&quot; &amp; &lt;y&gt;\"/>"
                                "<c>C:\\Windows \"x\" &amp; &lt;y&gt;</c>";
        QCOMPARE(p->findAll(xml, evtx::SearchedText::Xml).size(), size_t(2));
        // Match case; Unicode letters fold without it.
        spec.text = "windows";
        spec.matchCase = true;
        QVERIFY(!evtx::TextSearchPattern::compile(spec, error)->found("Windows"));
        spec.text = "ÄRGER";
        spec.matchCase = false;
        QVERIFY(evtx::TextSearchPattern::compile(spec, error)->found("das ärger"));
        // Plain texts at every offset of a longer text (the sixteen-byte
        // steps and the tail), either case, and near misses.
        for (size_t at = 0; at < 70; ++at) {
            const std::string text = std::string(at, 'e') + "NeEdLe" + std::string(70 - at, 'n');
            const std::string miss = std::string(at, 'e') + "NeEdL" + std::string(71 - at, 'n');
            for (const bool matchCase : {false, true}) {
                spec = {"needle", false, matchCase};
                const auto lower = evtx::TextSearchPattern::compile(spec, error);
                QCOMPARE(lower->found(text), !matchCase);
                QVERIFY(!lower->found(miss));
                spec.text = "NeEdLe";
                QVERIFY(evtx::TextSearchPattern::compile(spec, error)->found(text));
            }
        }
        // Offsets of every match; empty regex matches are skipped.
        spec = {"a*", true, false};
        const auto all = evtx::TextSearchPattern::compile(spec, error)
                             ->findAll("baab a", evtx::SearchedText::Plain);
        QCOMPARE(all.size(), size_t(2));
        QCOMPARE(all[0], (std::pair<size_t, size_t>(1, 3)));
        QCOMPARE(all[1], (std::pair<size_t, size_t>(5, 6)));
        spec.text.assign(1, '('); // (GCC 12 -O3 warns falsely on = "(")
        QVERIFY(!evtx::TextSearchPattern::compile(spec, error));
        QVERIFY(!error.empty());
        // The JSON tab's indented text: compact offsets map past the
        // inserted whitespace.
        const QByteArray compact = "{\"a\":\"x y\",\"b\":[1,2]}";
        const QByteArray pretty = "{\n  \"a\": \"x y\",\n  \"b\": [\n    1,\n    2\n  ]\n}";
        const std::vector<size_t> map = compactToPrettyOffsets(compact, pretty);
        for (qsizetype i = 0; i < compact.size(); ++i)
            QCOMPARE(pretty[qsizetype(map[size_t(i)])], compact[i]);
        QCOMPARE(map[5], size_t(pretty.indexOf("\"x y\"")));
    }
};

QTEST_MAIN(SearchTest)
#include "tst_search.moc"
