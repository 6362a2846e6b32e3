// Damaged input through the public API (dumpFile, ChunkReader,
// parseFileHeader): truncated files, bad magics, bad checksums, bad record
// sizes and out-of-range offsets. Each case checks that nothing crashes, that
// the error names the right chunk, file offset and reason, and that the
// intact records still come out with their exact text.
//
// The files are made by the test builder. Records are simpleRecord(id, "R",
// "<id>"): 62 bytes each (see tst_headers), so in a chunk the k-th record
// (0-based) starts at chunk offset 512 + 62k, and its text character is at
// +54 (24 header, 4 fragment header, 5 element token, 16 name, 1 close start,
// 4 value token). Expected offsets and messages below were worked out by hand
// from that layout and evtx-format.md.
#include "dump_to_memory.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/format/chunk_reader.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"
#include "evtx_builder.hpp"
#include "shared_dir.hpp"

#include <QTest>

#include <string>
#include <vector>

using namespace evtxtest;

namespace {

constexpr size_t kChunk0 = 4096;         // file offset of chunk 0
constexpr size_t kChunk1 = 4096 + 65536; // 0x11000
constexpr size_t kRecord = 62;           // size of each simple record

using Dumped = DumpedText;

Dumped dump(const ByteVec& file, bool validate = false,
            evtx::OutputFormat format = evtx::OutputFormat::Jsonl, unsigned threads = 1) {
    evtx::DumpOptions opt;
    opt.format = format;
    opt.validateChecksums = validate;
    opt.threads = threads;
    return dumpToMemory(evtx::Bytes(file.data(), file.size()), opt);
}

std::u16string digits(uint64_t id) {
    std::u16string s;
    for (char c : std::to_string(id))
        s.push_back(char16_t(c));
    return s;
}

// A chunk of simple records with the given ids (single digits: 62 bytes each).
ByteVec chunkOf(std::initializer_list<uint64_t> ids) {
    ChunkBuilder b;
    for (uint64_t id : ids)
        simpleRecord(b, id, u"R", digits(id));
    return b.finish(*ids.begin(), *(ids.end() - 1));
}

// The JSONL text of simple records: {"R":"<id>"} per line.
QByteArray jsonl(std::initializer_list<uint64_t> ids) {
    QByteArray s;
    for (uint64_t id : ids)
        s += "{\"R\":\"" + QByteArray::number(qulonglong(id)) + "\"}\n";
    return s;
}

evtx::DumpError err(uint64_t chunk, uint64_t offset, std::string reason,
                    std::optional<uint64_t> id = std::nullopt) {
    return evtx::DumpError{chunk, offset, id, std::move(reason)};
}

// Compares one reported error field by field (so a failure says which).
void checkError(const evtx::DumpError& got, const evtx::DumpError& want) {
    QCOMPARE(got.chunk, want.chunk);
    QCOMPARE(got.fileOffset, want.fileOffset);
    QCOMPARE(got.recordId.has_value(), want.recordId.has_value());
    if (want.recordId) QCOMPARE(*got.recordId, *want.recordId);
    QCOMPARE(QString::fromStdString(got.reason), QString::fromStdString(want.reason));
}

void checkErrors(const std::vector<evtx::DumpError>& got,
                 const std::vector<evtx::DumpError>& want) {
    QCOMPARE(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
        checkError(got[i], want[i]);
        if (QTest::currentTestFailed()) return;
    }
}

// A BinXML error: the reason starts with the chunk offset of the bad field.
void checkBinXmlError(const evtx::DumpError& got, uint64_t chunk, uint64_t recordOffset,
                      uint64_t id, const char* at, const char* what) {
    QCOMPARE(got.chunk, chunk);
    QCOMPARE(got.fileOffset, recordOffset);
    QVERIFY(got.recordId.has_value());
    QCOMPARE(*got.recordId, id);
    const QString reason = QString::fromStdString(got.reason);
    QVERIFY2(reason.startsWith(at) && reason.contains(what), qPrintable(reason));
}

// chunk 0: records 1, <custom record 2>, 3 (the custom one written by `bad`).
ByteVec chunkWithBadRecord(const std::function<void(ChunkBuilder&)>& bad) {
    ChunkBuilder b;
    simpleRecord(b, 1, u"R", u"1");
    bad(b);
    simpleRecord(b, 3, u"R", u"3");
    return b.finish(1, 3);
}

// <T>{substitution 0, string}</T>
void stringTemplate(ChunkBuilder& b, uint16_t index) {
    b.fragmentHeader();
    b.open(u"T");
    b.closeStart();
    b.subst(index, 0x01);
    b.end();
    b.endFragment();
}

const std::array<uint8_t, 16> kGuid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

} // namespace

