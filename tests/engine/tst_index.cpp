// The record index against the reference outputs: per sample, as many rows
// as golden JSONL lines, and per record the System fields the golden JSON
// holds; records rendered on demand equal their golden lines; batches,
// cancellation, errors and sorting.
#include "dump_to_memory.hpp"
#include "evtx/format/chunk_reader.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"
#include "evtx/index/export.hpp"
#include "evtx/index/index_builder.hpp"
#include "evtx/index/record_reader.hpp"
#include "evtx/index/sort.hpp"
#include "evtx/render/filetime.hpp"
#include "evtx/render/system_fields.hpp"
#include "evtx/threads/worker_threads.hpp"
#include "golden_files.hpp"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <QScopeGuard>

#include <algorithm>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

namespace {

struct Indexed {
    std::unique_ptr<evtx::Input> input;
    std::unique_ptr<evtx::TemplateCache> cache = std::make_unique<evtx::TemplateCache>();
    evtx::RecordIndex index;
    std::vector<evtx::DumpError> errors;
    int batches = 0;
    bool cancelled = false;
    uint64_t chunksTotal = 0;
};

Indexed indexFile(const QString& path, unsigned threads = 0, int interval = 75,
                  bool recover = false) {
    Indexed r;
    std::string error;
    r.input = evtx::Input::openFile(path.toStdString(), error);
    if (!r.input) qFatal("cannot open %s: %s", qPrintable(path), error.c_str());
    evtx::IndexOptions opt;
    opt.threads = threads;
    opt.batchInterval = std::chrono::milliseconds(interval);
    opt.recover = recover;
    evtx::IndexBuilder builder(r.input->bytes(), *r.cache, opt, [&](evtx::IndexBatch&& b) {
        ++r.batches;
        r.index.append(b);
        r.errors.insert(r.errors.end(), b.errors.begin(), b.errors.end());
        r.cancelled = b.cancelled;
        r.chunksTotal = b.chunksTotal;
    });
    builder.runHere();
    return r;
}

// Threads that ran the worker-thread hook.
std::mutex hookedMutex;
std::set<std::thread::id> hookedThreads;
void recordHookedThread() {
    std::lock_guard lock(hookedMutex);
    hookedThreads.insert(std::this_thread::get_id());
}

// "#text" of an element given as a scalar or as {"#attributes", "#text"}.
QJsonValue textOf(const QJsonValue& v) {
    return v.isObject() ? v.toObject().value("#text") : v;
}
// Numbers are JSON numbers, or strings when the record stored them as text.
qulonglong numberOf(const QJsonValue& v) {
    return v.isString() ? v.toString().toULongLong() : qulonglong(v.toDouble());
}
QString attributeOf(const QJsonValue& v, const char* name) {
    return v.toObject().value("#attributes").toObject().value(name).toString();
}

QStringList sampleNames() {
    QStringList names;
    for (const QFileInfo& fi :
         QDir(sharedDir() + "/evtx-samples").entryInfoList({"*.evtx"}, QDir::Files, QDir::Name))
        names << fi.completeBaseName();
    return names;
}

} // namespace

class IndexTest : public QObject {
    Q_OBJECT

    void addSampleRows() {
        QTest::addColumn<QString>("name");
        if (!sharedAvailable()) {
            QTest::newRow("shared-missing") << QString();
            return;
        }
        for (const QString& n : sampleNames())
            QTest::newRow(qPrintable(n)) << n;
    }

  private slots:
    void rowIsAtMost64Bytes() { QVERIFY(evtx::IndexColumns::bytesPerRow() <= 64); }

