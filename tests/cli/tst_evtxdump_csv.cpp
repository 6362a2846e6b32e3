// evtxdump -o csv and --maps, run as a process: exit 0 and the header line;
// SourceFile is the input path as given; -t 2 writes the same bytes;
// EvtxECmd maps (../shared/maps/evtxecmd) replace the built-in
// MapDescription of security.evtx's 4624 rows with the map's Description;
// a maps folder holding a broken and a good map names the broken file on
// stderr with a reason and still applies the good one; --maps with another
// format is refused. Rows are read with the strict RFC 4180 reader
// (csv_reader.hpp).
#include "csv_reader.hpp"
#include "evtxdump_process.hpp"
#include "file_bytes.hpp"
#include "shared_dir.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace evtxtest;

namespace {

using Result = EvtxdumpRun;

const QByteArray kHeader =
    "RecordNumber,EventRecordId,TimeCreated,EventId,Level,Provider,Channel,ProcessId,ThreadId,"
    "Computer,ChunkNumber,UserId,MapDescription,UserName,RemoteHost,PayloadData1,PayloadData2,"
    "PayloadData3,PayloadData4,PayloadData5,PayloadData6,ExecutableInfo,HiddenRecord,SourceFile,"
    "Keywords,ExtraDataOffset,Payload\r\n";

// Column positions (EvtxECmd's order).
constexpr size_t kEventId = 3, kProvider = 5, kChannel = 6, kMapDescription = 12,
                 kPayloadData1 = 15, kSourceFile = 23, kColumns = 27;

// The rows of a CSV output, header left out; fails the test when it does
// not parse or a row does not have 27 fields.
bool rowsOf(const QByteArray& csv, std::vector<CsvRow>& rows) {
    std::string error;
    auto parsed = parseCsv(std::string_view(csv.constData(), size_t(csv.size())), &error);
    if (!parsed) {
        qWarning("CSV does not parse: %s", error.c_str());
        return false;
    }
    if (parsed->empty()) return false;
    for (const CsvRow& row : *parsed)
        if (row.size() != kColumns) {
            qWarning("row with %zu fields", row.size());
            return false;
        }
    rows.assign(parsed->begin() + 1, parsed->end());
    return true;
}

QString col(const CsvRow& row, size_t c) {
    return QString::fromStdString(row[c]);
}

QString demoPath() {
    return QStringLiteral(EVTX_SOURCE_DIR "/samples/demo.evtx");
}

} // namespace

