// Conformance: every shared sample, rendered by the engine, against the
// reference evtx_dump outputs in ../shared/golden (byte for byte), plus the
// record and error counts the golden README documents.
#include "dump_to_memory.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"
#include "shared_dir.hpp"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

namespace {

struct Rendered {
    QByteArray text;
    int errors = 0;
    uint64_t records = 0;
};

Rendered render(const QString& path, evtx::OutputFormat format, bool separate, unsigned threads) {
    std::string error;
    auto in = evtx::Input::openFile(path.toStdString(), error);
    if (!in) qFatal("cannot open %s: %s", qPrintable(path), error.c_str());
    evtx::DumpOptions opt;
    opt.format = format;
    opt.threads = threads;
    opt.render.separateJsonAttributes = separate;
    const DumpedText d = dumpToMemory(in->bytes(), opt);
    Rendered r;
    r.text = d.text;
    r.errors = int(d.errors.size());
    r.records = d.stats.records;
    return r;
}

QByteArray readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

// Compares record by record so a failure names the first differing record.
void compareRecords(const QByteArray& ours, const QByteArray& golden, const QByteArray& separator) {
    const QList<QByteArray> a = ours.split('\n'), b = golden.split('\n');
    if (ours == golden) return;
    for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (a[i] != b[i]) {
            // find the record this line belongs to, for the message
            qsizetype recordLine = i;
            while (recordLine > 0 && !b[recordLine].startsWith(separator))
                --recordLine;
            QFAIL(qPrintable(QString("line %1 differs (near '%2'):\n ours:   %3\n golden: %4")
                                 .arg(i + 1)
                                 .arg(QString::fromUtf8(b[recordLine].left(40)))
                                 .arg(QString::fromUtf8(a[i].left(300)))
                                 .arg(QString::fromUtf8(b[i].left(300)))));
        }
    }
    QCOMPARE(a.size(), b.size());
}

} // namespace

class Conformance : public QObject {
    Q_OBJECT

  private:
    QStringList samples() const {
        QDir dir(sharedDir() + "/evtx-samples");
        QStringList names;
        for (const QFileInfo& fi : dir.entryInfoList({"*.evtx"}, QDir::Files, QDir::Name))
            names << fi.completeBaseName();
        return names;
    }

    void addSampleRows() {
        QTest::addColumn<QString>("name");
        if (!sharedAvailable()) {
            QTest::newRow("shared-missing") << QString();
            return;
        }
        for (const QString& n : samples())
            QTest::newRow(qPrintable(n)) << n;
    }
    QString samplePath(const QString& n) const {
        return sharedDir() + "/evtx-samples/" + n + ".evtx";
    }
    QString golden(const QString& n, const char* ext) const {
        return sharedDir() + "/golden/" + n + ext;
    }

  private slots:
    void allSamplesPresent() {
        SKIP_WITHOUT_SHARED();
        QCOMPARE(samples().size(), 23);
    }

    void jsonl_data() { addSampleRows(); }
    void jsonl() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        Rendered r = render(samplePath(name), evtx::OutputFormat::Jsonl, false, 1);
        compareRecords(r.text, readFile(golden(name, ".jsonl")), "{");
    }

    void separateAttributes_data() { addSampleRows(); }
    void separateAttributes() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        Rendered r = render(samplePath(name), evtx::OutputFormat::Jsonl, true, 1);
        compareRecords(r.text, readFile(golden(name, ".sep.jsonl")), "{");
    }

    void xml_data() { addSampleRows(); }
    void xml() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        Rendered r = render(samplePath(name), evtx::OutputFormat::Xml, false, 1);
        compareRecords(r.text, readFile(golden(name, ".xml")), "Record ");
    }

    // The reference reports one "Failed to dump" block per unreadable record
    // or chunk; we report the same ones.
    void errorCounts_data() { addSampleRows(); }
    void errorCounts() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        Rendered r = render(samplePath(name), evtx::OutputFormat::Jsonl, false, 1);
        const int expected =
            int(readFile(golden(name, ".jsonl.stderr")).count("Failed to dump the next record"));
        QCOMPARE(r.errors, expected);
    }

    void twoThreadsAreByteIdentical_data() { addSampleRows(); }
    void twoThreadsAreByteIdentical() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        for (auto format : {evtx::OutputFormat::Jsonl, evtx::OutputFormat::Xml}) {
            Rendered one = render(samplePath(name), format, false, 1);
            Rendered two = render(samplePath(name), format, false, 2);
            QCOMPARE(two.text, one.text);
            QCOMPARE(two.errors, one.errors);
        }
    }

    // Totals documented in ../shared/golden/README.md.
    void documentedTotals() {
        SKIP_WITHOUT_SHARED();
        uint64_t records = 0;
        int errors = 0;
        for (const QString& n : samples()) {
            Rendered r = render(samplePath(n), evtx::OutputFormat::Jsonl, false, 1);
            records += r.records;
            errors += r.errors;
        }
        QCOMPARE(records, uint64_t(18397));
        QCOMPARE(errors, 17);
    }
};

QTEST_GUILESS_MAIN(Conformance)
#include "tst_conformance.moc"