    void fieldsMatchGolden_data() { addSampleRows(); }
    void fieldsMatchGolden() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        Indexed r = indexFile(samplePath(name));
        const QList<QByteArray> lines = goldenJsonLines(name);
        const QList<QByteArray> xml = goldenXmlRecords(name);
        QCOMPARE(qsizetype(r.index.size()), lines.size());
        QCOMPARE(qsizetype(r.index.size()), xml.size());
        const evtx::IndexColumns& c = r.index.columns();
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QJsonObject sys =
                QJsonDocument::fromJson(lines[i]).object()["Event"].toObject()["System"].toObject();
            const QString where = QString("record #%1 (id %2)").arg(i).arg(c.recordId(size_t(i)));
            auto check = [&](bool ok, const char* what) {
                if (!ok) QFAIL(qPrintable(where + ": " + what + " differs"));
            };
            // The record id is the record header's (the "Record N" line); a
            // forwarded event's <EventRecordID> may differ from it.
            check("Record " + QByteArray::number(c.recordId(size_t(i))) ==
                      xml[i].left(xml[i].indexOf('\n')),
                  "record id");
            check(c.eventId(size_t(i)) == numberOf(textOf(sys["EventID"])), "EventID");
            check(c.level(size_t(i)) == numberOf(sys["Level"]), "Level");
            QCOMPARE(QString::fromStdString(r.index.text(c.provider(size_t(i)))),
                     attributeOf(sys["Provider"], "Name"));
            QCOMPARE(QString::fromStdString(r.index.text(c.computer(size_t(i)))),
                     sys["Computer"].toString());
            QCOMPARE(QString::fromStdString(r.index.text(c.channel(size_t(i)))),
                     sys["Channel"].toString());
            // The reference prints what the record holds (microseconds for a
            // FILETIME); we keep 100 ns, so compare to the microsecond.
            // Without a TimeCreated the index falls back to the written time.
            const QString golden = attributeOf(sys["TimeCreated"], "SystemTime");
            if (golden.isEmpty()) continue;
            const QString ours = QString::fromStdString(
                evtx::formatFileTime100ns(c.timeCreated(size_t(i)), 0, true));
            QCOMPARE(ours.left(26), golden.left(26));
        }
    }

    void renderOnDemandMatchesGolden_data() { addSampleRows(); }
    void renderOnDemandMatchesGolden() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        Indexed r = indexFile(samplePath(name));
        const QList<QByteArray> lines = goldenJsonLines(name);
        const QList<QByteArray> xml = goldenXmlRecords(name);
        QCOMPARE(qsizetype(r.index.size()), xml.size());
        evtx::RecordReader reader(r.input->bytes(), *r.cache);
        const evtx::IndexColumns& c = r.index.columns();
        // Backwards, so that records are not read in the order they were indexed.
        for (size_t i = r.index.size(); i-- > 0;) {
            std::string error;
            QVERIFY2(reader.load(c.chunk(i), c.chunkOffset(i), error), error.c_str());
            evtx::OutBuffer out;
            reader.appendDump(out, evtx::OutputFormat::Jsonl);
            QCOMPARE(QByteArray(out.data(), qsizetype(out.size())), lines[qsizetype(i)] + '\n');
            out.clear();
            reader.appendDump(out, evtx::OutputFormat::Xml);
            QCOMPARE(QByteArray(out.data(), qsizetype(out.size())), xml[qsizetype(i)]);
        }
    }

    void errorsMatchGolden_data() { addSampleRows(); }
    void errorsMatchGolden() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        Indexed r = indexFile(samplePath(name));
        QCOMPARE(qsizetype(r.errors.size()),
                 readGolden(name, ".jsonl.stderr").count("Failed to dump the next record"));
        for (const evtx::DumpError& e : r.errors) {
            QVERIFY(!e.reason.empty());
            QVERIFY(e.chunk < r.chunksTotal);
        }
    }

    // The per-template fast path reads the same fields as the general walk.
    void fieldReaderMatchesGeneralWalk_data() { addSampleRows(); }
    void fieldReaderMatchesGeneralWalk() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        std::string error;
        auto input = evtx::Input::openFile(samplePath(name).toStdString(), error);
        QVERIFY(input);
        evtx::TemplateCache cache;
        evtx::SystemFieldReader reader;
        evtx::RecordTree tree;
        evtx::SystemFields fast, general;
        const evtx::Bytes file = input->bytes();
        for (uint64_t c = 0; c < evtx::chunkCountOf(file); ++c) {
            const size_t base = evtx::kFileHeaderBlock + c * evtx::kChunkSize;
            const evtx::Bytes chunk =
                file.subspan(base, std::min(evtx::kChunkSize, file.size() - base));
            evtx::ChunkReader chunks(chunk, false);
            if (!chunks.ok()) continue;
            evtx::ChunkBinXml binxml(chunk, cache);
            evtx::RecordHeader rec;
            while (chunks.next(rec, error) == evtx::ChunkReader::Step::Record) {
                if (!binxml.parseRecord(rec.binxmlBegin(), rec.binxmlEnd(), tree).empty()) continue;
                reader.read(tree, fast);
                evtx::extractSystemFields(tree, general);
                const QString where = QString("record %1").arg(rec.id);
                QVERIFY2(fast.provider == general.provider, qPrintable(where));
                QVERIFY2(fast.channel == general.channel, qPrintable(where));
                QVERIFY2(fast.computer == general.computer, qPrintable(where));
                QVERIFY2(fast.userSid == general.userSid, qPrintable(where));
                QVERIFY2(fast.timeCreated == general.timeCreated, qPrintable(where));
                QVERIFY2(fast.hasTimeCreated == general.hasTimeCreated, qPrintable(where));
                QVERIFY2(fast.keywords == general.keywords, qPrintable(where));
                QVERIFY2(fast.eventRecordId == general.eventRecordId, qPrintable(where));
                QVERIFY2(fast.processId == general.processId, qPrintable(where));
                QVERIFY2(fast.threadId == general.threadId, qPrintable(where));
                QVERIFY2(fast.eventId == general.eventId, qPrintable(where));
                QVERIFY2(fast.task == general.task, qPrintable(where));
                QVERIFY2(fast.level == general.level, qPrintable(where));
                QVERIFY2(fast.opcode == general.opcode, qPrintable(where));
            }
        }
        qInfo("%s: %llu planned, %llu general", qPrintable(name),
              (unsigned long long)reader.plannedReads(), (unsigned long long)reader.generalReads());
    }

    void threadCountDoesNotChangeTheIndex() {
        SKIP_WITHOUT_SHARED();
        Indexed one = indexFile(samplePath("security"), 1);
        Indexed many = indexFile(samplePath("security"), 2, 0);
        QCOMPARE(many.index.size(), one.index.size());
        for (size_t i = 0; i < one.index.size(); ++i) {
            const evtx::IndexRow a = one.index.columns().row(i), b = many.index.columns().row(i);
            QCOMPARE(b.recordId, a.recordId);
            QCOMPARE(many.index.text(b.computer), one.index.text(a.computer));
            QCOMPARE(many.index.text(b.userSid), one.index.text(a.userSid));
            QCOMPARE(b.keywords, a.keywords);
        }
    }

    void batchesArriveInFileOrder() {
        SKIP_WITHOUT_SHARED();
        // Interval 0: every chunk is its own batch.
        Indexed r = indexFile(samplePath("security"), 2, 0);
        QVERIFY(r.batches > 1);
        for (size_t i = 1; i < r.index.size(); ++i)
            QVERIFY(r.index.columns().chunk(i) >= r.index.columns().chunk(i - 1));
    }

    void cancelStopsEarly() {
        SKIP_WITHOUT_SHARED();
        std::string error;
        auto input = evtx::Input::openFile(samplePath("security").toStdString(), error);
        evtx::TemplateCache cache;
        evtx::IndexOptions opt;
        opt.threads = 1;
        opt.batchInterval = std::chrono::milliseconds(0);
        evtx::IndexBuilder* self = nullptr;
        int batches = 0;
        bool sawLast = false, cancelled = false;
        evtx::IndexBuilder builder(input->bytes(), cache, opt, [&](evtx::IndexBatch&& b) {
            ++batches;
            if (batches == 1) self->cancel();
            sawLast = b.last;
            cancelled = b.cancelled;
        });
        self = &builder;
        builder.start();
        builder.wait();
        QVERIFY(sawLast);
        QVERIFY(cancelled);
        QVERIFY(batches < 10);
    }

    // Every thread that indexes a chunk has run the program's hook (the
    // viewer lowers their priority through it), and so has a sort's.
    void workerThreadsRunTheHook() {
        SKIP_WITHOUT_SHARED();
        std::string error;
        auto input = evtx::Input::openFile(samplePath("security").toStdString(), error);
        QVERIFY(input);
        hookedThreads.clear();
        evtx::setWorkerThreadHook(&recordHookedThread);
        auto unset = qScopeGuard([] { evtx::setWorkerThreadHook(nullptr); });
        evtx::TemplateCache cache;
        evtx::IndexOptions opt;
        opt.threads = 2;
        std::mutex mutex;
        std::set<std::thread::id> indexing;
        opt.chunkIndexed = [&](evtx::Bytes) {
            std::lock_guard lock(mutex);
            indexing.insert(std::this_thread::get_id());
        };
        evtx::IndexBuilder builder(input->bytes(), cache, opt, [](evtx::IndexBatch&&) {});
        builder.start();
        builder.wait();
        QVERIFY(!indexing.empty());
        for (const std::thread::id& id : indexing)
            QVERIFY2(hookedThreads.count(id), "a thread indexed a chunk without the hook");

        hookedThreads.clear();
        std::vector<uint64_t> keys(200000);
        for (size_t i = 0; i < keys.size(); ++i)
            keys[i] = (i * 7919) % keys.size();
        QCOMPARE(evtx::sortPermutation(keys, false).size(), keys.size());
        QVERIFY(!hookedThreads.empty());
    }

    void notAnEvtxFileHasNoChunks() {
        QByteArray junk(200000, 'x');
        auto input = evtx::Input::fromBuffer(std::vector<uint8_t>(junk.begin(), junk.end()));
        std::string error;
        QVERIFY(!evtx::parseFileHeader(input->bytes(), error));
        QVERIFY(!error.empty());
        // The builder reports every chunk of junk as damaged, and never crashes.
        evtx::TemplateCache cache;
        size_t errors = 0, rows = 0;
        evtx::IndexBuilder b(input->bytes(), cache, {}, [&](evtx::IndexBatch&& batch) {
            errors += batch.errors.size();
            rows += batch.rows.size();
        });
        b.runHere();
        QCOMPARE(rows, size_t(0));
        QVERIFY(errors >= size_t(evtx::chunkCountOf(input->bytes())));
    }

    void recoveryAddsWhatDumpRecovers_data() {
        QTest::addColumn<QString>("name");
        for (const char* n :
             {"sample_with_a_bad_chunk_magic", "sysmon", "sample-with-zero-data-size-event",
              "2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational", "security"})
            QTest::newRow(n) << QString(n);
    }
    void recoveryAddsWhatDumpRecovers() {
        SKIP_WITHOUT_SHARED();
        QFETCH(QString, name);
        Indexed plain = indexFile(samplePath(name));
        Indexed rec = indexFile(samplePath(name), 2, 0, true);
        // What the dump writes with --recover (one thread, file order).
        evtx::DumpOptions opt;
        opt.format = evtx::OutputFormat::Jsonl;
        opt.recover = true;
        const DumpedText d = dumpToMemory(rec.input->bytes(), opt);
        const evtx::DumpStats& stats = d.stats;
        QList<QByteArray> dumped;
        for (const QByteArray& line : d.text.split('\n'))
            if (!line.isEmpty()) dumped << line;
        QCOMPARE(rec.index.size(), plain.index.size() + stats.recovered);
        QCOMPARE(qsizetype(rec.index.size()), dumped.size());
        QCOMPARE(rec.errors.size(), plain.errors.size()); // recovery hides no problem
        // Rows in file order, live ones unchanged, each rendered as the dump
        // writes it (recovered ones with their marker).
        const evtx::IndexColumns& c = rec.index.columns();
        evtx::RecordReader reader(rec.input->bytes(), *rec.cache);
        size_t live = 0;
        for (size_t i = 0; i < c.size(); ++i) {
            if (i > 0)
                QVERIFY(std::pair(c.chunk(i - 1), c.chunkOffset(i - 1)) <
                        std::pair(c.chunk(i), c.chunkOffset(i)));
            if (!c.isRecovered(i)) {
                QCOMPARE(c.recordId(i), plain.index.columns().recordId(live));
                QCOMPARE(c.eventId(i), plain.index.columns().eventId(live));
                ++live;
            }
            std::string error;
            QVERIFY2(reader.loadRow(c, uint32_t(i), error), error.c_str());
            QCOMPARE(reader.recovered() != nullptr, c.isRecovered(i));
            evtx::OutBuffer out;
            reader.appendDump(out, evtx::OutputFormat::Jsonl);
            QCOMPARE(QByteArray(out.data(), qsizetype(out.size())).chopped(1),
                     dumped[qsizetype(i)]);
        }
        QCOMPARE(live, plain.index.size());
    }

    void sortByEveryField() {
        SKIP_WITHOUT_SHARED();
        Indexed r = indexFile(samplePath("security"));
        const evtx::IndexColumns& c = r.index.columns();
        for (int f = 0; f < evtx::kIndexFieldCount; ++f) {
            const auto field = evtx::IndexField(f);
            for (bool desc : {false, true}) {
                const std::vector<uint32_t> perm =
                    evtx::sortPermutation(evtx::sortKeys(r.index, field), desc);
                QCOMPARE(perm.size(), r.index.size());
                std::vector<uint32_t> expected(r.index.size());
                std::iota(expected.begin(), expected.end(), 0u);
                auto less = [&](uint32_t a, uint32_t b) {
                    if (evtx::isStringField(field))
                        return r.index.text(uint32_t(c.number(field, a))) <
                               r.index.text(uint32_t(c.number(field, b)));
                    return c.number(field, a) < c.number(field, b);
                };
                std::stable_sort(expected.begin(), expected.end(), [&](uint32_t a, uint32_t b) {
                    return desc ? less(b, a) : less(a, b);
                });
                QVERIFY2(perm == expected,
                         qPrintable(QString("field %1 desc %2").arg(f).arg(desc)));
            }
        }
    }

    void csvExportHasOneLinePerRecord() {
        SKIP_WITHOUT_SHARED();
        Indexed r = indexFile(samplePath("security"));
        evtx::ExportRequest req;
        req.file = r.input->bytes();
        req.cache = r.cache.get();
        req.index = &r.index;
        req.rows.resize(r.index.size());
        std::iota(req.rows.begin(), req.rows.end(), 0u);
        req.format = evtx::ExportFormat::Csv;
        std::string csv;
        auto res = evtx::exportRecords(req, [&](std::string_view s) { csv += s; });
        QCOMPARE(res.written, uint64_t(r.index.size()));
        QCOMPARE(size_t(std::count(csv.begin(), csv.end(), '\n')), r.index.size() + 1);
        QVERIFY(QByteArray::fromStdString(csv).startsWith("Level,Date and Time (UTC),Source"));
    }

    void isoTimesParse() {
        uint64_t t = 0;
        QVERIFY(evtx::parseIsoTime("2016-07-08T18:12:51.6816406Z", t));
        QCOMPARE(QString::fromStdString(evtx::formatFileTime100ns(t, 0, true)),
                 QString("2016-07-08T18:12:51.6816406Z"));
        QCOMPARE(QString::fromStdString(evtx::formatFileTime100ns(t, 3600)),
                 QString("2016-07-08 19:12:51.6816406"));
    }
};

QTEST_GUILESS_MAIN(IndexTest)
#include "tst_index.moc"
