// One clock: in UTC mode (the default) the table, its header, the details,
// the histogram, the filter language and the CSV export all say UTC whatever
// TZ is (the CSV export byte for byte as evtxdump -o csv writes it); in local
// mode they all use the local zone and say which one (the CSV export with
// each row's own offset), and a filter time literal without a zone is read
// in it. CTest runs this program
// under TZ=UTC, TZ=America/New_York and TZ=Asia/Kolkata; the expected texts
// below are worked out by hand for each (FILETIMEs checked with Python).
#include "app/log_view.hpp"
#include "app/main_window.hpp"
#include "details/detail_pane.hpp"
#include "export/export_job.hpp"
#include "filter/filter_controller.hpp"
#include "histogram/time_histogram.hpp"
#include "log_sources.hpp"
#include "table/record_columns.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include "evtx/query/query.hpp"
#include "evtx/render/filetime.hpp"
#include "evtx/writer/evtx_writer.hpp"
#include "evtx/writer/template.hpp"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>
#include <ctime>
#include <memory>
#include <numeric>
#include <optional>

using namespace evtxui;
using namespace evtx::writer;
namespace vt = evtx::vt;

namespace {

// FILETIME ticks (checked with Python's datetime).
constexpr uint64_t kJan12 = 130973328001234567ull;   // 2016-01-15T12:00:00.1234567Z
constexpr uint64_t kJan1230 = 130973346000000000ull; // 2016-01-15T12:30:00Z
constexpr uint64_t kJan13 = 130973364000000000ull;   // 2016-01-15T13:00:00Z
// 2016-07-08T18:12:51Z is 131124751710000000; the July log holds the
// instants that "2016-07-08 18:12:51" means in UTC, New York (EDT, -04:00)
// and Kolkata (IST, +05:30), and their neighbours.
constexpr uint64_t kSecond = 10000000ull;
constexpr uint64_t kJul181251 = 131124751710000000ull; // 18:12:51Z (UTC)
constexpr uint64_t kJul221251 = 131124895710000000ull; // 22:12:51Z (New York)
constexpr uint64_t kJul124251 = 131124553710000000ull; // 12:42:51Z (Kolkata)
const std::vector<uint64_t> kJulyTimes{
    kJul124251 - kSecond,        kJul124251, kJul181251 - 1, kJul181251, kJul221251 - 1, kJul221251,
    kJul221251 + 3600 * kSecond,
};

struct Zone {
    QString header;       // the time column's header in local mode (January log)
    QString julyHeader;   // the same for the July log
    QString janCell;      // the table cell of kJan12 in local mode
    QString janTimeline;  // the CSV export's local time of kJan12 (winter)
    QString julyTimeline; // the same of kJul181251 (summer)
    uint64_t julyInstant; // what "2016-07-08 18:12:51" means in local mode
    QString detailZone;   // the details pane's zone for kJan12
    uint64_t janSeven;    // what "2016-01-15 07:00:00" means in local mode
};

// Local-mode expectations for the zone CTest set; nullopt for another TZ.
std::optional<Zone> expectedZone() {
    const QByteArray tz = qgetenv("TZ");
    if (tz == "UTC")
        return Zone{"Date and Time (UTC+00:00)",
                    "Date and Time (UTC+00:00)",
                    "2016-01-15 12:00:00.1234567",
                    "2016-01-15 12:00:00.1234567 +00:00",
                    "2016-07-08 18:12:51.0000000 +00:00",
                    kJul181251,
                    "UTC+00:00",
                    130973148000000000ull}; // 07:00Z
    if (tz == "America/New_York")
        return Zone{"Date and Time (UTC-05:00)",
                    "Date and Time (UTC-04:00)",
                    "2016-01-15 07:00:00.1234567",
                    "2016-01-15 07:00:00.1234567 -05:00",
                    "2016-07-08 14:12:51.0000000 -04:00",
                    kJul221251,
                    "UTC-05:00",
                    130973328000000000ull}; // 12:00Z
    if (tz == "Asia/Kolkata")
        return Zone{"Date and Time (UTC+05:30)",
                    "Date and Time (UTC+05:30)",
                    "2016-01-15 17:30:00.1234567",
                    "2016-01-15 17:30:00.1234567 +05:30",
                    "2016-07-08 23:42:51.0000000 +05:30",
                    kJul124251,
                    "UTC+05:30",
                    130972950000000000ull}; // 01:30Z
    return std::nullopt;
}

// Run by hand without TZ (or under a zone with no expected values above),
// the program pins TZ=UTC before anything reads the zone, so that every test
// runs and checks something; CTest sets each of the three zones itself.
[[maybe_unused]] const bool kZonePinned = [] {
    if (expectedZone()) return false;
    qputenv("TZ", "UTC");
    tzset();
    return true;
}();

TemplatePtr timeTemplate() {
    return makeTemplate(
        Guid::parse("{7a1e0c3b-2222-4444-8888-0123456789ab}"),
        el("Event", {attr("xmlns", text("http://schemas.microsoft.com/win/2004/08/events/event"))},
           {el("System", {},
               {el("Provider", {attr("Name", text("Clock"))}),
                el("EventID", {}, {sub(0, vt::UInt16)}), el("Level", {}, {text("4")}),
                el("TimeCreated", {attr("SystemTime", sub(1, vt::FileTime))}),
                el("EventRecordID", {}, {sub(2, vt::UInt64)}), el("Channel", {}, {text("Test")}),
                el("Computer", {}, {text("pc")})})}));
}

// A log of one record per time; record i has EventID 100 + i.
bool writeLog(const QString& path, const std::vector<uint64_t>& times) {
    EvtxWriter w;
    const TemplatePtr t = timeTemplate();
    std::string error;
    for (size_t i = 0; i < times.size(); ++i)
        if (!w.add(Event{times[i],
                         {t,
                          {Value::u16(uint16_t(100 + i)), Value::fileTime(times[i]),
                           Value::u64(i + 1)}}},
                   error))
            return false;
    return w.save(path.toStdString(), error);
}

bool waitIdle(LogView& v) {
    return QTest::qWaitFor([&v] { return !v.filter()->isBusy() && !v.histogram()->isCounting(); },
                           30000);
}

QString header(LogView& v) {
    return v.model()->headerData(int(Column::DateTime), Qt::Horizontal, Qt::DisplayRole).toString();
}

QString cell(LogView& v, int row) {
    return v.model()->data(v.model()->index(row, int(Column::DateTime))).toString();
}

// EventIDs of the rows the table shows (100 + position in the log).
QList<int> shownEvents(LogView& v) {
    QList<int> ids;
    const auto& c = v.document()->index().columns();
    for (int r = 0; r < v.model()->rowCount(); ++r)
        ids << c.eventId(v.model()->indexRow(r));
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<int> eventsFrom(uint64_t instant) {
    QList<int> ids;
    for (size_t i = 0; i < kJulyTimes.size(); ++i)
        if (kJulyTimes[i] >= instant) ids << int(100 + i);
    return ids;
}

QByteArray csvOf(LogView& v, TimeZoneMode mode) {
    std::vector<uint32_t> rows(v.document()->index().size());
    std::iota(rows.begin(), rows.end(), 0u);
    ExportJob job(v.document(), rows, evtx::ExportFormat::Csv, QString());
    job.setTimeZoneMode(mode);
    QSignalSpy done(&job, &ExportJob::finished);
    job.start();
    if (!done.wait(30000)) return {};
    return job.result();
}

} // namespace

class TimeZonesTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString january_, july_;

