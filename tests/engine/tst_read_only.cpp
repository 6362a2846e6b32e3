// The engine never writes to the log it reads: after opening, dumping,
// indexing, loading records, filtering and exporting through the public
// APIs, the file's bytes and modification time are unchanged, the file is
// mapped without write access, and a file without write permission opens.
#include "evtx/dump/dump.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"
#include "evtx/index/export.hpp"
#include "evtx/index/index_builder.hpp"
#include "evtx/index/record_reader.hpp"
#include "evtx/query/index_filter.hpp"
#include "evtx/query/query.hpp"
#include "evtx/query/record_filter.hpp"

#include "evtx/demo/demo_log.hpp" // after dump.hpp: moc fails on the writer headers first

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/time.h>

#include <algorithm>
#include <numeric>
#include <tuple>

namespace {

struct FileState {
    QByteArray bytes;
    timespec mtime{};
    mode_t mode = 0;
};

FileState stateOf(const QString& path) {
    FileState s;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    s.bytes = f.readAll();
    struct stat st {};
    if (::stat(path.toLocal8Bit().constData(), &st) != 0) qFatal("cannot stat");
    s.mtime = st.st_mtim;
    s.mode = st.st_mode;
    return s;
}

// The permissions of the mapping of `path` in this process ("r--p"), or
// empty when it is not mapped.
QByteArray mappingPerms(const QString& path) {
    QFile maps("/proc/self/maps");
    if (!maps.open(QIODevice::ReadOnly)) return "?";
    for (const QByteArray& line : maps.readAll().split('\n'))
        if (line.endsWith(path.toLocal8Bit())) return line.split(' ').value(1);
    return {};
}

// Resident KiB of the mapping of `path` (smaps "Rss:"), -1 when not mapped.
long mappingRssKiB(const QString& path) {
    QFile smaps("/proc/self/smaps");
    if (!smaps.open(QIODevice::ReadOnly)) return -1;
    bool inMapping = false;
    for (const QByteArray& line : smaps.readAll().split('\n')) {
        if (!line.isEmpty() && !line.contains(':')) continue;
        if (line.contains('-') && line.count(' ') >= 5 && !line.startsWith("VmFlags"))
            inMapping = line.endsWith(path.toLocal8Bit());
        else if (inMapping && line.startsWith("Rss:"))
            return line.mid(4).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

} // namespace

class TestReadOnly : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString path_;

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        std::string error;
        evtx::writer::DemoOptions opt;
        opt.records = 1500;
        auto log = evtx::writer::generateDemoLog(opt, error);
        QVERIFY2(log, error.c_str());
        path_ = dir_.filePath("demo.evtx");
        QFile f(path_);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(reinterpret_cast<const char*>(log->file.data()), qint64(log->file.size()));
        f.close();
        // An old mtime, so that any write would visibly move it.
        const timeval times[2] = {{1000000000, 0}, {1000000000, 0}};
        QCOMPARE(::utimes(path_.toLocal8Bit().constData(), times), 0);
    }

    void everyApiLeavesTheFileAsItWas() {
        const FileState before = stateOf(path_);
        {
            std::string error;
            auto input = evtx::Input::openFile(path_.toStdString(), error);
            QVERIFY2(input, error.c_str());
            QCOMPARE(mappingPerms(path_).left(2), QByteArray("r-"));
            const evtx::Bytes file = input->bytes();
            QVERIFY(evtx::parseFileHeader(file, error));

            // evtxdump's path, with and without a record filter.
            evtx::QueryError qerr;
            auto query = evtx::Query::parse("EventID > 0 and \"a\"", qerr);
            QVERIFY(query);
            evtx::QueryRecordFilter recordFilter(*query);
            for (auto format : {evtx::OutputFormat::Jsonl, evtx::OutputFormat::Xml}) {
                evtx::DumpOptions opt;
                opt.format = format;
                opt.threads = 2;
                opt.validateChecksums = true;
                opt.filter = format == evtx::OutputFormat::Xml ? &recordFilter : nullptr;
                // dumpFile itself, not dumpToMemory: the text is not needed.
                auto stats = evtx::dumpFile(
                    file, opt, [](std::string_view) {}, [](const evtx::DumpError&) {});
                QCOMPARE(stats.errors, uint64_t(0));
            }

            // The viewer's path: index, load records, filter, export.
            evtx::TemplateCache cache;
            evtx::RecordIndex index;
            evtx::IndexBuilder builder(file, cache, {},
                                       [&](evtx::IndexBatch&& b) { index.append(b); });
            builder.runHere();
            QCOMPARE(index.size(), size_t(1500));
            evtx::RecordReader reader(file, cache);
            for (size_t i = 0; i < index.size(); i += 97) {
                const evtx::IndexRow row = index.columns().row(i);
                QVERIFY2(reader.load(row.chunk, row.chunkOffset, error), error.c_str());
            }
            evtx::IndexFilterRequest request{file, &cache, &index, nullptr, 2, {}};
            auto filtered = evtx::filterIndex(*query, request);
            QVERIFY(!filtered.rows.empty());
            evtx::ExportRequest exportRequest;
            exportRequest.file = file;
            exportRequest.cache = &cache;
            exportRequest.index = &index;
            exportRequest.rows = filtered.rows;
            std::string exported;
            auto result =
                evtx::exportRecords(exportRequest, [&](std::string_view s) { exported += s; });
            QCOMPARE(result.failed, uint64_t(0));
            QVERIFY(!exported.empty());
        }
        QVERIFY(mappingPerms(path_).isEmpty()); // unmapped when the Input goes
        const FileState after = stateOf(path_);
        QVERIFY(after.bytes == before.bytes);
        QCOMPARE(after.mtime.tv_sec, before.mtime.tv_sec);
        QCOMPARE(after.mtime.tv_nsec, before.mtime.tv_nsec);
        QCOMPARE(after.mode, before.mode);
    }