class TestDamaged : public QObject {
    Q_OBJECT

  private slots:
    void intactFileHasNoErrors() {
        // The baseline the damaged variants are compared with.
        const ByteVec f = makeFile({chunkOf({1, 2}), chunkOf({3, 4})});
        Dumped d = dump(f);
        QCOMPARE(d.text, jsonl({1, 2, 3, 4}));
        QVERIFY(d.errors.empty());
        QCOMPARE(d.stats.records, 4u);
        QCOMPARE(d.stats.chunks, 2u);
        d = dump(f, false, evtx::OutputFormat::Xml);
        QCOMPARE(d.text, QByteArray("Record 1\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                    "<R>1</R>\n\n"
                                    "Record 2\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                    "<R>2</R>\n\n"
                                    "Record 3\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                    "<R>3</R>\n\n"
                                    "Record 4\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                    "<R>4</R>\n\n"));
        // My layout arithmetic, checked once: record 1's text is at 512 + 54.
        const ByteVec c = chunkOf({1, 2});
        QCOMPARE(c[512 + 54], uint8_t('1'));
        QCOMPARE(c[512 + kRecord + 54], uint8_t('2'));
    }

    void truncatedInsideFileHeader() {
        ByteVec f = makeFile({chunkOf({1, 2})});
        f.resize(2000);
        std::string e;
        QVERIFY(evtx::parseFileHeader(evtx::Bytes(f.data(), f.size()), e)); // fields are there
        Dumped d = dump(f);
        QVERIFY(d.text.isEmpty());
        checkErrors(d.errors, {err(0, 0,
                                   "truncated file: it ends after 2000 bytes, inside the 4096-byte "
                                   "file header")});
        QCOMPARE(d.stats.records, 0u);

        // Shorter than the 128 header bytes: not even a header.
        f.resize(60);
        QVERIFY(!evtx::parseFileHeader(evtx::Bytes(f.data(), f.size()), e));
        QCOMPARE(QString::fromStdString(e),
                 QString("not an EVTX file: 60 bytes is too short for a file header"));

        // A header block alone is an empty log, not damage.
        const ByteVec empty = fileHeader(0);
        d = dump(empty);
        QVERIFY(d.text.isEmpty());
        QVERIFY(d.errors.empty());
    }

    void truncatedInsideChunkHeader() {
        ByteVec f = makeFile({chunkOf({1, 2}), chunkOf({3, 4})});
        f.resize(kChunk1 + 300);
        Dumped d = dump(f);
        QCOMPARE(d.text, jsonl({1, 2}));
        checkErrors(d.errors,
                    {err(1, kChunk1, "incomplete chunk: the file ends after 300 of 65536 bytes")});
        QCOMPARE(evtx::DumpError(d.errors[0]).toString(),
                 std::string("chunk 1 (file offset 0x11000): incomplete chunk: the file ends "
                             "after 300 of 65536 bytes"));
        // The chunk reader itself refuses a block shorter than a header.
        evtx::ChunkReader r(evtx::Bytes(f.data() + kChunk1, 300), false);
        QVERIFY(!r.ok());
        QCOMPARE(r.error(), std::string("chunk is only 300 bytes"));
    }

    void truncatedInsideRecord() {
        // Record 3 starts at chunk offset 512 + 2 * 62 = 636; cut 30 bytes in.
        ByteVec f = makeFile({chunkOf({1, 2, 3})});
        f.resize(kChunk0 + 636 + 30);
        Dumped d = dump(f);
        QCOMPARE(d.text, jsonl({1, 2}));
        checkErrors(d.errors,
                    {err(0, kChunk0, "incomplete chunk: the file ends after 666 of 65536 bytes"),
                     err(0, kChunk0 + 636,
                         "record 3 at chunk offset 636 has size 62 that runs "
                         "past the chunk")});
        QCOMPARE(d.stats.records, 2u);

        // Cut exactly between records 2 and 3: only the chunk is incomplete.
        f.resize(kChunk0 + 636);
        d = dump(f);
        QCOMPARE(d.text, jsonl({1, 2}));
        checkErrors(d.errors,
                    {err(0, kChunk0, "incomplete chunk: the file ends after 636 of 65536 bytes")});

        // Checked, the cut data no longer matches its checksum: nothing is read.
        d = dump(f, true);
        QVERIFY(d.text.isEmpty());
        checkErrors(d.errors,
                    {err(0, kChunk0, "incomplete chunk: the file ends after 636 of 65536 bytes"),
                     err(0, kChunk0, "chunk data checksum mismatch")});
    }

    void badChunkMagic() {
        ByteVec bad = chunkOf({3, 4});
        bad[6] = 'X'; // "ElfChnX\0"
        const ByteVec f = makeFile({chunkOf({1, 2}), bad, chunkOf({5, 6})});
        const evtx::DumpError want = err(1, kChunk1,
                                         "invalid chunk header magic, expected `ElfChnk\\0`, "
                                         "found `[45, 6C, 66, 43, 68, 6E, 58,  0]`");
        for (unsigned threads : {1u, 2u}) {
            Dumped d = dump(f, false, evtx::OutputFormat::Jsonl, threads);
            QCOMPARE(d.text, jsonl({1, 2, 5, 6}));
            checkErrors(d.errors, {want});
            QCOMPARE(d.stats.records, 4u);
        }
        QCOMPARE(want.toString(),
                 std::string("chunk 1 (file offset 0x11000): invalid chunk header magic, "
                             "expected `ElfChnk\\0`, found `[45, 6C, 66, 43, 68, 6E, 58,  0]`"));

        // A zeroed magic in front of real data (as in the shared sample
        // sample_with_a_bad_chunk_magic) is reported the same way.
        ByteVec zeroed = chunkOf({3, 4});
        std::fill(zeroed.begin(), zeroed.begin() + 8, 0);
        Dumped d = dump(makeFile({chunkOf({1, 2}), zeroed, chunkOf({5, 6})}));
        QCOMPARE(d.text, jsonl({1, 2, 5, 6}));
        checkErrors(d.errors, {err(1, kChunk1,
                                   "invalid chunk header magic, expected `ElfChnk\\0`, found "
                                   "`[ 0,  0,  0,  0,  0,  0,  0,  0]`")});
    }

    void zeroedChunkAtEndIsSlack() {
        // Preallocated, never used space: all zeros, not an error.
        const ByteVec f = makeFile({chunkOf({1, 2}), ByteVec(65536, 0)});
        Dumped d = dump(f);
        QCOMPARE(d.text, jsonl({1, 2}));
        QVERIFY(d.errors.empty());
    }

    void badChunkHeaderChecksum() {
        ByteVec c = chunkOf({1, 2});
        c[100] ^= 0x01; // unused header bytes, inside the header CRC
        const ByteVec f = makeFile({c, chunkOf({3, 4})});
        // By default the reference reads chunks whatever their checksums.
        Dumped d = dump(f);
        QCOMPARE(d.text, jsonl({1, 2, 3, 4}));
        QVERIFY(d.errors.empty());
        // --validate-checksums: the chunk is skipped and reported.
        d = dump(f, true);
        QCOMPARE(d.text, jsonl({3, 4}));
        checkErrors(d.errors, {err(0, kChunk0, "chunk header checksum mismatch")});
    }

    void badChunkDataChecksum() {
        ByteVec c = chunkOf({1, 2});
        QCOMPARE(c[512 + 54], uint8_t('1'));
        c[512 + 54] = '9'; // record 1's text, without fixing the data CRC
        const ByteVec f = makeFile({c, chunkOf({3, 4})});
        Dumped d = dump(f);
        QCOMPARE(d.text, QByteArray("{\"R\":\"9\"}\n") + jsonl({2, 3, 4}));
        QVERIFY(d.errors.empty());
        d = dump(f, true);
        QCOMPARE(d.text, jsonl({3, 4}));
        checkErrors(d.errors, {err(0, kChunk0, "chunk data checksum mismatch")});
    }

    void sampleWithoutChecksums() {
        // Application_no_crc32.evtx has zero checksums and is read (17
        // records, golden README); checked, its one chunk is skipped.
        SKIP_WITHOUT_SHARED();
        std::string e;
        auto in = evtx::Input::openFile(
            (sharedDir() + "/evtx-samples/Application_no_crc32.evtx").toStdString(), e);
        QVERIFY2(in, e.c_str());
        const ByteVec f(in->bytes().begin(), in->bytes().end());
        Dumped d = dump(f);
        QCOMPARE(d.stats.records, 17u);
        QVERIFY(d.errors.empty());
        d = dump(f, true);
        QCOMPARE(d.stats.records, 0u);
        QCOMPARE(d.errors.size(), size_t(1));
        QCOMPARE(d.errors[0].chunk, 0u);
        QCOMPARE(d.errors[0].fileOffset, uint64_t(kChunk0));
        QVERIFY2(QString::fromStdString(d.errors[0].reason).contains("checksum mismatch"),
                 d.errors[0].reason.c_str());
    }

    // Record 2 of chunk 0 (chunk offset 574 = 512 + 62) is damaged in its
    // header; the walk of chunk 0 ends there, chunk 1 is still read.
    void badRecordHeaders_data() {
        QTest::addColumn<int>("field");
        QTest::addColumn<uint32_t>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("zero size")
            << 4 << 0u
            << "record 2 at chunk offset 574 has data size 0, less than the 28-byte minimum";
        QTest::newRow("size past chunk")
            << 4 << 70000u
            << "record 2 at chunk offset 574 has size 70000 that runs past the chunk";
        // 574 + 64963 = 65537: one byte too many.
        QTest::newRow("size one past chunk")
            << 4 << 64963u
            << "record 2 at chunk offset 574 has size 64963 that runs past the chunk";
        QTest::newRow("bad magic") << 0 << 0x00002b2au
                                   << "invalid record header magic at chunk offset 574, expected "
                                      "`2a2a0000`, found `[2A, 2B,  0,  0]`";
    }
    void badRecordHeaders() {
        QFETCH(int, field);
        QFETCH(uint32_t, value);
        QFETCH(QString, reason);
        ByteVec c = chunkOf({1, 2, 3});
        patchLE(c, 512 + kRecord + size_t(field), value, 4);
        fixChunkCrcs(c);
        const ByteVec f = makeFile({c, chunkOf({4, 5})});
        for (bool validate : {false, true}) {
            Dumped d = dump(f, validate);
            QCOMPARE(d.text, jsonl({1, 4, 5}));
            checkErrors(d.errors, {err(0, kChunk0 + 574, reason.toStdString())});
        }
    }

    void nameOffsetOutsideChunk() {
        const ByteVec c = chunkWithBadRecord([](ChunkBuilder& b) {
            size_t r = b.beginRecord(2); // chunk offset 574, BinXML from 598
            b.fragmentHeader();          // 598..601
            b.u8(0x01);                  // 602: open start element (no template)
            b.u32(0);                    // 603..606: data size
            b.u32(70000);                // 607..610: name offset past the chunk
            b.u8(0x04);                  // (never reached) end element
            b.endFragment();
            b.endRecord(r);
        });
        Dumped d = dump(makeFile({c}));
        QCOMPARE(d.text, jsonl({1, 3}));
        QCOMPARE(d.errors.size(), size_t(1));
        // The reader stops right after the offset field: 611 = 0x263.
        checkBinXmlError(d.errors[0], 0, kChunk0 + 574, 2, "offset 0x00000263",
                         "name offset 70000 is outside the chunk");
        QVERIFY2(d.errors[0].toString().starts_with("chunk 0, record 2 (file offset 0x123e): "),
                 d.errors[0].toString().c_str());
    }

    void templateOffsetOutsideChunk() {
        const ByteVec c = chunkWithBadRecord([](ChunkBuilder& b) {
            size_t r = b.beginRecord(2);
            b.fragmentHeader();   // 598..601
            b.templateRef(70000); // 602 token, 603 version, 604 id, 608..611 offset
            b.u32(0);             // no values
            b.endFragment();
            b.endRecord(r);
        });
        Dumped d = dump(makeFile({c}));
        QCOMPARE(d.text, jsonl({1, 3}));
        QCOMPARE(d.errors.size(), size_t(1));
        checkBinXmlError(d.errors[0], 0, kChunk0 + 574, 2, "offset 0x00000264",
                         "template definition offset 70000 is outside the chunk");
    }

    void valueRunsPastRecord() {
        const ByteVec c = chunkWithBadRecord([](ChunkBuilder& b) {
            size_t r = b.beginRecord(2);
            b.fragmentHeader();
            b.templateInline(kGuid, [&] { stringTemplate(b, 0); });
            b.u32(1);   // one value...
            b.u16(200); // ...said to be 200 bytes
            b.u8(0x01);
            b.u8(0);
            b.raw(utf16(u"v")); // but only 2 are there
            b.endFragment();
            b.endRecord(r);
        });
        Dumped d = dump(makeFile({c}));
        QCOMPARE(d.text, jsonl({1, 3}));
        QCOMPARE(d.errors.size(), size_t(1));
        checkBinXmlError(d.errors[0], 0, kChunk0 + 574, 2, "offset 0x",
                         "value 0 of 200 bytes runs past the record");
    }

    void substitutionIndexBeyondValues() {
        const ByteVec c = chunkWithBadRecord([](ChunkBuilder& b) {
            templateRecord(b, 2, 0, kGuid, [&] { stringTemplate(b, 5); },
                           {Val{0x01, utf16(u"v")}}); // index 5, one value
        });
        Dumped d = dump(makeFile({c}));
        // No crash, and the records around it are intact.
        QVERIFY2(d.text.startsWith(jsonl({1})), d.text.constData());
        QVERIFY2(d.text.endsWith(jsonl({3})), d.text.constData());
        // The record itself should be reported, not rendered as if the value
        // were empty. The check belongs to the BinXML parser (engine/src/binxml),
        // which this suite must not change; it renders {"T":null} silently.
        QEXPECT_FAIL("",
                     "substitution index beyond the value count is not reported "
                     "(engine/src/binxml)",
                     Abort);
        QCOMPARE(d.errors.size(), size_t(1));
        checkBinXmlError(d.errors[0], 0, kChunk0 + 574, 2, "offset 0x", "substitution");
        QCOMPARE(d.text, jsonl({1, 3}));
    }
};

QTEST_GUILESS_MAIN(TestDamaged)
#include "tst_damaged.moc"