    std::unique_ptr<LogView> open(const QString& path, TimeZoneMode mode) {
        auto v = std::make_unique<LogView>(path);
        v->setTimeZoneMode(mode);
        v->resize(1200, 800);
        v->show();
        if (!QTest::qWaitForWindowExposed(v.get())) return nullptr;
        if (!v->openAndIndex() || !waitIndexed(v->document()) || !waitIdle(*v)) return nullptr;
        return v;
    }

    // The local-mode CSV of `v`: its header names `zone` ("TimeCreated
    // (UTC-05:00)"), and line `line` holds `cell` (time, then EventId).
    static void checkLocalCsv(LogView& v, const QString& zone, int line, const QString& cell) {
        const QList<QByteArray> csv = csvOf(v, TimeZoneMode::Local).split('\n');
        QVERIFY2(
            csv.value(0).startsWith("RecordNumber,EventRecordId," + zone.toUtf8() + ",EventId,"),
            csv.value(0).constData());
        QVERIFY2(csv.value(line).contains("," + cell.toUtf8()), csv.value(line).constData());
    }

  private slots:
    void initTestCase() {
        useTestSettings();
        const QByteArray tz = qgetenv("TZ");
        if (!tz.isEmpty() && tz != "UTC" && !QFile::exists("/usr/share/zoneinfo/" + tz))
            QSKIP(qPrintable("no time zone data for TZ=" + tz));
        QVERIFY(dir_.isValid());
        january_ = dir_.filePath("january.evtx");
        july_ = dir_.filePath("july.evtx");
        QVERIFY(writeLog(january_, {kJan12, kJan1230, kJan13}));
        QVERIFY(writeLog(july_, kJulyTimes));
    }

