// Value formatting from hand-built bytes: XML text (writeValueText) and JSON
// (writeValueJson) of every value type, string transcoding and escaping,
// arrays, isEmptyValue and validateValue. Expected strings were worked out
// by hand from evtx-format.md / json-output.md (dates with Python's
// datetime), not taken from the engine's output.
#include "evtx/render/value_format.hpp"
#include "evtx/text/text.hpp"
#include "evtx_builder.hpp"

#include <QTest>

#include <charconv>
#include <cstring>
#include <random>
#include <string_view>

using namespace evtxtest;

namespace {

QByteArray hexBytes(const char* hex) {
    return QByteArray::fromHex(hex);
}

evtx::Value valueOf(uint8_t type, const QByteArray& b) {
    return evtx::Value{reinterpret_cast<const uint8_t*>(b.constData()), uint32_t(b.size()), type};
}

QByteArray text(const evtx::Value& v, evtx::Escape mode = evtx::Escape::Xml,
                const evtx::AnsiCodec& ansi = evtx::AnsiCodec::windows1252()) {
    evtx::OutBuffer out;
    evtx::writeValueText(out, v, mode, ansi);
    return QByteArray(out.data(), qsizetype(out.size()));
}

QByteArray json(const evtx::Value& v) {
    evtx::OutBuffer out;
    evtx::writeValueJson(out, v, evtx::AnsiCodec::windows1252());
    return QByteArray(out.data(), qsizetype(out.size()));
}

QByteArray u16(std::u16string_view s) {
    ByteVec b = utf16(s);
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

} // namespace

class TestValues : public QObject {
    Q_OBJECT

