// The evtxdump command line, run as a process: help/version, errors on bad
// input (non-zero exit, one line on stderr), the three output formats,
// --events, -f with and without --no-confirm-overwrite, stdin, record-number
// and indentation switches, thread counts, and that the input is never
// modified. Expected outputs are written by hand for a builder-made file and
// taken from ../shared/golden for a real sample.
#include "evtx_builder.hpp"
#include "evtxdump_process.hpp"
#include "file_bytes.hpp"
#include "shared_dir.hpp"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace evtxtest;

namespace {

using Result = EvtxdumpRun;

QByteArray bytesOf(const ByteVec& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(v.size()));
}

// Records 1-4: <R>n</R>; record 5: <E><A>1</A><B>2</B></E> (to see indentation).
ByteVec testLog() {
    ChunkBuilder b;
    for (char16_t n : std::u16string_view(u"1234"))
        simpleRecord(b, uint64_t(n - u'0'), u"R", std::u16string(1, n));
    size_t r = b.beginRecord(5);
    b.fragmentHeader();
    b.open(u"E", false, false);
    b.closeStart();
    for (auto [name, text] : {std::pair{u"A", u"1"}, std::pair{u"B", u"2"}}) {
        b.open(name, false, false);
        b.closeStart();
        b.text(text);
        b.end();
    }
    b.end();
    b.endFragment();
    b.endRecord(r);
    return makeFile({b.finish(1, 5)});
}

const QByteArray kDecl = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
const QByteArray kXml[5] = {"<R>1</R>\n", "<R>2</R>\n", "<R>3</R>\n", "<R>4</R>\n",
                            "<E>\n  <A>1</A>\n  <B>2</B>\n</E>\n"};
const QByteArray kJson[5] = {"{\"R\":\"1\"}", "{\"R\":\"2\"}", "{\"R\":\"3\"}", "{\"R\":\"4\"}",
                             "{\"E\":{\"A\":\"1\",\"B\":\"2\"}}"};

// Expected output for the given record ids of testLog().
QByteArray xml(std::initializer_list<int> ids, bool numbers = true) {
    QByteArray s;
    for (int id : ids)
        s += (numbers ? "Record " + QByteArray::number(id) + "\n" : QByteArray()) + kDecl +
             kXml[id - 1] + "\n";
    return s;
}
QByteArray json(std::initializer_list<int> ids, bool numbers = true) {
    QByteArray s;
    for (int id : ids)
        s += (numbers ? "Record " + QByteArray::number(id) + "\n" : QByteArray()) + kJson[id - 1] +
             "\n";
    return s;
}
QByteArray jsonl(std::initializer_list<int> ids) {
    return json(ids, false);
}

// Errors are reported on one line each: exactly one here.
void checkOneErrorLine(const Result& r) {
    QVERIFY2(r.code != 0 && r.code != -1, qPrintable(QString::number(r.code)));
    QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1, r.err.constData());
    QVERIFY2(r.err.startsWith("evtxdump: "), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

} // namespace