class TestEvtxdumpCsv : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QVERIFY(QFileInfo(EVTXDUMP_PATH).isExecutable()); }

    // Exit 0, the header line first, one row per record, SourceFile the
    // input path as given (absolute and relative); -t 2 the same bytes.
    void csvHeaderAndSourceFile() {
        const QString relative = QDir::current().relativeFilePath(demoPath());
        for (const QString& input : {demoPath(), relative}) {
            const Result r = evtxdump({"-o", "csv", input});
            QCOMPARE(r.code, 0);
            QVERIFY2(r.err.isEmpty(), r.err.constData());
            QVERIFY2(r.out.startsWith(kHeader), r.out.left(400).constData());
            std::vector<CsvRow> rows;
            QVERIFY(rowsOf(r.out, rows));
            const Result jsonl = evtxdump({"-o", "jsonl", input});
            QCOMPARE(jsonl.code, 0);
            QCOMPARE(qsizetype(rows.size()), jsonl.out.count('\n'));
            for (const CsvRow& row : rows)
                QCOMPARE(col(row, kSourceFile), input);
            const Result two = evtxdump({"-o", "csv", "-t", "2", input});
            QCOMPARE(two.code, 0);
            QVERIFY2(two.out == r.out, "-t 2 output differs from -t 1");
        }
    }

    // With ../shared/maps/evtxecmd, security.evtx's 4624 rows carry the
    // map's Description (read from the .map file) instead of the built-in
    // title; other columns still parse.
    void evtxecmdMapsReplaceDescription() {
        SKIP_WITHOUT_SHARED();
        const QString mapsDir = sharedDir() + "/maps/evtxecmd";
        QFile map(mapsDir + "/Security_Microsoft-Windows-Security-Auditing_4624.map");
        QVERIFY2(map.open(QIODevice::ReadOnly), qPrintable(map.fileName()));
        const auto m = QRegularExpression("^Description:[ \\t]*(.*?)[ \\t]*\\r?$",
                                          QRegularExpression::MultilineOption)
                           .match(QString::fromUtf8(map.readAll()));
        QVERIFY(m.hasMatch());
        QString description = m.captured(1);
        if (description.size() > 1 && (description.startsWith('"') || description.startsWith('\'')))
            description = description.mid(1, description.size() - 2);
        QVERIFY(!description.isEmpty());

        const QString log = sharedDir() + "/evtx-samples/security.evtx";
        auto logonDescriptions = [&](const QStringList& extra, int& logons) {
            const Result r = evtxdump(QStringList{"-o", "csv"} + extra + QStringList{log});
            QSet<QString> seen;
            logons = -1;
            if (r.code != 0) return seen;
            std::vector<CsvRow> rows;
            if (!rowsOf(r.out, rows)) return seen;
            logons = 0;
            for (const CsvRow& row : rows)
                if (col(row, kEventId) == "4624" &&
                    col(row, kProvider) == "Microsoft-Windows-Security-Auditing" &&
                    col(row, kChannel) == "Security") {
                    ++logons;
                    seen.insert(col(row, kMapDescription));
                }
            return seen;
        };
        int builtInLogons = 0, mappedLogons = 0;
        const QSet<QString> builtIn = logonDescriptions({}, builtInLogons);
        const QSet<QString> mapped = logonDescriptions({"--maps", mapsDir}, mappedLogons);
        QVERIFY(builtInLogons > 0);
        QCOMPARE(mappedLogons, builtInLogons);
        QVERIFY2(!builtIn.contains(description),
                 "the built-in title equals the map's Description: the test proves nothing");
        QCOMPARE(mapped, QSet<QString>{description});
    }

    // A maps folder with a broken map and a good one: the broken file is
    // named on stderr with a reason, the good map applies, exit 0.
    void brokenMapReportedGoodMapApplied() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeAll(dir.filePath("broken.map"), "EventId: [1\nMaps: {\n"));
        QVERIFY(writeAll(dir.filePath("good.map"),
                         "Author: test\n"
                         "Description: Hand-written kernel start\n"
                         "EventId: 12\n"
                         "Channel: System\n"
                         "Provider: Microsoft-Windows-Kernel-General\n"
                         "Maps:\n"
                         "  -\n"
                         "    Property: PayloadData1\n"
                         "    PropertyValue: \"Build %build%\"\n"
                         "    Values:\n"
                         "      -\n"
                         "        Name: build\n"
                         "        Value: \"/Event/EventData/Data[@Name=\\\"BuildVersion\\\"]\"\n"));
        const Result r = evtxdump({"-o", "csv", "--maps", dir.path(), demoPath()});
        QCOMPARE(r.code, 0);
        const QString err = QString::fromUtf8(r.err);
        const QRegularExpression brokenLine(
            "^evtxdump: maps: " + QRegularExpression::escape(dir.filePath("broken.map")) +
                ": (.+)$",
            QRegularExpression::MultilineOption);
        const auto m = brokenLine.match(err);
        QVERIFY2(m.hasMatch(), qPrintable(err));
        QVERIFY2(m.captured(1).contains("YAML"), qPrintable(m.captured(1)));
        QVERIFY2(!err.contains("good.map"), qPrintable(err));

        std::vector<CsvRow> rows;
        QVERIFY(rowsOf(r.out, rows));
        int kernelStarts = 0;
        for (const CsvRow& row : rows) {
            const bool mine = col(row, kEventId) == "12" &&
                              col(row, kProvider) == "Microsoft-Windows-Kernel-General";
            if (!mine) {
                QVERIFY(col(row, kMapDescription) != "Hand-written kernel start");
                continue;
            }
            ++kernelStarts;
            QCOMPARE(col(row, kMapDescription), QString("Hand-written kernel start"));
            QVERIFY2(QRegularExpression("^Build \\d+$").match(col(row, kPayloadData1)).hasMatch(),
                     qPrintable(col(row, kPayloadData1)));
        }
        QVERIFY(kernelStarts > 0);
    }

    // --maps belongs to -o csv: with another format it is refused, with a
    // message and nothing on stdout.
    void mapsRefusedWithoutCsv_data() {
        QTest::addColumn<QString>("format");
        QTest::newRow("jsonl") << "jsonl";
        QTest::newRow("xml") << "xml";
    }
    void mapsRefusedWithoutCsv() {
        QFETCH(QString, format);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Result r = evtxdump({"-o", format, "--maps", dir.path(), demoPath()});
        QVERIFY(r.code != 0);
        QVERIFY(r.code != -1);
        QVERIFY2(r.err.contains("--maps") && r.err.contains("csv"), r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.left(200).constData());
    }
};

QTEST_GUILESS_MAIN(TestEvtxdumpCsv)
#include "tst_evtxdump_csv.moc"