    void utcIsTheDefault() {
        QSettings().remove("view/utc");
        MainWindow w;
        QCOMPARE(w.timeZoneMode(), TimeZoneMode::Utc);
        DetailPane pane;
        QCOMPARE(pane.timeZoneMode(), TimeZoneMode::Utc);
    }

    // UTC mode: the same texts under every TZ.
    void utcModeIgnoresTz() {
        auto v = open(january_, TimeZoneMode::Utc);
        QVERIFY(v);
        QCOMPARE(v->model()->timeZoneMode(), TimeZoneMode::Utc);
        QCOMPARE(header(*v), QString("Date and Time (UTC)"));
        QCOMPARE(cell(*v, 0), QString("2016-01-15 12:00:00.1234567"));
        QCOMPARE(formatEventTime(kJan12, TimeZoneMode::Utc, true),
                 QString("2016-01-15 12:00:00.1234567 UTC"));
        QVERIFY2(v->histogram()->caption().endsWith("times in UTC"),
                 qPrintable(v->histogram()->caption()));
        QVERIFY2(v->histogram()->axisLabels().value(0).startsWith("2016-01-15 12:00"),
                 qPrintable(v->histogram()->axisLabels().join(" | ")));
        const QList<QByteArray> csv = csvOf(*v, TimeZoneMode::Utc).split('\n');
        QVERIFY(csv.value(0).startsWith("RecordNumber,EventRecordId,TimeCreated,EventId,"));
        QVERIFY2(csv.value(1).contains(",2016-01-15 12:00:00.1234567,100,"),
                 csv.value(1).constData());
        QCOMPARE(csvOf(*v, TimeZoneMode::Utc), runEvtxdump({"-o", "csv", "-t", "1", january_}));

        auto j = open(july_, TimeZoneMode::Utc);
        QVERIFY(j);
        QVERIFY(j->filter()->applyExpression("TimeCreated >= \"2016-07-08 18:12:51\""));
        QVERIFY(waitIdle(*j));
        QCOMPARE(shownEvents(*j), eventsFrom(kJul181251));
        QCOMPARE(shownEvents(*j), (QList<int>{103, 104, 105, 106}));
    }

    void localModeSaysTheZone() {
        const std::optional<Zone> z = expectedZone();
        if (!z) QSKIP("no expected values for this TZ");
        auto v = open(january_, TimeZoneMode::Local);
        QVERIFY(v);
        QCOMPARE(header(*v), z->header);
        QCOMPARE(cell(*v, 0), z->janCell);
        QCOMPARE(formatEventTime(kJan12, TimeZoneMode::Local, true),
                 z->janCell + ' ' + z->detailZone);
        const QString caption = v->histogram()->caption();
        QVERIFY2(caption.endsWith("times in " + z->header.mid(15).chopped(1)), qPrintable(caption));
        // The histogram's first label has the local date and time.
        QVERIFY2(v->histogram()->axisLabels().value(0).startsWith(z->janCell.left(16)),
                 qPrintable(v->histogram()->axisLabels().join(" | ")));
        // The CSV export: local times with their offsets, the zone in the header.
        checkLocalCsv(*v, "TimeCreated (" + z->header.mid(15), 1, z->janTimeline + ",100,");
        auto j = open(july_, TimeZoneMode::Local);
        QVERIFY(j);
        checkLocalCsv(*j, "TimeCreated (" + z->julyHeader.mid(15), 4, z->julyTimeline + ",103,");
        // UTC mode under this TZ: exactly the timeline evtxdump writes.
        QCOMPARE(csvOf(*v, TimeZoneMode::Utc), runEvtxdump({"-o", "csv", "-t", "1", january_}));
        // Back to UTC: the header follows.
        v->setTimeZoneMode(TimeZoneMode::Utc);
        QCOMPARE(header(*v), QString("Date and Time (UTC)"));
        QCOMPARE(cell(*v, 0), QString("2016-01-15 12:00:00.1234567"));
    }

