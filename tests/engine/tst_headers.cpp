// CRC-32, the file header and the chunk header (fields and both checksums),
// on hand-built buffers. Expected CRCs are the standard check values or were
// computed independently (Python's zlib.crc32).
#include "evtx/format/chunk_reader.hpp"
#include "evtx/format/crc32.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx_builder.hpp"

#include <QTest>

#include <cstring>
#include <string_view>

using namespace evtxtest;

namespace {

uint32_t crcOf(std::string_view s) {
    return evtx::crc32(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// The header used by the file header tests: chunks 0..1, next record 42,
// version 3.1, 2 chunks; CRC left for the test to fill.
ByteVec plainFileHeader() {
    ByteVec h;
    for (char c : std::string_view("ElfFile\0", 8))
        h.push_back(uint8_t(c));
    putLE(h, 0, 8);
    putLE(h, 1, 8);
    putLE(h, 42, 8);
    putLE(h, 128, 4);
    putLE(h, 1, 2);
    putLE(h, 3, 2);
    putLE(h, 4096, 2);
    putLE(h, 2, 2);
    h.resize(4096, 0);
    return h;
}

// A chunk with two simple records (ids 7 and 8).
ByteVec twoRecordChunk() {
    ChunkBuilder b;
    simpleRecord(b, 7, u"A", u"x");
    simpleRecord(b, 8, u"B", u"yz");
    return b.finish(7, 8);
}

evtx::Bytes span(const ByteVec& v) {
    return {v.data(), v.size()};
}

} // namespace

class TestHeaders : public QObject {
    Q_OBJECT

  private slots:
    void crcKnownVectors() {
        QCOMPARE(crcOf("123456789"), 0xCBF43926u); // the CRC-32 check value
        QCOMPARE(crcOf(""), 0u);
        QCOMPARE(crcOf("a"), 0xE8B7BE43u);
        QCOMPARE(crcOf("The quick brown fox jumps over the lazy dog"), 0x414FA339u);
    }

    void crcLongAndIncremental() {
        // 1000 bytes exercise the 8-byte-at-a-time path and its tail.
        ByteVec b;
        for (int i = 0; i < 1000; ++i)
            b.push_back(uint8_t(i * 7));
        QCOMPARE(evtx::crc32(b.data(), b.size()), 0x114AD5FFu);
        // Passing the running CRC continues it (used for the chunk header).
        for (size_t split : {size_t(1), size_t(13), size_t(120), size_t(999)}) {
            uint32_t first = evtx::crc32(b.data(), split);
            QCOMPARE(evtx::crc32(b.data() + split, b.size() - split, first), 0x114AD5FFu);
        }
        // Unaligned start must not matter.
        const ByteVec copy(b.begin() + 1, b.begin() + 10);
        QCOMPARE(evtx::crc32(b.data() + 1, 9), evtx::crc32(copy.data(), 9));
    }

    void fileHeaderFields() {
        ByteVec h = plainFileHeader();
        patchLE(h, 120, 0x1, 4);
        std::string err;
        auto fh = evtx::parseFileHeader(span(h), err);
        QVERIFY2(fh, err.c_str());
        QCOMPARE(fh->firstChunk, 0u);
        QCOMPARE(fh->lastChunk, 1u);
        QCOMPARE(fh->nextRecordId, 42u);
        QCOMPARE(fh->headerSize, 128u);
        QCOMPARE(fh->minorVersion, uint16_t(1));
        QCOMPARE(fh->majorVersion, uint16_t(3));
        QCOMPARE(fh->headerBlockSize, uint16_t(4096));
        QCOMPARE(fh->chunkCount, uint16_t(2));
        QVERIFY(fh->isDirty());
        QVERIFY(!fh->isFull());

        patchLE(h, 120, 0x2, 4);
        fh = evtx::parseFileHeader(span(h), err);
        QVERIFY(!fh->isDirty());
        QVERIFY(fh->isFull());
        patchLE(h, 120, 0x3, 4);
        fh = evtx::parseFileHeader(span(h), err);
        QVERIFY(fh->isDirty() && fh->isFull());
    }

    void fileHeaderCrc() {
        ByteVec h = plainFileHeader();
        patchLE(h, 124, 0xAE205693, 4); // zlib.crc32(bytes 0..119)
        std::string err;
        auto fh = evtx::parseFileHeader(span(h), err);
        QVERIFY(fh);
        QCOMPARE(fh->computedCrc, 0xAE205693u);
        QVERIFY(fh->crcMatches());

        // Flags (120..123) are outside the checksummed range.
        patchLE(h, 120, 0x1, 4);
        QVERIFY(evtx::parseFileHeader(span(h), err)->crcMatches());
        // Byte 119 is inside it.
        h[119] = 1;
        fh = evtx::parseFileHeader(span(h), err);
        QVERIFY(fh); // a bad CRC is reported through crcMatches, not a failure
        QVERIFY(!fh->crcMatches());
        QCOMPARE(fh->storedCrc, 0xAE205693u);
    }

    void fileHeaderErrors() {
        std::string err;
        ByteVec h = plainFileHeader();
        QVERIFY(!evtx::parseFileHeader(evtx::Bytes{}, err));
        QVERIFY(!err.empty());
        err.clear();
        QVERIFY(!evtx::parseFileHeader(span(h).first(100), err));
        QVERIFY2(err.find("too short") != std::string::npos, err.c_str());
        err.clear();
        h[3] = 'X'; // "ElfXile"
        QVERIFY(!evtx::parseFileHeader(span(h), err));
        QVERIFY2(err.find("magic") != std::string::npos, err.c_str());
        err.clear();
        // A chunk is not a file header.
        ByteVec c = twoRecordChunk();
        QVERIFY(!evtx::parseFileHeader(span(c), err));
        QVERIFY(!err.empty());
        // The builder's header is valid.
        ByteVec good = fileHeader(3);
        auto fh = evtx::parseFileHeader(span(good), err);
        QVERIFY(fh && fh->crcMatches());
        QCOMPARE(fh->chunkCount, uint16_t(3));
    }

    void chunkHeaderFields() {
        ByteVec c = twoRecordChunk();
        QVERIFY(evtx::hasChunkMagic(span(c)));
        evtx::ChunkHeader h = evtx::parseChunkHeader(span(c));
        QCOMPARE(h.firstRecordNumber, 7u);
        QCOMPARE(h.lastRecordNumber, 8u);
        QCOMPARE(h.firstRecordId, 7u);
        QCOMPARE(h.lastRecordId, 8u);
        QCOMPARE(h.headerSize, 128u);
        // simpleRecord(A, "x"): 24 header + 4 fragment header + 1+4 element
        // + 4+8+(1+1)*2 name + 1 close + 1+1+2+2 text + 1 end + 1 eof + 4 = 62.
        QCOMPARE(h.lastRecordOffset, 512u + 62u);
        // The second has one more text character: 64 bytes.
        QCOMPARE(h.freeSpaceOffset, 512u + 62u + 64u);
        QCOMPARE(h.dataCrc, evtx::crc32(c.data() + 512, 126));
        QCOMPARE(evtx::computeChunkDataCrc(span(c), h), h.dataCrc);
        QCOMPARE(evtx::computeChunkHeaderCrc(span(c)), h.headerCrc);

        evtx::ChunkReader r(span(c), true);
        QVERIFY2(r.ok(), r.error().c_str());
        QVERIFY(r.headerCrcOk() && r.dataCrcOk());
        evtx::RecordHeader rec;
        std::string err;
        QCOMPARE(r.next(rec, err), evtx::ChunkReader::Step::Record);
        QCOMPARE(rec.offset, size_t(512));
        QCOMPARE(rec.size, 62u);
        QCOMPARE(rec.id, 7u);
        QCOMPARE(rec.binxmlBegin(), size_t(536));
        QCOMPARE(rec.binxmlEnd(), size_t(512 + 58));
        QCOMPARE(r.next(rec, err), evtx::ChunkReader::Step::Record);
        QCOMPARE(rec.offset, size_t(574));
        QCOMPARE(rec.id, 8u);
        QCOMPARE(r.next(rec, err), evtx::ChunkReader::Step::End);
        QVERIFY(err.empty());
    }

    void chunkHeaderCrcRange() {
        // The header CRC covers 0..119 and 128..511 but not 120..127.
        const ByteVec good = twoRecordChunk();
        for (size_t at : {size_t(8), size_t(119), size_t(128), size_t(300), size_t(511)}) {
            ByteVec c = good;
            c[at] ^= 0x01;
            evtx::ChunkReader r(span(c), true);
            QVERIFY2(!r.ok(), qPrintable(QString("byte %1").arg(at)));
            QVERIFY(!r.headerCrcOk());
            QCOMPARE(r.error(), std::string("chunk header checksum mismatch"));
            // Without validation the chunk is read.
            evtx::ChunkReader lax(span(c), false);
            QVERIFY(lax.ok());
        }
        for (size_t at : {size_t(120), size_t(123)}) { // flags
            ByteVec c = good;
            c[at] ^= 0x01;
            evtx::ChunkReader r(span(c), true);
            QVERIFY2(r.ok(), r.error().c_str());
        }
    }

    void chunkDataCrcRange() {
        const ByteVec good = twoRecordChunk();
        const uint32_t freeSpace = evtx::parseChunkHeader(span(good)).freeSpaceOffset;
        for (size_t at : {size_t(512), size_t(freeSpace - 1)}) {
            ByteVec c = good;
            c[at] ^= 0x80;
            evtx::ChunkReader r(span(c), true);
            QVERIFY(!r.ok());
            QVERIFY(r.headerCrcOk());
            QVERIFY(!r.dataCrcOk());
            QCOMPARE(r.error(), std::string("chunk data checksum mismatch"));
            evtx::RecordHeader rec;
            std::string err;
            QCOMPARE(r.next(rec, err), evtx::ChunkReader::Step::End); // nothing to walk
            QVERIFY(evtx::ChunkReader(span(c), false).ok());
        }
        // Bytes past the free space offset are not covered.
        ByteVec c = good;
        c[freeSpace] = 0x55;
        c[65535] = 0x55;
        QVERIFY(evtx::ChunkReader(span(c), true).ok());
    }

    void chunkMagicAndSize() {
        ByteVec c = twoRecordChunk();
        c[0] = 'X';
        QVERIFY(!evtx::hasChunkMagic(span(c)));
        evtx::ChunkReader r(span(c), false);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().find("magic") != std::string::npos, r.error().c_str());

        ByteVec good = twoRecordChunk();
        evtx::ChunkReader shortChunk(span(good).first(100), false);
        QVERIFY(!shortChunk.ok());
        QVERIFY2(shortChunk.error().find("100") != std::string::npos, shortChunk.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestHeaders)
#include "tst_headers.moc"
