// The time histogram: bucket widths and alignment, counts checked against
// the golden JSONL (times and levels read there), and a mouse drag that
// becomes a time-range filter selecting the golden records in that range.
#include "facets_panel.hpp"
#include "filter_controller.hpp"
#include "histogram_counts.hpp"
#include "log_view.hpp"
#include "record_table_model.hpp"
#include "time_histogram.hpp"
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

struct GoldenEvent {
    uint64_t time;
    int level;
};

QList<GoldenEvent> goldenEvents(const QString& sample) {
    QList<GoldenEvent> out;
    for (const QByteArray& line : goldenJsonLines(sample)) {
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
    auto v = std::make_unique<LogView>(samplePath(sample));
    v->setTimeZoneMode(TimeZoneMode::Utc);
    v->resize(1200, 800);
    v->show();
    if (!QTest::qWaitForWindowExposed(v.get())) return nullptr;
    if (!v->openAndIndex() || !waitIndexed(v->document()) || !waitIdle(*v)) return nullptr;
    return v;
}

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

    void countsMatchGolden() {
        SKIP_WITHOUT_SHARED();
        auto v = openShown("security");
        QVERIFY(v);
        const QList<GoldenEvent> golden = goldenEvents("security");
        const HistogramCounts& h = v->histogram()->counts();
        QCOMPARE(h.total, uint64_t(golden.size()));
        QCOMPARE(sum(h), uint64_t(golden.size()));
        QVERIFY2(h.buckets.size() >= 10 && h.buckets.size() <= 200,
                 qPrintable(QString::number(h.buckets.size())));
        QCOMPARE(h.buckets.size(), int(h.counts.size()));
        // The fullest bucket and a middle one, per level, against the golden times.
        int fullest = 0;
        for (int b = 0; b < h.buckets.size(); ++b)
            if (h.bucketTotal(b) > h.bucketTotal(fullest)) fullest = b;
        for (int bucket : {fullest, h.buckets.size() / 2}) {
            const uint64_t from = h.buckets.edges[size_t(bucket)];
            const uint64_t to = h.buckets.edges[size_t(bucket) + 1];
            BandCounts want{};
            for (const GoldenEvent& e : golden)
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

    void countsFollowTheFilter() {
        SKIP_WITHOUT_SHARED();
        auto v = openShown("system");
        QVERIFY(v);
        v->filter()->applyExpression("Level <= 3");
        QVERIFY(waitIdle(*v));
        const QList<GoldenEvent> golden = goldenEvents("system");
        uint64_t want = 0;
        for (const GoldenEvent& e : golden)
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

    void dragSetsTimeRangeFilter() {
        SKIP_WITHOUT_SHARED();
        auto v = openShown("security");
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
        for (const GoldenEvent& e : goldenEvents("security"))
            want += e.time >= range.from && e.time < range.to;
        QVERIFY(want > 0 && want < goldenJsonLines("security").size());
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
        const QList<QByteArray> lines = goldenJsonLines("security");
        const QList<GoldenEvent> golden = goldenEvents("security");
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

    void clickIsNotADrag() {
        SKIP_WITHOUT_SHARED();
        auto v = openShown("security");
        QVERIFY(v);
        TimeHistogram* hist = v->histogram();
        QTest::mouseClick(hist, Qt::LeftButton, {}, hist->bucketRect(3).center().toPoint());
        QVERIFY(!v->filter()->timeRange());
    }
};

QTEST_MAIN(HistogramTest)
#include "tst_histogram.moc"
