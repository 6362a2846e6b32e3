// The time histogram: bucket widths and alignment, counts checked against
// JSONL (times and levels read there: evtxdump's on the demo log, the golden
// files of shared samples when ../shared is there), a mouse drag that
// becomes a time-range filter selecting the records in that range, and,
// over hand-built indexes, the sane time window (bogus carved times do not
// stretch the axis) and axis labels that always carry the date.
#include "app/log_view.hpp"
#include "document/time_window.hpp"
#include "facets/facets_panel.hpp"
#include "filter/filter_controller.hpp"
#include "histogram/histogram_counts.hpp"
#include "histogram/time_histogram.hpp"
#include "log_samples.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include "evtx/query/query.hpp"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <QToolButton>

using namespace evtxui;

namespace {

constexpr int64_t kEpochSeconds = 11644473600LL; // 1601 → 1970

// FILETIME ticks of "2016-07-08T18:12:51.681640Z", read here without the
// engine: whole seconds by QDateTime, the fraction digit by digit.
uint64_t ticksOf(const QString& iso) {
    const QDateTime t = QDateTime::fromString(iso.left(19), "yyyy-MM-ddTHH:mm:ss");
    QDateTime utc(t.date(), t.time(), QTimeZone::utc());
    uint64_t ticks = uint64_t(utc.toSecsSinceEpoch() + kEpochSeconds) * 10000000ull;
    QString fraction = iso.mid(20);
    fraction.chop(1); // Z
    fraction = fraction.leftJustified(7, '0');
    return ticks + fraction.toULongLong();
}

struct JsonlEvent {
    uint64_t time;
    int level;
};

QList<JsonlEvent> jsonlEvents(const QString& sample) {
    QList<JsonlEvent> out;
    for (const QByteArray& line : logJsonLines(sample)) {
        const QJsonObject s =
            QJsonDocument::fromJson(line).object()["Event"].toObject()["System"].toObject();
        const QString time =
            s["TimeCreated"].toObject()["#attributes"].toObject()["SystemTime"].toString();
        out.append({ticksOf(time), s["Level"].toInt()});
    }
    return out;
}

bool waitIdle(LogView& v) {
    return QTest::qWaitFor([&v] { return !v.filter()->isBusy() && !v.histogram()->isCounting(); },
                           30000);
}

std::unique_ptr<LogView> openShown(const QString& sample) {
    auto v = std::make_unique<LogView>(logPath(sample));
    v->setTimeZoneMode(TimeZoneMode::Utc);
    v->resize(1200, 800);
    v->show();
    if (!QTest::qWaitForWindowExposed(v.get())) return nullptr;
    if (!v->openAndIndex() || !waitIndexed(v->document()) || !waitIdle(*v)) return nullptr;
    return v;
}

// FILETIME ticks worked out by hand (checked with Python's datetime).
constexpr uint64_t kT1990 = 122756256000000000ull;       // 1990-01-01T00:00:00Z
constexpr uint64_t kT1989Last = 122756255999999999ull;   // 1989-12-31T23:59:59.9999999Z
constexpr uint64_t kT18 = 131124744000000000ull;         // 2016-07-08T18:00:00Z
constexpr uint64_t kT181251 = 131124751716816406ull;     // 2016-07-08T18:12:51.6816406Z
constexpr uint64_t kT20 = 131124816000000000ull;         // 2016-07-08T20:00:00Z
constexpr uint64_t kT20NextYear = 131440176000000000ull; // 2017-07-08T20:00:00Z (+365 d)
constexpr uint64_t kT23 = 131124924000000000ull;         // 2016-07-08T23:00:00Z
constexpr uint64_t kYear60055 = 18446351616000000000ull; // 60055-03-01T00:00:00Z
constexpr uint64_t kMinute = 600000000ull;

struct HandRow {
    uint64_t time;
    uint8_t level = 4;
    uint8_t recovery = evtx::row_recovery::None;
};

// An index built row by row, as the index builder would fill it.
std::unique_ptr<evtx::RecordIndex> handIndex(const std::vector<HandRow>& rows) {
    evtx::IndexBatch batch;
    uint64_t id = 1;
    for (const HandRow& h : rows) {
        evtx::IndexRow r;
        r.recordId = id++;
        r.timeCreated = h.time;
        r.level = h.level;
        r.recovery = h.recovery;
        r.eventId = 4624;
        batch.rows.push(r);
    }
    batch.last = true;
    auto index = std::make_unique<evtx::RecordIndex>();
    index->append(batch);
    return index;
}

constexpr uint8_t kSlack = evtx::row_recovery::Slack;

uint64_t sum(const HistogramCounts& h) {
    uint64_t n = 0;
    for (int b = 0; b < h.buckets.size(); ++b)
        n += h.bucketTotal(b);
    return n;
}

} // namespace

class HistogramTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { useTestSettings(); }

    void bucketWidthsAreNiceAndAligned() {
        const uint64_t t0 = ticksOf("2016-07-08T18:12:51.681640Z");
        const uint64_t second = 10000000ull, minute = 60 * second, hour = 60 * minute,
                       day = 24 * hour;
        // One hour in at most 100 buckets: 1 minute (30 s would need 121).
        TimeBuckets b = chooseTimeBuckets(t0, t0 + hour, 100, TimeZoneMode::Utc);
        QCOMPARE(b.unit, BucketUnit::Minute);
        QCOMPARE(b.multiple, 1);
        QCOMPARE(b.step, minute);
        QCOMPARE(b.edges.front(), ticksOf("2016-07-08T18:12:00Z"));
        QCOMPARE(b.size(), 61);
        QCOMPARE(b.widthText(), QString("1 minute"));
        // Ten days: 3 hours (2 hours would need 121).
        b = chooseTimeBuckets(t0, t0 + 10 * day, 100, TimeZoneMode::Utc);
        QCOMPARE(b.unit, BucketUnit::Hour);
        QCOMPARE(b.multiple, 3);
        QCOMPARE(b.edges.front(), ticksOf("2016-07-08T18:00:00Z"));
        QCOMPARE(b.widthText(), QString("3 hours"));
        // 200 days: weeks starting on Mondays at midnight.
        b = chooseTimeBuckets(t0, t0 + 200 * day, 100, TimeZoneMode::Utc);
        QCOMPARE(b.unit, BucketUnit::Week);
        QCOMPARE(b.edges.front(), ticksOf("2016-07-04T00:00:00Z")); // a Monday
        for (size_t i = 1; i < b.edges.size(); ++i)
            QCOMPARE(b.edges[i] - b.edges[i - 1], 7 * day);
        QVERIFY(b.edges.back() > t0 + 200 * day);
        // Three years: months, on their first days.
        b = chooseTimeBuckets(t0, t0 + 3 * 365 * day, 100, TimeZoneMode::Utc);
        QCOMPARE(b.unit, BucketUnit::Month);
        QCOMPARE(b.edges.front(), ticksOf("2016-07-01T00:00:00Z"));
        QCOMPARE(b.edges[1], ticksOf("2016-08-01T00:00:00Z"));
        QCOMPARE(b.edges[7], ticksOf("2017-02-01T00:00:00Z"));
        // Every time falls in exactly the bucket whose edges hold it.
        for (uint64_t t = t0; t < t0 + 3 * 365 * day; t += 7 * hour + 13) {
            const int i = b.bucketOf(t);
            QVERIFY(i >= 0);
            QVERIFY(b.edges[size_t(i)] <= t && t < b.edges[size_t(i) + 1]);
        }
        // One instant: one bucket.
        b = chooseTimeBuckets(t0, t0, 100, TimeZoneMode::Utc);
        QCOMPARE(b.size(), 1);
        QCOMPARE(b.bucketOf(t0), 0);
    }

    void bogusTimesStayOutOfTheHistogram() {
        // A two-hour log and carved records from 1601 and from year 60055.
        const auto index = handIndex({{kT18},
                                      {kT181251, 2},
                                      {kT18 + 61 * kMinute, 3},
                                      {kT20},
                                      {0, 0, kSlack},
                                      {kYear60055, 0, kSlack}});
        const HistogramCounts h = countHistogram(*index, nullptr, 100, TimeZoneMode::Utc);
        // Two hours in at most 100 buckets: 2 minutes (1 minute needs 121),
        // not "1 bar = 5 years" as when the carved times set the span.
        QCOMPARE(h.buckets.unit, BucketUnit::Minute);
        QCOMPARE(h.buckets.multiple, 2);
        QCOMPARE(h.buckets.widthText(), QString("2 minutes"));
        QCOMPARE(h.buckets.edges.front(), kT18);
        QCOMPARE(h.buckets.size(), 61);
        QCOMPARE(h.first, kT18);
        QCOMPARE(h.last, kT20);
        QCOMPARE(h.total, uint64_t(4));
        QCOMPARE(h.outside, uint64_t(2));
        QCOMPARE(sum(h), uint64_t(4));
        QCOMPARE(h.counts[0][size_t(LevelBand::Information)], uint64_t(1));  // 18:00
        QCOMPARE(h.counts[6][size_t(LevelBand::Error)], uint64_t(1));        // 18:12:51
        QCOMPARE(h.counts[30][size_t(LevelBand::Warning)], uint64_t(1));     // 19:01
        QCOMPARE(h.counts[60][size_t(LevelBand::Information)], uint64_t(1)); // 20:00
        // Only the table's rows count: the filtered rows hold one bogus row.
        const std::vector<uint32_t> rows{1, 2, 4};
        const HistogramCounts f = countHistogram(*index, &rows, 100, TimeZoneMode::Utc);
        QCOMPARE(f.total, uint64_t(2));
        QCOMPARE(f.outside, uint64_t(1));
        QCOMPARE(f.first, kT181251);
        QCOMPARE(f.last, kT18 + 61 * kMinute);
    }

    void saneWindowEdges() {
        // Not before 1990-01-01 UTC, not after the newest live record + 365
        // days; both edges belong to the window. A recovered record newer than
        // every live one does not move the window, a live one before 1990 is
        // left out like any other.
        const auto index = handIndex({{kT18},
                                      {kT20},
                                      {12345, 4, evtx::row_recovery::None},
                                      {kT1989Last, 4, kSlack},
                                      {kT1990, 2, kSlack},
                                      {kT20NextYear, 3, evtx::row_recovery::DamagedChunk},
                                      {kT20NextYear + 1, 3, kSlack},
                                      {kT20NextYear + 365 * 24 * 60 * kMinute, 3, kSlack}});
        const TimeWindow w = saneTimeWindow(index->columns());
        QCOMPARE(w.from, kT1990);
        QCOMPARE(w.to, kT20NextYear);
        const HistogramCounts h = countHistogram(*index, nullptr, 100, TimeZoneMode::Utc);
        QCOMPARE(h.window.from, kT1990);
        QCOMPARE(h.window.to, kT20NextYear);
        QCOMPARE(h.total, uint64_t(4));
        QCOMPARE(h.outside, uint64_t(4));
        QCOMPARE(sum(h), uint64_t(4));
        QCOMPARE(h.first, kT1990);
        QCOMPARE(h.last, kT20NextYear);
        // 27.5 years in at most 100 buckets: half years (quarters need 111),
        // from January 1990.
        QCOMPARE(h.buckets.unit, BucketUnit::Month);
        QCOMPARE(h.buckets.multiple, 6);
        QCOMPARE(h.buckets.edges.front(), kT1990);
        // Every row recovered: the newest of them all sets the window.
        const auto carved = handIndex({{kT18, 4, kSlack}, {kT20, 4, kSlack}, {0, 4, kSlack}});
        QCOMPARE(saneTimeWindow(carved->columns()).to, kT20NextYear);
        const HistogramCounts c = countHistogram(*carved, nullptr, 100, TimeZoneMode::Utc);
        QCOMPARE(c.total, uint64_t(2));
        QCOMPARE(c.outside, uint64_t(1));
        // Nothing inside: no buckets, and the count of what was left out.
        const auto bogus = handIndex({{0}, {kYear60055, 4, kSlack}});
        const HistogramCounts b = countHistogram(*bogus, nullptr, 100, TimeZoneMode::Utc);
        QCOMPARE(b.buckets.size(), 0);
        QCOMPARE(b.total, uint64_t(0));
        QCOMPARE(b.outside, uint64_t(2));
    }

    void axisLabelsCarryTheDate() {
        // A log of two hours: the first label says the day, the others the time.
        TimeBuckets b = chooseTimeBuckets(kT18, kT20, 100, TimeZoneMode::Utc);
        QCOMPARE(b.unit, BucketUnit::Minute);
        QCOMPARE(axisLabel(b, b.edges[0], nullptr, TimeZoneMode::Utc), QString("2016-07-08 18:00"));
        QCOMPARE(axisLabel(b, b.edges[5], &b.edges[0], TimeZoneMode::Utc), QString("18:10"));
        // Across midnight: midnight names the new day, and a label after a
        // skipped midnight gets the date again.
        b = chooseTimeBuckets(kT23, kT23 + 120 * kMinute, 100, TimeZoneMode::Utc);
        QCOMPARE(b.edges[0], kT23);
        QCOMPARE(axisLabel(b, b.edges[0], nullptr, TimeZoneMode::Utc), QString("2016-07-08 23:00"));
        QCOMPARE(axisLabel(b, b.edges[30], &b.edges[0], TimeZoneMode::Utc), QString("2016-07-09"));
        QCOMPARE(axisLabel(b, b.edges[35], &b.edges[25], TimeZoneMode::Utc),
                 QString("2016-07-09 00:10"));
        QCOMPARE(axisLabel(b, b.edges[35], &b.edges[30], TimeZoneMode::Utc), QString("00:10"));
        // Seconds and milliseconds too (2 s in 100 buckets: 50 ms, from .650).
        b = chooseTimeBuckets(kT181251, kT181251 + 20000000ull, 100, TimeZoneMode::Utc);
        QCOMPARE(b.unit, BucketUnit::Millisecond);
        QCOMPARE(axisLabel(b, b.edges[0], nullptr, TimeZoneMode::Utc),
                 QString("2016-07-08 18:12:51.650"));
        // Widths of a day and more are dates already.
        b = chooseTimeBuckets(kT18, kT18 + 90 * 24 * 60 * kMinute, 100, TimeZoneMode::Utc);
        QCOMPARE(b.unit, BucketUnit::Day);
        QCOMPARE(axisLabel(b, b.edges[0], nullptr, TimeZoneMode::Utc), QString("2016-07-08"));
    }

    void countsMatchReference_data() { addLogRows({"security"}); }
    void countsMatchReference() {
        QFETCH(QString, name);
        auto v = openShown(name);
        QVERIFY(v);
        const QList<JsonlEvent> golden = jsonlEvents(name);
        const HistogramCounts& h = v->histogram()->counts();
        QCOMPARE(h.total, uint64_t(golden.size()));
        QCOMPARE(sum(h), uint64_t(golden.size()));
        QVERIFY2(h.buckets.size() >= 10 && h.buckets.size() <= 200,
                 qPrintable(QString::number(h.buckets.size())));
        QCOMPARE(h.buckets.size(), int(h.counts.size()));
        // The fullest bucket and a middle one, per level, against the JSONL times.
        int fullest = 0;
        for (int b = 0; b < h.buckets.size(); ++b)
            if (h.bucketTotal(b) > h.bucketTotal(fullest)) fullest = b;
        for (int bucket : {fullest, h.buckets.size() / 2}) {
            const uint64_t from = h.buckets.edges[size_t(bucket)];
            const uint64_t to = h.buckets.edges[size_t(bucket) + 1];
            BandCounts want{};
            for (const JsonlEvent& e : golden)
                if (e.time >= from && e.time < to) ++want[size_t(levelBand(uint8_t(e.level)))];
            for (int band = 0; band < kLevelBandCount; ++band)
                QCOMPARE(h.counts[size_t(bucket)][size_t(band)], want[size_t(band)]);
        }
        QVERIFY(h.bucketTotal(fullest) > 0);
        const QString tip = v->histogram()->bucketToolTip(fullest);
        QVERIFY2(tip.contains(QLocale().toString(qulonglong(h.bucketTotal(fullest))) + " events"),
                 qPrintable(tip));
        QVERIFY(tip.contains("Information"));
    }

    // Levels 1 to 3 (the demo log also has level 0, Information like 4).
    void countsFollowTheFilter_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expression");
        QTest::newRow("demo") << kDemo << "Level >= 1 and Level <= 3";
        if (sharedAvailable())
            QTest::newRow("system") << "system"
                                    << "Level <= 3";
    }
    void countsFollowTheFilter() {
        QFETCH(QString, name);
        QFETCH(QString, expression);
        auto v = openShown(name);
        QVERIFY(v);
        v->filter()->applyExpression(expression);
        QVERIFY(waitIdle(*v));
        const QList<JsonlEvent> golden = jsonlEvents(name);
        uint64_t want = 0;
        for (const JsonlEvent& e : golden)
            want += e.level >= 1 && e.level <= 3;
        QVERIFY(want > 0);
        QCOMPARE(uint64_t(v->model()->rowCount()), want);
        const HistogramCounts& h = v->histogram()->counts();
        QCOMPARE(sum(h), want);
        QCOMPARE(h.total, want);
        uint64_t infoOrVerbose = 0;
        for (const BandCounts& c : h.counts)
            infoOrVerbose += c[size_t(LevelBand::Information)] + c[size_t(LevelBand::Verbose)];
        QCOMPARE(infoOrVerbose, uint64_t(0));
    }

    void dragSetsTimeRangeFilter_data() { addLogRows({"security"}); }
    void dragSetsTimeRangeFilter() {
        QFETCH(QString, name);
        auto v = openShown(name);
        QVERIFY(v);
        TimeHistogram* hist = v->histogram();
        const HistogramCounts before = hist->counts();
        const int n = before.buckets.size();
        QVERIFY(n >= 10);
        // From the fullest bucket over a few more (leftwards near the end).
        int fullest = 0;
        for (int b = 0; b < n; ++b)
            if (before.bucketTotal(b) > before.bucketTotal(fullest)) fullest = b;
        const int first = std::min(fullest, n - 4), last = first + 3;
        const QPoint from = hist->bucketRect(first).center().toPoint();
        const QPoint to = hist->bucketRect(last).center().toPoint();
        QTest::mousePress(hist, Qt::LeftButton, {}, from);
        QTest::mouseMove(hist, (from + to) / 2);
        QTest::mouseMove(hist, to);
        QTest::mouseRelease(hist, Qt::LeftButton, {}, to);
        QVERIFY(v->filter()->timeRange().has_value());
        const TimeRange range = *v->filter()->timeRange();
        QCOMPARE(range.from, before.buckets.edges[size_t(first)]);
        QCOMPARE(range.to, before.buckets.edges[size_t(last) + 1]);
        QVERIFY(waitIdle(*v));
        int want = 0;
        for (const JsonlEvent& e : jsonlEvents(name))
            want += e.time >= range.from && e.time < range.to;
        QVERIFY(want > 0 && want < logJsonLines(name).size());
        QCOMPARE(v->model()->rowCount(), want);
        const auto& c = v->document()->index().columns();
        for (int r = 0; r < v->model()->rowCount(); ++r) {
            const uint64_t t = c.timeCreated(v->model()->indexRow(r));
            QVERIFY(t >= range.from && t < range.to);
        }
        // The condition as the filter language writes it, full precision.
        const QString condition = timeRangeCondition(range);
        QVERIFY2(condition.contains(QRegularExpression(
                     "^TimeCreated >= \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z\" "
                     "and TimeCreated < \"[^\"]+\\.\\d{7}Z\"$")),
                 qPrintable(condition));
        evtx::QueryError error;
        QVERIFY(evtx::Query::parse(condition.toStdString(), error));
        // Shown as a removable chip; the histogram now counts just the range.
        QVERIFY(v->facetChips()->timeRangeChip());
        QVERIFY(v->facetChips()->timeRangeChip()->toolTip().contains(condition));
        QVERIFY(hist->resetButton()->isVisibleTo(hist));
        QCOMPARE(sum(hist->counts()), uint64_t(want));
        QVERIFY(hist->counts().first >= range.from && hist->counts().last < range.to);
        // It combines with the expression.
        v->filter()->applyExpression("EventID == 4624");
        QVERIFY(waitIdle(*v));
        int both = 0;
        const QList<QByteArray> lines = logJsonLines(name);
        const QList<JsonlEvent> golden = jsonlEvents(name);
        for (qsizetype i = 0; i < lines.size(); ++i)
            both += golden[i].time >= range.from && golden[i].time < range.to &&
                    lines[i].contains("\"EventID\":4624,");
        QCOMPARE(v->model()->rowCount(), both);
        v->filter()->applyExpression("");
        QVERIFY(waitIdle(*v));
        // Double-click drops it.
        QTest::mouseDClick(hist, Qt::LeftButton, {}, hist->bucketRect(0).center().toPoint());
        QVERIFY(!v->filter()->timeRange());
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->model()->rowCount(), lines.size());
        QVERIFY(!v->facetChips()->timeRangeChip());
        QVERIFY(!hist->resetButton()->isVisibleTo(hist));
        QCOMPARE(sum(hist->counts()), uint64_t(lines.size()));
        // A drag again, removed by its chip this time.
        QTest::mousePress(hist, Qt::LeftButton, {}, from);
        QTest::mouseMove(hist, to);
        QTest::mouseRelease(hist, Qt::LeftButton, {}, to);
        QVERIFY(waitIdle(*v));
        QCOMPARE(v->model()->rowCount(), want);
        QTest::mouseClick(v->facetChips()->timeRangeChip(), Qt::LeftButton);
        QVERIFY(waitIdle(*v));
        QVERIFY(!v->filter()->timeRange());
        QCOMPARE(v->model()->rowCount(), lines.size());
    }

    void clickIsNotADrag_data() { addLogRows({"security"}); }
    void clickIsNotADrag() {
        QFETCH(QString, name);
        auto v = openShown(name);
        QVERIFY(v);
        TimeHistogram* hist = v->histogram();
        QTest::mouseClick(hist, Qt::LeftButton, {}, hist->bucketRect(3).center().toPoint());
        QVERIFY(!v->filter()->timeRange());
    }
};

QTEST_MAIN(HistogramTest)
#include "tst_histogram.moc"