    // The viewer drops indexed chunks' pages (Input::releasePages): the
    // mapping's resident size falls, and what is read afterwards is the file.
    void releasedPagesReadBackTheSame() {
        const FileState before = stateOf(path_);
        std::string error;
        auto input = evtx::Input::openFile(path_.toStdString(), error);
        QVERIFY2(input, error.c_str());
        const evtx::Bytes file = input->bytes();
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(file.data()), qsizetype(file.size())),
                 before.bytes); // every page touched
        const long touched = mappingRssKiB(path_);
        QVERIFY2(touched >= long(file.size() / 1024) - 4, QByteArray::number(qlonglong(touched)));

        auto buildIndex = [&](bool release) {
            evtx::TemplateCache cache;
            evtx::RecordIndex index;
            evtx::IndexOptions opt;
            if (release) opt.chunkIndexed = [&](evtx::Bytes chunk) { input->releasePages(chunk); };
            evtx::IndexBuilder builder(file, cache, opt,
                                       [&](evtx::IndexBatch&& b) { index.append(b); });
            builder.runHere();
            return index;
        };
        const evtx::RecordIndex released = buildIndex(true);
        const long after = mappingRssKiB(path_);
        // Only the 4 KiB header block and chunk-boundary remainders may stay.
        QVERIFY2(after >= 0 && after <= 16, QByteArray::number(qlonglong(after)));
        const evtx::RecordIndex kept = buildIndex(false);
        QCOMPARE(released.size(), kept.size());
        auto fields = [](const evtx::IndexRow& r) {
            return std::tuple(r.recordId, r.timeCreated, r.keywords, r.provider, r.channel,
                              r.computer, r.userSid, r.processId, r.threadId, r.chunk,
                              r.chunkOffset, r.eventId, r.task, r.level, r.opcode);
        };
        for (size_t i = 0; i < kept.size(); ++i)
            QVERIFY(fields(released.columns().row(i)) == fields(kept.columns().row(i)));
        input->releasePages(file);
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(file.data()), qsizetype(file.size())),
                 before.bytes);

        // An owned buffer (stdin) is not a mapping: releasing leaves it alone.
        auto owned =
            evtx::Input::fromBuffer(std::vector<uint8_t>(before.bytes.begin(), before.bytes.end()));
        owned->releasePages(owned->bytes());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(owned->bytes().data()),
                            qsizetype(owned->bytes().size())),
                 before.bytes);
    }

    // A fault on a mapped file may map a whole page-cache folio (up to
    // 2 MiB) around the byte read. A reader with Input::releaseOnLeave as
    // its chunk-load hook keeps at most the windows of its current chunk
    // resident, whether it scans in order or jumps around, and reads the
    // file's bytes throughout.
    void readerReleasesTheWindowItLeaves() {
        constexpr size_t kChunk = 64 * 1024, kChunks = 384; // 24 MiB
        const QString path = dir_.filePath("windows.bin");
        std::vector<uint8_t> bytes(4096 + kChunks * kChunk);
        for (size_t i = 0; i < bytes.size(); ++i)
            bytes[i] = uint8_t((i * 2654435761u) >> 13);
        {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QCOMPARE(out.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())),
                     qint64(bytes.size()));
        }
        std::string error;
        auto input = evtx::Input::openFile(path.toStdString(), error);
        QVERIFY2(input, error.c_str());
        const evtx::Bytes file = input->bytes();
        const long windowKiB = long(evtx::Input::kReleaseWindow / 1024);
        auto visit = [&](const std::vector<size_t>& order) {
            auto hook = input->releaseOnLeave();
            long worst = 0;
            for (size_t k : order) {
                const evtx::Bytes chunk = file.subspan(4096 + k * kChunk, kChunk);
                hook(chunk);
                if (!std::equal(chunk.begin(), chunk.end(), bytes.begin() + 4096 + k * kChunk))
                    return -1L;
                worst = std::max(worst, mappingRssKiB(path));
            }
            return worst;
        };
        std::vector<size_t> inOrder(kChunks);
        std::iota(inOrder.begin(), inOrder.end(), size_t(0));
        std::vector<size_t> jumps;
        for (size_t i = 0; i < 64; ++i)
            jumps.push_back((i * 149) % kChunks);
        // A chunk can straddle two windows; the window left may be one more.
        for (const auto& order : {inOrder, jumps}) {
            input->releasePages(file);
            const long worst = visit(order);
            QVERIFY2(worst >= 0, "bytes read differ from the file");
            QVERIFY2(worst <= 3 * windowKiB, QByteArray::number(qlonglong(worst)));
        }
    }

    void fileWithoutWritePermissionOpens() {
        // Opened O_RDONLY: a read-only file (an evidence copy, a mounted
        // image) opens as any other.
        QVERIFY(QFile::setPermissions(path_, QFileDevice::ReadOwner));
        std::string error;
        auto input = evtx::Input::openFile(path_.toStdString(), error);
        QVERIFY2(input, error.c_str());
        QCOMPARE(input->bytes().size(), size_t(QFileInfo(path_).size()));
        QVERIFY(QFile::setPermissions(path_, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    }
};

QTEST_GUILESS_MAIN(TestReadOnly)
#include "tst_read_only.moc"