  private slots:
    // One row per (type, bytes): expected XML text and JSON value.
    void scalars_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QByteArray>("json");
        auto row = [](const char* name, uint8_t t, const char* hex, const char* xml,
                      const char* js) {
            QTest::newRow(name) << int(t) << hexBytes(hex) << QByteArray(xml) << QByteArray(js);
        };
        using namespace evtx;
        row("int8 -1", vt::Int8, "ff", "-1", "-1");
        row("int8 max", vt::Int8, "7f", "127", "127");
        row("int8 min", vt::Int8, "80", "-128", "-128");
        row("uint8 max", vt::UInt8, "ff", "255", "255");
        row("int16 min", vt::Int16, "0080", "-32768", "-32768");
        row("uint16 0x1234", vt::UInt16, "3412", "4660", "4660");
        row("uint16 max", vt::UInt16, "ffff", "65535", "65535");
        row("int32 -1", vt::Int32, "ffffffff", "-1", "-1");
        row("int32 min", vt::Int32, "00000080", "-2147483648", "-2147483648");
        row("uint32 4624", vt::UInt32, "10120000", "4624", "4624");
        row("uint32 max", vt::UInt32, "ffffffff", "4294967295", "4294967295");
        row("int64 min", vt::Int64, "0000000000000080", "-9223372036854775808",
            "-9223372036854775808");
        row("int64 -2", vt::Int64, "feffffffffffffff", "-2", "-2");
        row("uint64 max", vt::UInt64, "ffffffffffffffff", "18446744073709551615",
            "18446744073709551615");
        // Reals: shortest round-trip digits, never an exponent; JSON strings.
        row("real32 1.5", vt::Real32, "0000c03f", "1.5", "\"1.5\"");
        row("real32 0.1", vt::Real32, "cdcccc3d", "0.1", "\"0.1\"");
        row("real32 max", vt::Real32, "ffff7f7f", "340282350000000000000000000000000000000",
            "\"340282350000000000000000000000000000000\"");
        row("real64 0.1", vt::Real64, "9a9999999999b93f", "0.1", "\"0.1\"");
        row("real64 -2.5", vt::Real64, "00000000000004c0", "-2.5", "\"-2.5\"");
        row("real64 1e20", vt::Real64, "408cb5781daf1544", "100000000000000000000",
            "\"100000000000000000000\"");
        row("real64 1e-7", vt::Real64, "48afbc9af2d77a3e", "0.0000001", "\"0.0000001\"");
        row("real64 1", vt::Real64, "000000000000f03f", "1", "\"1\"");
        row("bool 0", vt::Bool, "00000000", "false", "false");
        row("bool 1", vt::Bool, "01000000", "true", "true");
        row("bool 2", vt::Bool, "02000000", "true", "true");
        row("bool high byte", vt::Bool, "00000001", "true", "true");
        row("binary", vt::Binary, "24050000", "24050000", "\"24050000\"");
        row("binary hex", vt::Binary, "deadbeef0a", "DEADBEEF0A", "\"DEADBEEF0A\"");
        // GUID 54849625-5478-4994-A5BA-3E3B0328C30D as stored (first three
        // groups little-endian).
        row("guid", vt::Guid, "25968454785494 49a5ba3e3b0328c30d",
            "54849625-5478-4994-A5BA-3E3B0328C30D", "\"54849625-5478-4994-A5BA-3E3B0328C30D\"");
        row("sizet 4", vt::SizeT, "78563412", "0x12345678", "\"0x12345678\"");
        row("sizet 4 zero", vt::SizeT, "00000000", "0x0", "\"0x0\"");
        row("sizet 8", vt::SizeT, "efcdab8967452301", "0x123456789abcdef", "\"0x123456789abcdef\"");
        // 0x01D1D94457579617 = 2016-07-08 18:12:51.6816407: the last tick
        // (100 ns) is truncated, not rounded.
        row("filetime", vt::FileTime, "1796575744d9d101", "2016-07-08T18:12:51.681640Z",
            "\"2016-07-08T18:12:51.681640Z\"");
        row("filetime 2", vt::FileTime, "00778b4a4ed9d101", "2016-07-08T19:24:05.178547Z",
            "\"2016-07-08T19:24:05.178547Z\"");
        row("filetime zero", vt::FileTime, "0000000000000000", "1601-01-01T00:00:00.000000Z",
            "\"1601-01-01T00:00:00.000000Z\"");
        // 116444736000000000 ticks = the Unix epoch.
        row("filetime unix epoch", vt::FileTime, "00803ed5deb19d01", "1970-01-01T00:00:00.000000Z",
            "\"1970-01-01T00:00:00.000000Z\"");
        // SYSTEMTIME 2019-03-09 (a Saturday, day-of-week 6) 07:23:05.468.
        row("systemtime", vt::SysTime, "e3070300060009000700170005 00d401",
            "2019-03-09T07:23:05.468000Z", "\"2019-03-09T07:23:05.468000Z\"");
        row("sid local system", vt::Sid, "010100000000000512000000", "S-1-5-18", "\"S-1-5-18\"");
        row("sid domain", vt::Sid, "010500000000000515000000c7f7fed77c7755c8945ace01f5030000",
            "S-1-5-21-3623811015-3361044348-30300820-1013",
            "\"S-1-5-21-3623811015-3361044348-30300820-1013\"");
        row("hexint32", vt::HexInt32, "e7030000", "0x3e7", "\"0x3e7\"");
        row("hexint32 max", vt::HexInt32, "ffffffff", "0xffffffff", "\"0xffffffff\"");
        row("hexint64", vt::HexInt64, "0008200000000040", "0x4000000000200800",
            "\"0x4000000000200800\"");
        row("hexint64 zero", vt::HexInt64, "0000000000000000", "0x0", "\"0x0\"");
        row("null", vt::Null, "", "", "null");
    }
    void scalars() {
        QFETCH(int, type);
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, xml);
        QFETCH(QByteArray, json);
        const evtx::Value v = valueOf(uint8_t(type), bytes);
        QCOMPARE(evtx::validateValue(v), std::string());
        QCOMPARE(text(v), xml);
        QCOMPARE(::json(v), json);
    }

    void systemTimes() {
        // year, month, day-of-week, day, hour, minute, second, milliseconds
        auto st = [](uint16_t y, uint16_t m, uint16_t d, uint16_t h = 0, uint16_t mi = 0,
                     uint16_t s = 0, uint16_t ms = 0) {
            QByteArray b;
            for (uint16_t f : {y, m, uint16_t(0), d, h, mi, s, ms}) {
                b.append(char(f & 0xFF));
                b.append(char(f >> 8));
            }
            return b;
        };
        const QByteArray leap = st(2020, 2, 29, 23, 59, 59, 999);
        evtx::Value v = valueOf(evtx::vt::SysTime, leap);
        QCOMPARE(evtx::validateValue(v), std::string());
        QCOMPARE(text(v), QByteArray("2020-02-29T23:59:59.999000Z"));

        // Invalid dates are refused by validateValue (the record then fails).
        for (const QByteArray& bad :
             {st(2019, 13, 1), st(2019, 0, 1), st(2019, 2, 29), st(2019, 4, 31), st(2019, 1, 0),
              st(2019, 1, 1, 24), st(2019, 1, 1, 0, 60), st(2019, 1, 1, 0, 0, 0, 1000)}) {
            const evtx::Value b = valueOf(evtx::vt::SysTime, bad);
            QVERIFY2(!evtx::validateValue(b).empty(), bad.toHex().constData());
            evtx::OutBuffer out;
            QVERIFY(!evtx::formatSystemTime(out, b.data));
            QCOMPARE(out.size(), size_t(0));
        }
    }

    void validation() {
        using namespace evtx;
        // Too short for the fixed size.
        QVERIFY(!validateValue(valueOf(vt::UInt32, hexBytes("0102"))).empty());
        QVERIFY(!validateValue(valueOf(vt::Guid, hexBytes("00112233"))).empty());
        QVERIFY(!validateValue(valueOf(vt::FileTime, hexBytes("00"))).empty());
        // SizeT is 4 or 8 bytes, nothing else.
        QVERIFY(!validateValue(valueOf(vt::SizeT, hexBytes("010203040506"))).empty());
        // A SID announcing more sub-authorities than it has.
        QVERIFY(!validateValue(valueOf(vt::Sid, hexBytes("010200000000000512000000"))).empty());
        QVERIFY(!validateValue(valueOf(vt::Sid, hexBytes("0101"))).empty());
        // Unsupported types.
        QVERIFY(!validateValue(valueOf(vt::EvtHandle, hexBytes("00000000"))).empty());
        // Null is always fine.
        QCOMPARE(validateValue(valueOf(vt::Null, hexBytes("0102"))), std::string());
    }

    void strings() {
        using evtx::vt::String;
        QCOMPARE(text(valueOf(String, u16(u"Hello"))), QByteArray("Hello"));
        // Non-ASCII BMP: é (U+00E9) and € (U+20AC).
        QCOMPARE(text(valueOf(String, u16(u"\u00e9\u20ac"))), QByteArray("\xC3\xA9\xE2\x82\xAC"));
        // Surrogate pair D83D DE00 = U+1F600 (F0 9F 98 80 in UTF-8).
        QCOMPARE(text(valueOf(String, u16(u"a\xD83D\xDE00z"))), QByteArray("a\xF0\x9F\x98\x80z"));
        // Unpaired surrogates become U+FFFD (EF BF BD).
        QCOMPARE(text(valueOf(String, u16(u"\xD800"
                                          u"A"))),
                 QByteArray("\xEF\xBF\xBD"
                            "A"));
        QCOMPARE(text(valueOf(String, u16(u"A\xDC00"))), QByteArray("A\xEF\xBF\xBD"));
        QCOMPARE(text(valueOf(String, u16(u"\xD83D"))), QByteArray("\xEF\xBF\xBD"));
        // Text stops at the first NUL unit.
        QCOMPARE(text(valueOf(String, u16(std::u16string_view(u"ab\0cd", 5)))), QByteArray("ab"));
        // An odd trailing byte is not a code unit.
        QByteArray odd = u16(u"ab");
        odd.append('c');
        QCOMPARE(text(valueOf(String, odd)), QByteArray("ab"));
        QCOMPARE(json(valueOf(String, u16(u"x y"))), QByteArray("\"x y\""));
        QCOMPARE(json(valueOf(String, QByteArray())), QByteArray("\"\""));
    }

    void xmlEscaping() {
        const QByteArray s = u16(u"a&b<c>d\"e'f");
        QCOMPARE(text(valueOf(evtx::vt::String, s), evtx::Escape::Xml),
                 QByteArray("a&amp;b&lt;c&gt;d\"e'f"));
        QCOMPARE(text(valueOf(evtx::vt::String, s), evtx::Escape::XmlAttr),
                 QByteArray("a&amp;b&lt;c&gt;d&quot;e&apos;f"));
        QCOMPARE(text(valueOf(evtx::vt::String, s), evtx::Escape::None),
                 QByteArray("a&b<c>d\"e'f"));
        // Escaping applies after transcoding: non-ASCII stays as UTF-8.
        QCOMPARE(text(valueOf(evtx::vt::String, u16(u"\u00e9&"))), QByteArray("\xC3\xA9&amp;"));

        evtx::OutBuffer out;
        evtx::writeEscaped(out, "<a href='x'>&amp;</a>", evtx::Escape::XmlAttr);
        QCOMPARE(QByteArray(out.data(), qsizetype(out.size())),
                 QByteArray("&lt;a href=&apos;x&apos;&gt;&amp;amp;&lt;/a&gt;"));
    }

    void jsonEscaping() {
        const QByteArray s = u16(u"q\"b\\n\nt\tr\rb\bf\f\x01\x1f\x7f\u00e9");
        QCOMPARE(json(valueOf(evtx::vt::String, s)),
                 QByteArray("\"q\\\"b\\\\n\\nt\\tr\\rb\\bf\\f\\u0001\\u001f\x7f\xC3\xA9\""));
        // XML characters are not escaped in JSON.
        QCOMPARE(json(valueOf(evtx::vt::String, u16(u"<&>'"))), QByteArray("\"<&>'\""));
        // Non-string values that are JSON strings go through the same path.
        QCOMPARE(json(valueOf(evtx::vt::AnsiString, hexBytes("410a22"))),
                 QByteArray("\"A\\n\\\"\""));
    }

    void ansi() {
        using evtx::vt::AnsiString;
        // Windows-1252: 0x80 is the euro sign (U+20AC), 0xE9 is é.
        QCOMPARE(text(valueOf(AnsiString, hexBytes("8041e9"))), QByteArray("\xE2\x82\xAC"
                                                                           "A\xC3\xA9"));
        // 0x92 = right single quote U+2019; 0x9F = Ÿ U+0178.
        QCOMPARE(text(valueOf(AnsiString, hexBytes("929f"))), QByteArray("\xE2\x80\x99\xC5\xB8"));
        // Stops at NUL; escapes like UTF-16 text.
        QCOMPARE(text(valueOf(AnsiString, hexBytes("3c2600414243"))), QByteArray("&lt;&amp;"));
        // Latin-1 maps 0x80 to U+0080 (C2 80).
        const evtx::AnsiCodec* latin1 = evtx::AnsiCodec::byName("Latin1");
        QVERIFY(latin1);
        QCOMPARE(text(valueOf(AnsiString, hexBytes("80e9")), evtx::Escape::Xml, *latin1),
                 QByteArray("\xC2\x80\xC3\xA9"));
        QCOMPARE(evtx::AnsiCodec::byName("CP1252"), &evtx::AnsiCodec::windows1252());
        QVERIFY(!evtx::AnsiCodec::byName("klingon"));
    }

    void arrays() {
        using namespace evtx;
        // String array: NUL-separated items, a trailing NUL ends the last.
        const QByteArray strs = u16(std::u16string_view(u"a\0bc\0", 5));
        QCOMPARE(json(valueOf(vt::String | vt::ArrayFlag, strs)), QByteArray("[\"a\",\"bc\"]"));
        // An empty item in the middle stays; no trailing NUL is fine too.
        const QByteArray gaps = u16(std::u16string_view(u"a\0\0b", 4));
        QCOMPARE(json(valueOf(vt::String | vt::ArrayFlag, gaps)), QByteArray("[\"a\",\"\",\"b\"]"));
        QCOMPARE(json(valueOf(vt::UInt16 | vt::ArrayFlag, hexBytes("01000200ffff"))),
                 QByteArray("[1,2,65535]"));
        QCOMPARE(json(valueOf(vt::Int8 | vt::ArrayFlag, hexBytes("ff01"))), QByteArray("[-1,1]"));
        QCOMPARE(json(valueOf(vt::HexInt32 | vt::ArrayFlag, hexBytes("0a000000ff000000"))),
                 QByteArray("[\"0xa\",\"0xff\"]"));
        // Two SIDs back to back (self-sized).
        QCOMPARE(json(valueOf(vt::Sid | vt::ArrayFlag,
                              hexBytes("010100000000000512000000010100000000000513000000"))),
                 QByteArray("[\"S-1-5-18\",\"S-1-5-19\"]"));
        // A partial trailing item is not an item.
        QCOMPARE(json(valueOf(vt::UInt32 | vt::ArrayFlag, hexBytes("0100000002"))),
                 QByteArray("[1]"));
        QCOMPARE(json(valueOf(vt::UInt32 | vt::ArrayFlag, QByteArray())), QByteArray("[]"));
    }

    void emptiness() {
        using namespace evtx;
        QVERIFY(isEmptyValue(Value{}));
        QVERIFY(isEmptyValue(valueOf(vt::Null, hexBytes("01020304"))));
        QVERIFY(isEmptyValue(valueOf(vt::String, QByteArray())));
        QVERIFY(isEmptyValue(valueOf(vt::String, hexBytes("0000"))));
        QVERIFY(isEmptyValue(valueOf(vt::String, hexBytes("00000000"))));
        QVERIFY(!isEmptyValue(valueOf(vt::String, u16(u"a"))));
        QVERIFY(isEmptyValue(valueOf(vt::AnsiString, hexBytes("00"))));
        QVERIFY(!isEmptyValue(valueOf(vt::AnsiString, hexBytes("41"))));
        QVERIFY(isEmptyValue(valueOf(vt::Binary, QByteArray())));
        QVERIFY(!isEmptyValue(valueOf(vt::Binary, hexBytes("00"))));
        // Numbers are never empty, zero included.
        QVERIFY(!isEmptyValue(valueOf(vt::UInt32, hexBytes("00000000"))));
        QVERIFY(!isEmptyValue(valueOf(vt::Bool, hexBytes("00000000"))));
        // Arrays are empty when they have no item.
        QVERIFY(isEmptyValue(valueOf(vt::String | vt::ArrayFlag, QByteArray())));
        QVERIFY(!isEmptyValue(valueOf(vt::UInt16 | vt::ArrayFlag, hexBytes("0100"))));
    }

    void formatters() {
        evtx::OutBuffer out;
        auto take = [&] {
            QByteArray s(out.data(), qsizetype(out.size()));
            out.clear();
            return s;
        };
        evtx::formatHex(out, 0);
        QCOMPARE(take(), QByteArray("0x0"));
        evtx::formatHex(out, 0xFFFFFFFFFFFFFFFFull);
        QCOMPARE(take(), QByteArray("0xffffffffffffffff"));
        evtx::formatSigned(out, -42);
        QCOMPARE(take(), QByteArray("-42"));
        evtx::formatUnsigned(out, 0);
        QCOMPARE(take(), QByteArray("0"));
        // 2019-03-09T07:23:05.4682Z = FILETIME 0x01D4D648F0180390.
        evtx::formatFileTime(out, 0x01D4D648F0180390ull);
        QCOMPARE(take(), QByteArray("2019-03-09T07:23:05.468200Z"));
        // The last microsecond of year 9999 (Python's datetime agrees), the
        // next one, and the largest FILETIME: five-digit years get a '+'.
        evtx::formatFileTime(out, 0x24C85A5ED1C03FF6ull);
        QCOMPARE(take(), QByteArray("9999-12-31T23:59:59.999999Z"));
        evtx::formatFileTime(out, 0x24C85A5ED1C04000ull);
        QCOMPARE(take(), QByteArray("+10000-01-01T00:00:00.000000Z"));
        evtx::formatFileTime(out, 0xFFFFFFFFFFFFFFFFull);
        QCOMPARE(take(), QByteArray("+60056-05-28T05:36:10.955161Z"));
        evtx::formatReal(out, 0.5, false);
        QCOMPARE(take(), QByteArray("0.5"));
        evtx::formatReal(out, -0.0, false);
        QCOMPARE(take(), QByteArray("-0"));
        const uint8_t sid[] = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};
        evtx::formatSid(out, sid, sizeof sid);
        QCOMPARE(take(), QByteArray("S-1-5-18"));
        const uint8_t guid[16] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10};
        evtx::formatGuid(out, guid);
        QCOMPARE(take(), QByteArray("04030201-0605-0807-090A-0B0C0D0E0F10"));
    }

    // The table-driven integer writers against std::to_chars (the standard
    // library's own formatting) at every digit-count boundary, both ends of
    // each type, and 100,000 random values of every magnitude.
    void integersMatchToChars() {
        std::vector<uint64_t> values{0, UINT64_MAX, uint64_t(INT64_MAX), uint64_t(INT64_MIN),
                                     10000000000000000000ull};
        for (uint64_t p = 1; p <= UINT64_MAX / 10; p *= 10)
            for (uint64_t v : {p - 1, p, p + 1, p * 10 - 1})
                values.push_back(v);
        for (int bit = 0; bit < 64; ++bit)
            for (uint64_t v : {uint64_t(1) << bit, (uint64_t(1) << bit) - 1})
                values.push_back(v);
        std::mt19937_64 rng(7);
        for (int i = 0; i < 100000; ++i)
            values.push_back(rng() >> (rng() % 64));
        evtx::OutBuffer out;
        auto check = [&](auto format, auto v, int base, const char* prefix) {
            out.clear();
            format(out, v);
            char expected[80];
            const size_t prefixLength = std::strlen(prefix);
            std::memcpy(expected, prefix, prefixLength);
            char* end =
                std::to_chars(expected + prefixLength, expected + sizeof expected, v, base).ptr;
            return std::string_view(out.data(), out.size()) ==
                   std::string_view(expected, size_t(end - expected));
        };
        for (uint64_t v : values) {
            QVERIFY2(check(evtx::formatUnsigned, v, 10, ""), std::to_string(v).c_str());
            QVERIFY2(check(evtx::formatHex, v, 16, "0x"), std::to_string(v).c_str());
            QVERIFY2(check(evtx::formatSigned, int64_t(v), 10, ""),
                     std::to_string(int64_t(v)).c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestValues)
#include "tst_values.moc"