    void zonelessLiteralsReadInTheShownZone() {
        const std::optional<Zone> z = expectedZone();
        if (!z) QSKIP("no expected values for this TZ");
        auto v = open(july_, TimeZoneMode::Local);
        QVERIFY(v);
        QCOMPARE(header(*v), z->julyHeader);
        QVERIFY(v->filter()->applyExpression("TimeCreated >= \"2016-07-08 18:12:51\""));
        QVERIFY(waitIdle(*v));
        const QList<int> local = shownEvents(*v);
        QCOMPARE(local, eventsFrom(z->julyInstant));
        // The same rows as the UTC instant written with its zone.
        const QString utcLiteral =
            QString::fromStdString(evtx::formatFileTime100ns(z->julyInstant, 0, true));
        QVERIFY(v->filter()->applyExpression("TimeCreated >= \"" + utcLiteral + "\""));
        QVERIFY(waitIdle(*v));
        QCOMPARE(shownEvents(*v), local);
        // A literal with a zone keeps it in local mode.
        QVERIFY(v->filter()->applyExpression("TimeCreated >= \"2016-07-08T18:12:51Z\""));
        QVERIFY(waitIdle(*v));
        QCOMPARE(shownEvents(*v), eventsFrom(kJul181251));
        QVERIFY(v->filter()->applyExpression("TimeCreated >= \"2016-07-08T20:12:51+02:00\""));
        QVERIFY(waitIdle(*v));
        QCOMPARE(shownEvents(*v), eventsFrom(kJul181251));
        // Switching the zone applies a zoneless filter again.
        QVERIFY(v->filter()->applyExpression("TimeCreated >= \"2016-07-08 18:12:51\""));
        QVERIFY(waitIdle(*v));
        v->setTimeZoneMode(TimeZoneMode::Utc);
        QVERIFY(waitIdle(*v));
        QCOMPARE(shownEvents(*v), eventsFrom(kJul181251));
        v->setTimeZoneMode(TimeZoneMode::Local);
        QVERIFY(waitIdle(*v));
        QCOMPARE(shownEvents(*v), local);
    }

    // The engine reads zoneless literals through the C library's zone; its
    // own tests have no Qt, so the literal's ticks are checked here too.
    void engineLiteralTicks() {
        const std::optional<Zone> z = expectedZone();
        if (!z) QSKIP("no expected values for this TZ");
        auto ticks = [](const char* filter, evtx::TimeLiteralZone zone) -> uint64_t {
            evtx::QueryError error;
            evtx::QueryOptions options;
            options.zonelessTimes = zone;
            const auto q = evtx::Query::parse(filter, error, options);
            return q ? q->root().values.at(0).number : 0;
        };
        using evtx::TimeLiteralZone;
        const char* zoneless = "TimeCreated >= \"2016-07-08 18:12:51\"";
        QCOMPARE(ticks(zoneless, TimeLiteralZone::Utc), kJul181251);
        QCOMPARE(ticks(zoneless, TimeLiteralZone::Local), z->julyInstant);
        QCOMPARE(ticks("TimeCreated >= \"2016-07-08T18:12:51.5\"", TimeLiteralZone::Local),
                 z->julyInstant + 5000000);
        QCOMPARE(ticks("TimeCreated >= \"2016-07-08T18:12:51Z\"", TimeLiteralZone::Local),
                 kJul181251);
        // A January date: New York is on EST then (-05:00), not EDT.
        const uint64_t jan =
            ticks("TimeCreated >= \"2016-01-15 07:00:00\"", TimeLiteralZone::Local);
        QCOMPARE(formatEventTime(jan, TimeZoneMode::Local), QString("2016-01-15 07:00:00.0000000"));
        QCOMPARE(jan, z->janSeven);
        // XPath times stay UTC.
        evtx::QueryError error;
        const auto x = evtx::Query::parseXPath(
            "*[System[TimeCreated[@SystemTime>='2016-07-08T18:12:51']]]", error,
            {.now = std::nullopt, .zonelessTimes = TimeLiteralZone::Local});
        QVERIFY2(x, error.toString().c_str());
        QVERIFY2(x->toString().find(std::to_string(kJul181251)) != std::string::npos,
                 x->toString().c_str());
    }
};

QTEST_MAIN(TimeZonesTest)
#include "tst_time_zones.moc"
