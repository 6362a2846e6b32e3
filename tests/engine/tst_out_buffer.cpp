// OutBuffer against a std::string fed the same operations: appends of every
// length across many regrowths, pushes, reserve/commit with partial use,
// truncate, clear and reuse, and copies and moves that keep the bytes.
#include "evtx/text/out_buffer.hpp"

#include <QTest>

#include <random>
#include <string>
#include <utility>

class TestOutBuffer : public QObject {
    Q_OBJECT

  private slots:
    void matchesAStringFedTheSameOperations() {
        std::mt19937 random(20261203);
        std::string source(5000, '\0');
        for (char& c : source)
            c = char('a' + random() % 26);
        evtx::OutBuffer out;
        std::string expected;
        for (int step = 0; step < 20000; ++step) {
            switch (random() % 5) {
            case 0: { // append: short pieces mostly, now and then a long one
                const size_t n = random() % 8 == 0 ? random() % 5000 : random() % 40;
                const size_t at = random() % (source.size() - n + 1);
                out.append(source.data() + at, n);
                expected.append(source, at, n);
                break;
            }
            case 1: {
                const char c = char('A' + random() % 26);
                out.push(c);
                expected.push_back(c);
                break;
            }
            case 2: { // reserve room for n, use only part of it
                const size_t n = random() % 300;
                const size_t used = n ? random() % n : 0;
                char* d = out.reserve(n);
                for (size_t i = 0; i < used; ++i)
                    d[i] = char('0' + i % 10);
                out.commit(used);
                for (size_t i = 0; i < used; ++i)
                    expected.push_back(char('0' + i % 10));
                break;
            }
            case 3: {
                const size_t n = expected.empty() ? 0 : random() % (expected.size() + 10);
                out.truncate(n);
                if (n < expected.size()) expected.resize(n);
                break;
            }
            case 4:
                if (random() % 50 == 0) {
                    out.clear();
                    expected.clear();
                }
                break;
            }
            QCOMPARE(out.size(), expected.size());
            if (!expected.empty()) QCOMPARE(out.back(), expected.back());
        }
        QVERIFY(out.view() == expected);
    }

    void copiesAndMovesKeepTheBytes() {
        evtx::OutBuffer a;
        for (int i = 0; i < 1000; ++i)
            a.append("record ");
        const std::string expected(a.view());
        evtx::OutBuffer copy(a);
        QVERIFY(copy.view() == expected);
        QVERIFY(copy.data() != a.data());
        copy.append("more");
        QVERIFY(a.view() == expected); // the copy owns its bytes
        evtx::OutBuffer assigned;
        assigned.append("old");
        assigned = a;
        QVERIFY(assigned.view() == expected);
        evtx::OutBuffer moved(std::move(a));
        QVERIFY(moved.view() == expected);
        QCOMPARE(a.size(), size_t(0)); // NOLINT: a moved-from buffer is empty and usable
        a.append("again");
        QVERIFY(a.view() == "again");
        evtx::OutBuffer target;
        target = std::move(moved);
        QVERIFY(target.view() == expected);
    }

    void emptyBuffersAreEmpty() {
        evtx::OutBuffer out;
        QCOMPARE(out.size(), size_t(0));
        QVERIFY(out.view().empty());
        out.truncate(5);
        QCOMPARE(out.size(), size_t(0));
        evtx::OutBuffer sized(100);
        QCOMPARE(sized.size(), size_t(0));
        QVERIFY(sized.reserve(100) != nullptr);
    }
};

QTEST_GUILESS_MAIN(TestOutBuffer)
#include "tst_out_buffer.moc"