class TestEvtxdumpCli : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString log_; // testLog() written into dir_

    QString path(const QString& name) const { return dir_.filePath(name); }

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY(QFileInfo(EVTXDUMP_PATH).isExecutable());
        log_ = path("test.evtx");
        QVERIFY(writeAll(log_, bytesOf(testLog())));
    }

    void helpAndVersion() {
        Result r = evtxdump({"--help"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("INPUT") && r.out.contains("--no-confirm-overwrite") &&
                     r.out.contains("--events"),
                 r.out.constData());
        r = evtxdump({"--version"});
        QCOMPARE(r.code, 0);
        QVERIFY2(QRegularExpression("^evtxdump \\d+\\.\\d+\\.\\d+\\n$")
                     .match(QString::fromUtf8(r.out))
                     .hasMatch(),
                 r.out.constData());
    }

    void missingFile() {
        const QString missing = path("no-such.evtx");
        Result r = evtxdump({missing});
        checkOneErrorLine(r);
        QCOMPARE(r.err,
                 "evtxdump: cannot open '" + missing.toUtf8() + "': No such file or directory\n");
    }

    void notAnEvtxFile() {
        const QString text = path("notes.txt");
        QVERIFY(writeAll(text, QByteArray("just some text\n").repeated(400)));
        Result r = evtxdump({text});
        checkOneErrorLine(r);
        QCOMPARE(r.err, "evtxdump: " + text.toUtf8() +
                            ": not an EVTX file: the file header magic is not 'ElfFile'\n");
        // Too short for a header at all.
        QVERIFY(writeAll(text, "ElfFile"));
        checkOneErrorLine(evtxdump({text}));
        // The same through stdin.
        r = evtxdump({"-"}, QByteArray("just some text\n").repeated(400));
        checkOneErrorLine(r);
        QVERIFY2(r.err.startsWith("evtxdump: <stdin>: not an EVTX file"), r.err.constData());
    }

    void formats() {
        Result r = evtxdump({log_});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, xml({1, 2, 3, 4, 5})); // xml by default
        QVERIFY(r.err.isEmpty());
        r = evtxdump({"-o", "xml", log_});
        QCOMPARE(r.out, xml({1, 2, 3, 4, 5}));
        r = evtxdump({"-o", "json", log_});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, json({1, 2, 3, 4, 5}));
        r = evtxdump({"--format", "jsonl", log_});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, jsonl({1, 2, 3, 4, 5}));
        // Unknown format: a usage error, not output.
        r = evtxdump({"-o", "yaml", log_});
        QVERIFY(r.code != 0);
        QVERIFY(r.out.isEmpty() || !r.out.contains("<R>"));
    }

    void eventRanges() {
        Result r = evtxdump({"--events", "1-2,4", "-o", "jsonl", log_});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, jsonl({1, 2, 4}));
        r = evtxdump({"--events", "5,1", "-o", "json", log_});
        QCOMPARE(r.out, json({1, 5})); // file order, not list order
        r = evtxdump({"--events", "9-20", log_});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
        checkOneErrorLine(evtxdump({"--events", "4-2", log_}));
        checkOneErrorLine(evtxdump({"--events", "x", log_}));
    }

    void outputFile() {
        const QString out = path("out.jsonl");
        QFile::remove(out);
        Result r = evtxdump({"-o", "jsonl", "-f", out, log_});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(readAll(out), jsonl({1, 2, 3, 4, 5}));

        // It exists now: refused without --no-confirm-overwrite (stdin is not
        // a terminal, so there is nobody to ask), and left alone.
        QVERIFY(writeAll(out, "keep me\n"));
        r = evtxdump({"-o", "jsonl", "-f", out, log_});
        checkOneErrorLine(r);
        QVERIFY2(r.err.contains("exists") && r.err.contains("--no-confirm-overwrite"),
                 r.err.constData());
        QCOMPARE(readAll(out), QByteArray("keep me\n"));

        r = evtxdump({"-o", "jsonl", "-f", out, "--no-confirm-overwrite", log_});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        QCOMPARE(readAll(out), jsonl({1, 2, 3, 4, 5}));

        // Replaced, not appended to, when the new output is shorter.
        r = evtxdump({"-o", "jsonl", "--events", "3", "-f", out, "--no-confirm-overwrite", log_});
        QCOMPARE(r.code, 0);
        QCOMPARE(readAll(out), jsonl({3}));
    }

    void standardInput() {
        const QByteArray bytes = readAll(log_);
        Result r = evtxdump({"-o", "jsonl", "-"}, bytes);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, jsonl({1, 2, 3, 4, 5}));
        r = evtxdump({"-"}, bytes);
        QCOMPARE(r.out, xml({1, 2, 3, 4, 5}));
        // With stdin as input there is no way to ask before overwriting.
        const QString out = path("stdin-out.xml");
        QVERIFY(writeAll(out, "keep me\n"));
        checkOneErrorLine(evtxdump({"-f", out, "-"}, bytes));
        QCOMPARE(readAll(out), QByteArray("keep me\n"));
    }

    void dontShowRecordNumber() {
        Result r = evtxdump({"--dont-show-record-number", log_});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, xml({1, 2, 3, 4, 5}, false));
        r = evtxdump({"--dont-show-record-number", "-o", "json", log_});
        QCOMPARE(r.out, json({1, 2, 3, 4, 5}, false));
        r = evtxdump({"--dont-show-record-number", "-o", "jsonl", log_});
        QCOMPARE(r.out, jsonl({1, 2, 3, 4, 5}));
    }

    void noIndent() {
        Result r = evtxdump({"--no-indent", "--events", "4-5", log_});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, "Record 4\n" + kDecl + "<R>4</R>\n" + "Record 5\n" + kDecl +
                            "<E><A>1</A><B>2</B></E>\n");
        // JSON is compact anyway.
        QCOMPARE(evtxdump({"--no-indent", "-o", "jsonl", log_}).out, jsonl({1, 2, 3, 4, 5}));
    }

    void threadCountsAgree() {
        // Several chunks, so that more than one thread has work.
        std::vector<ByteVec> chunks;
        QByteArray expected;
        for (uint64_t c = 0; c < 5; ++c) {
            ChunkBuilder b;
            for (uint64_t i = 0; i < 50; ++i) {
                const uint64_t id = c * 50 + i + 1;
                const std::string digits = std::to_string(id);
                simpleRecord(b, id, u"N", std::u16string(digits.begin(), digits.end()));
                expected += "{\"N\":\"" + QByteArray::fromStdString(digits) + "\"}\n";
            }
            chunks.push_back(b.finish(c * 50 + 1, c * 50 + 50));
        }
        const QString big = path("chunks.evtx");
        QVERIFY(writeAll(big, bytesOf(makeFile(chunks))));
        for (const char* format : {"jsonl", "xml"}) {
            const Result one = evtxdump({"-t", "1", "-o", format, big});
            QCOMPARE(one.code, 0);
            if (QByteArray(format) == "jsonl") QCOMPARE(one.out, expected);
            for (const char* t : {"0", "2"}) {
                const Result other = evtxdump({"-t", t, "-o", format, big});
                QVERIFY2(other.code == 0, other.err.constData());
                QCOMPARE(other.out, one.out);
            }
        }
    }

    void inputIsNotModified() {
        // Back-date the input so that any write would show in its mtime.
        QFile f(log_);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const QDateTime past = QDateTime::fromSecsSinceEpoch(1500000000, Qt::UTC);
        QVERIFY(f.setFileTime(past, QFileDevice::FileModificationTime));
        f.close();
        const QByteArray before = readAll(log_);
        for (const QStringList& args :
             {QStringList{log_}, QStringList{"-o", "jsonl", "-t", "2", log_},
              QStringList{"-o", "json", "--validate-checksums", log_}}) {
            QCOMPARE(evtxdump(args).code, 0);
        }
        QCOMPARE(readAll(log_), before);
        QCOMPARE(QFileInfo(log_).lastModified().toUTC(), past);
    }

    void goldenSample() {
        SKIP_WITHOUT_SHARED();
        const QString name = "Security_short_selected";
        const QString sample = sharedDir() + "/evtx-samples/" + name + ".evtx";
        const QString golden = sharedDir() + "/golden/" + name;
        const QByteArray sampleBytes = readAll(sample);
        const QDateTime mtime = QFileInfo(sample).lastModified();

        Result r = evtxdump({"-t", "1", "-o", "jsonl", sample});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, readAll(golden + ".jsonl"));
        r = evtxdump({"-t", "1", "-o", "xml", sample});
        QCOMPARE(r.out, readAll(golden + ".xml"));
        r = evtxdump({"-t", "1", "-o", "jsonl", "--separate-json-attributes", sample});
        QCOMPARE(r.out, readAll(golden + ".sep.jsonl"));

        // -o json: the JSONL lines, each after the "Record N" line the golden
        // XML has for it (N is the record header's id; in this filtered
        // export it differs from EventRecordID).
        QList<QByteArray> numbers;
        const QRegularExpression recordLine("^Record \\d+$");
        for (const QByteArray& line : readAll(golden + ".xml").split('\n'))
            if (recordLine.match(QString::fromUtf8(line)).hasMatch()) numbers << line;
        const QList<QByteArray> lines = readAll(golden + ".jsonl").split('\n');
        QCOMPARE(numbers.size(), 7);                // golden README: 7 records
        QCOMPARE(lines.size(), numbers.size() + 1); // + the empty one after the last \n
        QByteArray expected;
        for (qsizetype i = 0; i < numbers.size(); ++i)
            expected += numbers[i] + "\n" + lines[i] + "\n";
        r = evtxdump({"-t", "1", "-o", "json", sample});
        QCOMPARE(r.out, expected);

        // Read from stdin: the same.
        r = evtxdump({"-t", "1", "-o", "jsonl", "-"}, sampleBytes);
        QCOMPARE(r.out, readAll(golden + ".jsonl"));

        QCOMPARE(readAll(sample), sampleBytes);
        QCOMPARE(QFileInfo(sample).lastModified(), mtime);
    }

    void goldenSampleWithErrors() {
        // Damaged chunks: records on stdout as in the golden file, one
        // stderr line per error the reference reports (2), exit code 0.
        SKIP_WITHOUT_SHARED();
        const QString name = "sample_with_a_bad_chunk_magic";
        Result r =
            evtxdump({"-t", "1", "-o", "jsonl", sharedDir() + "/evtx-samples/" + name + ".evtx"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, readAll(sharedDir() + "/golden/" + name + ".jsonl"));
        QCOMPARE(r.err.count('\n'), 2);
        QVERIFY2(r.err.contains("chunk 6 (file offset 0x61000)") &&
                     r.err.contains("chunk 10 (file offset 0xa1000)"),
                 r.err.constData());
    }

    // --recover never breaks a pipeline: over every shared sample and both
    // bench logs, each JSONL line is one JSON object and each XML record is
    // a well-formed document; the summary counts what was written and every
    // candidate not written is named with its chunk and file offset.
    void recoverOutputAlwaysParses() {
        SKIP_WITHOUT_SHARED();
        QStringList files;
        const QDir samples(sharedDir() + "/evtx-samples");
        for (const QString& name : samples.entryList({"*.evtx"}))
            files << samples.filePath(name);
        files << sharedDir() + "/bench/security-32mb.evtx"
              << sharedDir() + "/bench/mixed-32mb.evtx";
        const QRegularExpression summary(
            "recover: (\\d+) records recovered \\((\\d+) partial, (\\d+) conflicting with a live "
            "record\\); not written: (\\d+) copies of live records, (\\d+) candidates");
        const QRegularExpression note(
            "^evtxdump: recover: chunk \\d+ \\(file offset 0x[0-9a-f]+\\), record \\d+: not "
            "written: .+$");
        qulonglong written = 0;
        for (const QString& file : files) {
            const Result r = evtxdump({"-o", "jsonl", "-t", "2", "--recover", file});
            QCOMPARE(r.code, 0);
            qulonglong marked = 0, partial = 0;
            for (const QByteArray& line : r.out.split('\n')) {
                if (line.isEmpty()) continue;
                QJsonParseError error;
                const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
                QVERIFY2(doc.isObject(), qPrintable(file + ": " + line.left(200)));
                const QJsonObject recovered = doc.object()["#recovered"].toObject();
                marked += recovered.isEmpty() ? 0 : 1;
                partial += recovered["partial"].toBool() ? 1 : 0;
            }
            const auto m = summary.match(QString::fromUtf8(r.err));
            QVERIFY2(m.hasMatch(), qPrintable(file));
            QCOMPARE(m.captured(1).toULongLong(), marked);
            QCOMPARE(m.captured(2).toULongLong(), partial);
            qulonglong notes = 0;
            for (const QByteArray& line : r.err.split('\n'))
                if (line.contains("record") && line.contains(": not written: ")) {
                    QVERIFY2(note.match(QString::fromUtf8(line)).hasMatch(), line.constData());
                    ++notes;
                }
            QCOMPARE(notes, m.captured(4).toULongLong() + m.captured(5).toULongLong());
            written += marked;

            const Result x = evtxdump({"-o", "xml", "-t", "2", "--recover", file});
            QCOMPARE(x.code, 0);
            // Records are "Record N" lines, each followed by one document.
            int documents = 0, headers = 0;
            QByteArray current;
            auto wellFormed = [&] {
                if (current.trimmed().isEmpty()) return true;
                ++documents;
                // Control characters in values are written raw, as the
                // reference evtx_dump writes them (golden files): XML 1.0
                // has no way to write them. Everything else must parse.
                for (char& c : current)
                    if (uchar(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') c = '?';
                QXmlStreamReader reader(current);
                while (!reader.atEnd())
                    reader.readNext();
                return !reader.hasError();
            };
            for (const QByteArray& line : x.out.split('\n')) {
                if (line.startsWith("Record ")) {
                    QVERIFY2(wellFormed(), qPrintable(file + ": " + current.left(300)));
                    current.clear();
                    ++headers;
                    continue;
                }
                current += line + '\n';
            }
            QVERIFY2(wellFormed(), qPrintable(file + ": " + current.left(300)));
            QCOMPARE(documents, headers);
        }
        QVERIFY(written > 0);
    }
};

QTEST_GUILESS_MAIN(TestEvtxdumpCli)
#include "tst_evtxdump_cli.moc"
