// evtxdump with several inputs: two files, or a folder holding them, write
// exactly what single-file runs write one after the other (jsonl and xml,
// -t 1 and -t 2); --count sums; -o csv writes one header and each row's
// SourceFile; --source-file lines parse as JSON and carry "#source_file";
// files skipped are named on stderr and the exit status is 0 when at least
// one log was read, 1 when none was.
#include "csv_reader.hpp"
#include "evtx_builder.hpp"
#include "evtxdump_process.hpp"
#include "file_bytes.hpp"
#include "shared_dir.hpp"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace evtxtest;

namespace {

using Result = EvtxdumpRun;

// A small log of its own: records 1-3, <R>n</R>.
QByteArray smallLog() {
    ChunkBuilder b;
    for (uint64_t n = 1; n <= 3; ++n)
        simpleRecord(b, n, u"R", std::u16string(1, char16_t(u'0' + n)));
    const ByteVec file = makeFile({b.finish(1, 3)});
    return QByteArray(reinterpret_cast<const char*>(file.data()), qsizetype(file.size()));
}

constexpr size_t kSourceFileColumn = 23;

} // namespace

class TestEvtxdumpMulti : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString folder_, a_, b_; // folder_ holds a_ (demo) and b_ (small log)

    // stdout of one run; fails the test on a non-zero exit.
    QByteArray out(const QStringList& args) {
        const Result r = evtxdump(args);
        if (r.code != 0) qWarning("evtxdump %s: %s", qPrintable(args.join(' ')), r.err.constData());
        return r.code == 0 ? r.out : QByteArray("<failed>");
    }

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY(QFileInfo(EVTXDUMP_PATH).isExecutable());
        folder_ = dir_.filePath("case");
        QVERIFY(QDir().mkpath(folder_ + "/sub"));
        a_ = folder_ + "/Application.evtx";
        b_ = folder_ + "/sub/Small%4Log"; // no extension: found by its header
        QVERIFY(writeAll(a_, readAll(QStringLiteral(EVTX_SOURCE_DIR "/samples/demo.evtx"))));
        QVERIFY(writeAll(b_, smallLog()));
    }

    // Several files and a folder: the concatenation of single-file runs.
    void concatenation_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("threads");
        for (const char* f : {"jsonl", "xml", "json"})
            for (const char* t : {"1", "2"})
                QTest::newRow(qPrintable(QString("%1 -t %2").arg(f, t))) << f << t;
    }
    void concatenation() {
        QFETCH(QString, format);
        QFETCH(QString, threads);
        const QStringList opts{"-o", format, "-t", threads};
        const QByteArray expected = out(opts + QStringList{a_}) + out(opts + QStringList{b_});
        QVERIFY(expected.count('\n') > 2500);
        const Result two = evtxdump(opts + QStringList{a_, b_});
        QCOMPARE(two.code, 0);
        QVERIFY2(two.err.isEmpty(), two.err.constData());
        QVERIFY2(two.out == expected, "two files differ from two single-file runs");
        QVERIFY2(out(opts + QStringList{folder_}) == expected, "the folder differs");
        QVERIFY2(out(opts + QStringList{b_, a_}) ==
                     out(opts + QStringList{b_}) + out(opts + QStringList{a_}),
                 "inputs are not taken in command-line order");
    }

    void countSums() {
        for (const QStringList& filter : {QStringList{}, QStringList{"--filter", "EventID == 4624"},
                                          QStringList{"--filter", "EventRecordID <= 2"}}) {
            const qint64 one =
                out(QStringList{"--count"} + filter + QStringList{a_}).trimmed().toLongLong();
            const qint64 other =
                out(QStringList{"--count"} + filter + QStringList{b_}).trimmed().toLongLong();
            const Result r =
                evtxdump(QStringList{"--count", "-t", "2"} + filter + QStringList{folder_});
            QCOMPARE(r.code, 0);
            QCOMPARE(r.out, QByteArray::number(one + other) + "\n");
        }
        // -v: each file's count on stderr.
        const Result v = evtxdump({"--count", "-v", a_, b_});
        QVERIFY2(v.err.contains(a_.toUtf8() + ": 2500 matching records\n") &&
                     v.err.contains(b_.toUtf8() + ": 3 matching records\n"),
                 v.err.constData());
    }

    // One header, then each file's rows with its own SourceFile.
    void csv() {
        const Result r = evtxdump({"-o", "csv", a_, b_});
        QCOMPARE(r.code, 0);
        std::string error;
        const auto rows =
            parseCsv(std::string_view(r.out.constData(), size_t(r.out.size())), &error);
        QVERIFY2(rows, error.c_str());
        QCOMPARE(rows->size(), size_t(1 + 2500 + 3));
        QCOMPARE((*rows)[0][kSourceFileColumn], std::string("SourceFile"));
        for (size_t i = 1; i < rows->size(); ++i)
            QCOMPARE(QString::fromStdString((*rows)[i][kSourceFileColumn]), i <= 2500 ? a_ : b_);
        QCOMPARE(r.out.count("RecordNumber,EventRecordId"), 1);
    }

    // Each line (each object line with -o json) names its file; without the
    // key it is the single-file line.
    void sourceFile() {
        for (const char* format : {"jsonl", "json"}) {
            const Result r = evtxdump({"--source-file", "-o", format, a_, b_});
            QCOMPARE(r.code, 0);
            const QList<QByteArray> plain =
                (out({"-o", format, a_}) + out({"-o", format, b_})).split('\n');
            const QList<QByteArray> lines = r.out.split('\n');
            QCOMPARE(lines.size(), plain.size());
            int objects = 0;
            for (qsizetype i = 0; i < lines.size(); ++i) {
                if (!lines[i].startsWith('{')) {
                    QCOMPARE(lines[i], plain[i]);
                    continue;
                }
                QJsonParseError e;
                const QJsonObject o = QJsonDocument::fromJson(lines[i], &e).object();
                QVERIFY2(e.error == QJsonParseError::NoError, qPrintable(e.errorString()));
                QCOMPARE(o.value("#source_file").toString(), objects < 2500 ? a_ : b_);
                QCOMPARE(o.size(), 2); // the key and the record's root element
                const QByteArray key = "\"#source_file\":" +
                                       QJsonDocument(QJsonObject{{"k", o.value("#source_file")}})
                                           .toJson(QJsonDocument::Compact)
                                           .mid(5)
                                           .chopped(1) +
                                       ",";
                QCOMPARE(lines[i].left(1) + lines[i].mid(1 + key.size()), plain[i]);
                ++objects;
            }
            QCOMPARE(objects, 2503);
        }
        QVERIFY(evtxdump({"--source-file", a_}).code != 0); // xml: no place for it
    }

    // Skipped files: one stderr line each, the others read, exit 0; none
    // read: exit 1.
    void skipped() {
        const QString mixed = dir_.filePath("mixed");
        QVERIFY(QDir().mkpath(mixed));
        QVERIFY(QFile::copy(b_, mixed + "/good.evtx"));
        QVERIFY(writeAll(mixed + "/empty.evtx", {}));
        QVERIFY(writeAll(mixed + "/fake.evtx", "text\n"));
        QVERIFY(writeAll(mixed + "/readme.txt", "text\n"));
        Result r = evtxdump({"-o", "jsonl", mixed});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, out({"-o", "jsonl", b_}));
        QCOMPARE(r.err, "evtxdump: skipped " + mixed.toUtf8() + "/empty.evtx: empty file\n" +
                            "evtxdump: skipped " + mixed.toUtf8() +
                            "/fake.evtx: not an EVTX file (no 'ElfFile' header)\n");
        // -v also names what was ignored.
        r = evtxdump({"-v", "--count", mixed});
        QVERIFY2(r.err.contains("evtxdump: ignored " + mixed.toUtf8() + "/readme.txt: "),
                 r.err.constData());
        // A missing input among good ones.
        r = evtxdump({"-o", "jsonl", b_, dir_.filePath("missing.evtx")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.startsWith("evtxdump: skipped " + dir_.filePath("missing.evtx").toUtf8()),
                 r.err.constData());
        // Nothing readable.
        r = evtxdump({mixed + "/empty.evtx", mixed + "/fake.evtx"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 3);
        QVERIFY(r.err.endsWith("evtxdump: no EVTX log found in the inputs\n"));
        // Standard input is read alone.
        QCOMPARE(evtxdump({"-", b_}).code, 1);
    }

    // --check: one report per log; -o json one object per line.
    void check() {
        Result r = evtxdump({"--check", "-o", "json", folder_});
        QCOMPARE(r.code, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(lines[0]).object().value("file").toString(), a_);
        QCOMPARE(QJsonDocument::fromJson(lines[1]).object().value("file").toString(), b_);
        r = evtxdump({"--check", a_, b_});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, out({"--check", a_}) + "\n" + out({"--check", b_}));
    }

    // -f FILE: the same bytes as standard output.
    void outputFile() {
        const QString file = dir_.filePath("out.jsonl");
        QCOMPARE(evtxdump({"-o", "jsonl", "-f", file, a_, b_}).code, 0);
        QCOMPARE(readAll(file), out({"-o", "jsonl", a_, b_}));
    }

    // Real logs of the shared corpus, with --recover, -t 2.
    void sharedSamples() {
        SKIP_WITHOUT_SHARED();
        const QString s = sharedDir() + "/evtx-samples/";
        const QString x = s + "Security_short_selected.evtx", y = s + "2-vss_7-System.evtx";
        for (const QStringList& opts : {QStringList{"-o", "jsonl", "-t", "2"},
                                        QStringList{"--recover", "-o", "xml", "-t", "2"}})
            QVERIFY(out(opts + QStringList{x, y}) ==
                    out(opts + QStringList{x}) + out(opts + QStringList{y}));
    }
};

QTEST_GUILESS_MAIN(TestEvtxdumpMulti)
#include "tst_evtxdump_multi.moc"
