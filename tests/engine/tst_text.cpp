// The UTF-16 transcoder (SIMD blocks of 16 and 8 units, overlapping tails,
// scalar runs) against a one-unit-at-a-time model of the rules written here:
// UTF-8 output, U+FFFD for unpaired surrogates, NUL ends the text when asked,
// and the escapes of each mode (json-output.md). Random strings of every
// length up to 80 units mix ASCII, escapable characters, non-ASCII, pairs
// and lone surrogates at every position relative to the vector blocks.
#include "evtx/text/text.hpp"

#include <QTest>

#include <random>
#include <string>
#include <vector>

namespace {

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

void appendEscaped(std::string& out, uint32_t c, evtx::Escape mode) {
    using evtx::Escape;
    if (mode == Escape::Xml || mode == Escape::XmlAttr) {
        if (c == '&') return void(out += "&amp;");
        if (c == '<') return void(out += "&lt;");
        if (c == '>') return void(out += "&gt;");
        if (mode == Escape::XmlAttr && c == '"') return void(out += "&quot;");
        if (mode == Escape::XmlAttr && c == '\'') return void(out += "&apos;");
    } else if (mode == Escape::Json) {
        if (c == '"') return void(out += "\\\"");
        if (c == '\\') return void(out += "\\\\");
        if (c == '\n') return void(out += "\\n");
        if (c == '\r') return void(out += "\\r");
        if (c == '\t') return void(out += "\\t");
        if (c == '\b') return void(out += "\\b");
        if (c == '\f') return void(out += "\\f");
        if (c < 0x20) {
            char u[7];
            std::snprintf(u, sizeof u, "\\u%04x", unsigned(c));
            return void(out += u);
        }
    }
    appendUtf8(out, c);
}

std::string model(const std::vector<uint16_t>& units, evtx::Escape mode, bool stopAtNul) {
    std::string out;
    for (size_t i = 0; i < units.size(); ++i) {
        uint32_t u = units[i];
        if (u == 0 && stopAtNul) break;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 1 < units.size() && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00);
                ++i;
            } else {
                u = 0xFFFD;
            }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            u = 0xFFFD;
        }
        appendEscaped(out, u, mode);
    }
    return out;
}

std::string transcoded(const std::vector<uint16_t>& units, evtx::Escape mode, bool stopAtNul) {
    // Little-endian bytes in a buffer of exactly the string's size, so that
    // a read past the end is an ASan report.
    std::vector<uint8_t> bytes(units.size() * 2);
    for (size_t i = 0; i < units.size(); ++i) {
        bytes[2 * i] = uint8_t(units[i]);
        bytes[2 * i + 1] = uint8_t(units[i] >> 8);
    }
    if (mode == evtx::Escape::None) {
        // utf16ToUtf8 transcodes into a buffer of 3 bytes per unit: the
        // tightest room the vector stores must stay inside.
        const std::string direct = evtx::utf16ToUtf8(bytes.data(), units.size(), stopAtNul);
        evtx::OutBuffer out;
        evtx::writeUtf16(out, bytes.data(), units.size(), mode, stopAtNul);
        if (direct != out.view()) return "utf16ToUtf8 differs: " + direct;
        return direct;
    }
    evtx::OutBuffer out;
    out.append("<");
    evtx::writeUtf16(out, bytes.data(), units.size(), mode, stopAtNul);
    const std::string s(out.view());
    return s.substr(1);
}

// One unit from a mix weighted towards what breaks vector blocks.
uint16_t randomUnit(std::mt19937& rng) {
    static const uint16_t kSpecial[] = {'"',    '\\',   '&',    '<',  '>',    '\'',   '\n',
                                        '\t',   0x01,   0x1F,   0x7F, 0x80,   0xFF,   0x100,
                                        0x7FFF, 0x8000, 0xFFFF, 0xE9, 0x4E2D, 0xFEFF, 0};
    const unsigned kind = rng() % 16;
    if (kind < 11) return uint16_t(0x20 + rng() % 0x5F); // printable ASCII
    if (kind < 14) return kSpecial[rng() % (sizeof kSpecial / sizeof kSpecial[0])];
    if (kind == 14) return uint16_t(0xD800 + rng() % 0x400); // high surrogate
    return uint16_t(0xDC00 + rng() % 0x400);                 // low surrogate
}

} // namespace

class TestText : public QObject {
    Q_OBJECT

  private slots:
    void modelChecksByHand() {
        // The model itself, on hand-worked cases.
        QCOMPARE(model({'a', '"', 0x5C, 0x0A}, evtx::Escape::Json, true),
                 std::string("a\\\"\\\\\\n"));
        QCOMPARE(model({0x3C, 0x26, 0x27}, evtx::Escape::XmlAttr, true),
                 std::string("&lt;&amp;&apos;"));
        QCOMPARE(model({0xD83D, 0xDE00, 0xD800, 'x'}, evtx::Escape::None, true),
                 std::string("\xF0\x9F\x98\x80\xEF\xBF\xBDx"));
        QCOMPARE(model({'a', 0, 'b'}, evtx::Escape::None, true), std::string("a"));
        QCOMPARE(model({0x01}, evtx::Escape::Json, false), std::string("\\u0001"));
    }

    void plainAsciiOfEveryLength() {
        for (size_t n = 0; n <= 80; ++n) {
            std::vector<uint16_t> units(n);
            for (size_t i = 0; i < n; ++i)
                units[i] = uint16_t('A' + i % 26);
            for (auto mode :
                 {evtx::Escape::None, evtx::Escape::Xml, evtx::Escape::XmlAttr, evtx::Escape::Json})
                QCOMPARE(transcoded(units, mode, true), model(units, mode, true));
        }
    }

    void oneSpecialUnitAtEveryPosition() {
        // Each special unit alone at position k of an ASCII string of length
        // n: the first lane, the last lane, and across 8/16-unit blocks.
        const uint16_t specials[] = {'"',  '\\', '&',   '<',    '>',    '\'',   0x0A,
                                     0x00, 0x80, 0x100, 0x8000, 0xFFFF, 0xD800, 0xDC00};
        for (size_t n = 1; n <= 40; ++n)
            for (size_t k = 0; k < n; ++k)
                for (uint16_t s : specials) {
                    std::vector<uint16_t> units(n, 'x');
                    units[k] = s;
                    for (auto mode : {evtx::Escape::None, evtx::Escape::Xml, evtx::Escape::XmlAttr,
                                      evtx::Escape::Json})
                        for (bool stop : {true, false})
                            QCOMPARE(transcoded(units, mode, stop), model(units, mode, stop));
                }
    }

    void randomMixes() {
        std::mt19937 rng(20261125);
        for (int round = 0; round < 20000; ++round) {
            std::vector<uint16_t> units(rng() % 81);
            for (uint16_t& u : units)
                u = randomUnit(rng);
            // Mostly-ASCII strings too, the common case in logs.
            if (round % 2)
                for (uint16_t& u : units)
                    if (rng() % 8) u = uint16_t('a' + rng() % 26);
            const auto mode = evtx::Escape(round % 4);
            const bool stop = (round / 4) % 2;
            const std::string got = transcoded(units, mode, stop);
            const std::string want = model(units, mode, stop);
            if (got != want) {
                QString hex;
                for (uint16_t u : units)
                    hex += QString::number(u, 16) + ' ';
                QFAIL(qPrintable(
                    QStringLiteral("mode %1 stop %2 units %3").arg(int(mode)).arg(stop).arg(hex)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestText)
#include "tst_text.moc"
