// Crafted input that once cost too much or crashed, and the limits that
// bound it (engine/src/binxml/binxml_parser.cpp): element nesting across
// templates and BinXML values, the expanded size of a record (values
// substituted many times, array repeats, huge templates), template bytes per
// chunk, many templates per chunk. Inputs are written by the test builder;
// fuzzer findings are re-created here by hand, minimised.
#include "dump_to_memory.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/query/query.hpp"
#include "evtx_builder.hpp"

#include <QTest>

#include <functional>
#include <string>
#include <vector>

using namespace evtxtest;

namespace {

// dumpToMemory's result with the text as a std::string, what the checks
// below search and compare.
struct Dumped {
    std::string text;
    std::vector<evtx::DumpError> errors;
    evtx::DumpStats stats;
};

// A log of that one chunk, dumped on one thread.
Dumped dump(const ByteVec& chunk, evtx::OutputFormat format = evtx::OutputFormat::Jsonl) {
    const ByteVec file = makeFile({chunk});
    evtx::DumpOptions opt;
    opt.format = format;
    opt.threads = 1;
    DumpedText d = dumpToMemory(evtx::Bytes(file.data(), file.size()), opt);
    return {d.text.toStdString(), std::move(d.errors), d.stats};
}

std::array<uint8_t, 16> guid(uint8_t n) {
    std::array<uint8_t, 16> g{};
    g.fill(n);
    return g;
}

ByteVec ascii(const std::string& s) {
    ByteVec b;
    for (char c : s) {
        b.push_back(uint8_t(c));
        b.push_back(0);
    }
    return b;
}

// Checks every error names `limit` and says which record it was.
void checkLimitErrors(const Dumped& d, size_t count, const char* limit) {
    QCOMPARE(d.errors.size(), count);
    for (const evtx::DumpError& e : d.errors) {
        QVERIFY(e.recordId.has_value());
        QVERIFY2(e.reason.find(limit) != std::string::npos, e.reason.c_str());
    }
}

// A template: `depth` nested <D> elements around substitution 0 (BinXML).
void deepTemplate(ChunkBuilder& b, int depth) {
    b.fragmentHeader();
    for (int i = 0; i < depth; ++i) {
        b.open(u"D");
        b.closeStart();
    }
    b.subst(0, 0x21);
    for (int i = 0; i < depth; ++i)
        b.end();
    b.endFragment();
}

// A BinXML value (or record) holding `levels` instances of the template at
// `def`, each the single value of the one outside it; the innermost value is
// the string "x".
void nestedInstances(ChunkBuilder& b, uint32_t def, int levels) {
    b.fragmentHeader();
    b.templateRef(def);
    if (levels <= 1)
        b.values({Val{0x01, ascii("x")}});
    else
        b.values({Val{0x21, {}, [&b, def, levels] { nestedInstances(b, def, levels - 1); }}});
}

// Record 1 defines the template (its value "x"); record 2 nests it.
ByteVec nestedChunk(const std::function<void()>& body, int levels, ChunkBuilder& b) {
    const uint32_t def = templateRecord(b, 1, 0, guid(1), body, {Val{0x01, ascii("x")}});
    size_t r = b.beginRecord(2);
    nestedInstances(b, def, levels);
    b.endFragment();
    b.endRecord(r);
    return b.finish(1, 2);
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

} // namespace

class TestRegressions : public QObject {
    Q_OBJECT

  private slots:
    void nestingCountsTemplatesAndValues() {
        // Each fragment was limited to 256 levels on its own, so 16 nested
        // BinXML values could nest 4096 elements (deep recursion when
        // rendering). Now the whole record is limited: 2 x 100 levels read,
        // 3 x 100 fail naming kMaxDepth.
        {
            ChunkBuilder b;
            Dumped d = dump(nestedChunk([&] { deepTemplate(b, 100); }, 2, b));
            QVERIFY(d.errors.empty());
            QCOMPARE(d.stats.records, uint64_t(2));
        }
        ChunkBuilder b;
        Dumped d = dump(nestedChunk([&] { deepTemplate(b, 100); }, 3, b));
        QCOMPARE(d.stats.records, uint64_t(1));
        checkLimitErrors(d, 1, "kMaxDepth");
        QCOMPARE(*d.errors[0].recordId, uint64_t(2));
    }

    void plainNestingIsLimited() {
        ChunkBuilder b;
        size_t r = b.beginRecord(1);
        b.fragmentHeader();
        for (int i = 0; i < 300; ++i) {
            b.open(u"N", false, false);
            b.closeStart();
        }
        for (int i = 0; i < 300; ++i)
            b.end();
        b.endFragment();
        b.endRecord(r);
        checkLimitErrors(dump(b.finish(1, 1)), 1, "kMaxDepth");
    }

    void valuesSubstitutedManyTimesAreBounded() {
        // <E>{0}{0}{0}{0}{0}{0}{0}{0}</E> with value 0 another instance of
        // the same template, 12 deep: 8^12 expansions from a 300-byte record
        // (it never finished). Now an error naming the limit; 3 deep is fine.
        auto eight = [](ChunkBuilder& b) {
            b.fragmentHeader();
            b.open(u"E");
            b.closeStart();
            for (int i = 0; i < 8; ++i)
                b.subst(0, 0x21);
            b.end();
            b.endFragment();
        };
        {
            ChunkBuilder b;
            Dumped d = dump(nestedChunk([&] { eight(b); }, 3, b), evtx::OutputFormat::Xml);
            QVERIFY(d.errors.empty());
            // Record 1 and the 64 innermost instances: 8 x each.
            QCOMPARE(count(d.text, "xxxxxxxx</E>"), size_t(1 + 64));
        }
        ChunkBuilder b;
        Dumped d = dump(nestedChunk([&] { eight(b); }, 12, b));
        QCOMPARE(d.stats.records, uint64_t(1));
        checkLimitErrors(d, 1, "kMaxExpansion");
    }

    void arrayRepeatsAreBounded() {
        // <E>{0: UInt8 array}<F>{1: BinXML}</F></E>: E is written once per
        // array item, each time with the whole BinXML value inside.
        auto arrayChunk = [](size_t items) {
            ChunkBuilder b;
            auto body = [&] {
                b.fragmentHeader();
                b.open(u"E");
                b.closeStart();
                b.subst(0, 0x84);
                b.open(u"F");
                b.closeStart();
                b.subst(1, 0x21);
                b.end();
                b.end();
                b.endFragment();
            };
            auto fragment = [&] {
                b.fragmentHeader();
                b.open(u"G", false, false);
                b.closeStart();
                for (int i = 0; i < 300; ++i)
                    b.text(u"abcdefgh");
                b.end();
            };
            templateRecord(b, 1, 0, guid(2), body,
                           {Val{0x84, ByteVec(items, 7)}, Val{0x21, {}, fragment}});
            return b.finish(1, 1);
        };
        Dumped ok = dump(arrayChunk(10));
        QVERIFY(ok.errors.empty());
        QCOMPARE(ok.stats.records, uint64_t(1));
        checkLimitErrors(dump(arrayChunk(3000)), 1, "kMaxExpansion");
    }

    void hugeTemplateReusedByTinyRecords() {
        // A 40 KB template written out by each 50-byte record that names it:
        // the first record (holding the definition) reads, the others fail.
        ChunkBuilder b;
        const std::u16string big(20000, u'\u4e00');
        auto body = [&] {
            b.fragmentHeader();
            b.open(u"H");
            b.closeStart();
            b.text(big);
            b.end();
            b.endFragment();
        };
        const uint32_t def = templateRecord(b, 1, 0, guid(3), body, {});
        for (uint64_t id = 2; id <= 200; ++id)
            templateRecord(b, id, def, guid(3), body, {});
        Dumped d = dump(b.finish(1, 200));
        QCOMPARE(d.stats.records, uint64_t(1));
        checkLimitErrors(d, 199, "kMaxExpansion");
    }

    void manyTemplatesPerChunk() {
        // 200 templates, each defined inline, then used again in reverse
        // order: found by offset past the short list, each with its values.
        ChunkBuilder b;
        std::vector<uint32_t> defs;
        const int n = 200;
        for (int i = 0; i < n; ++i) {
            const std::u16string name = u"T" + std::u16string(1, char16_t(u'0' + i % 10));
            auto body = [&] {
                b.fragmentHeader();
                b.open(name);
                b.closeStart();
                b.subst(0, 0x01);
                b.end();
                b.endFragment();
            };
            defs.push_back(templateRecord(b, uint64_t(i + 1), 0, guid(uint8_t(i)), body,
                                          {Val{0x01, ascii(std::to_string(i))}}));
        }
        for (int i = n - 1; i >= 0; --i)
            templateRecord(b, uint64_t(2 * n - i), defs[size_t(i)], guid(uint8_t(i)), {},
                           {Val{0x01, ascii(std::to_string(i) + "b")}});
        Dumped d = dump(b.finish(1, 2 * n));
        QVERIFY(d.errors.empty());
        QCOMPARE(d.stats.records, uint64_t(2 * n));
        std::string want;
        for (int i = 0; i < n; ++i)
            want += "{\"T" + std::to_string(i % 10) + "\":\"" + std::to_string(i) + "\"}\n";
        for (int i = n - 1; i >= 0; --i)
            want += "{\"T" + std::to_string(i % 10) + "\":\"" + std::to_string(i) + "b\"}\n";
        QCOMPARE(d.text, want);
    }

    void loneArrayItemAsJsonNumber() {
        // Fuzzer (fuzz_binxml): an element whose only content is an array
        // of one number. The JSON renderer kept a pointer to that item, a
        // local of the content walk, and wrote it after the walk returned
        // (ASan: stack-buffer-overflow). Also with an attribute (#text).
        for (bool attr : {false, true}) {
            ChunkBuilder b;
            auto body = [&] {
                b.fragmentHeader();
                b.open(u"E", attr);
                if (attr) {
                    b.attr(u"A");
                    b.text(u"a");
                }
                b.closeStart();
                b.subst(0, 0x88);
                b.end();
                b.endFragment();
            };
            templateRecord(b, 1, 0, guid(4), body, {Val{0x88, le(1234567, 4)}});
            Dumped d = dump(b.finish(1, 1));
            QVERIFY(d.errors.empty());
            QCOMPARE(d.text,
                     std::string(attr
                                     ? "{\"E\":{\"#attributes\":{\"A\":\"a\"},\"#text\":1234567}}\n"
                                     : "{\"E\":1234567}\n"));
        }
    }

    void emptyFixedSizeValuesAreEmpty() {
        // Fuzzer (fuzz_binxml): a UInt64 value of size 0 substituted into an
        // element was written by reading 8 bytes at its (past-the-end) data
        // (ASan: heap-buffer-overflow). evtx-format.md: a value of size 0 is
        // empty, whatever its type: the attribute is left out, the element
        // is rendered empty. Each fixed-size type, normal substitution.
        for (uint8_t type : {0x04, 0x06, 0x08, 0x0A, 0x0D, 0x0F, 0x10, 0x11, 0x12, 0x14, 0x15}) {
            ChunkBuilder b;
            auto body = [&] {
                b.fragmentHeader();
                b.open(u"R");
                b.closeStart();
                b.open(u"E");
                b.closeStart();
                b.subst(0, type);
                b.end();
                b.open(u"F", true);
                b.attr(u"A");
                b.subst(1, type);
                b.closeStart();
                b.text(u"f");
                b.end();
                b.end();
                b.endFragment();
            };
            templateRecord(b, 1, 0, guid(5), body, {Val{type, {}}, Val{type, {}}});
            const ByteVec chunk = b.finish(1, 1);
            Dumped json = dump(chunk);
            QVERIFY2(json.errors.empty(), json.errors.empty() ? "" : json.errors[0].reason.c_str());
            QCOMPARE(json.text, std::string("{\"R\":{\"E\":null,\"F\":\"f\"}}\n"));
            Dumped xml = dump(chunk, evtx::OutputFormat::Xml);
            QVERIFY(xml.errors.empty());
            QVERIFY2(xml.text.find("<E></E>") != std::string::npos, xml.text.c_str());
            QVERIFY2(xml.text.find("<F>f</F>") != std::string::npos, xml.text.c_str());
        }
    }

    void recordsWithoutValuesReplay() {
        // Fuzzers (fuzz_binxml, fuzz_chunk; UBSan): a record with no template
        // values has an empty value layout, and its shape key copied zero
        // bytes from the empty vector's null data() (undefined). Records of
        // plain BinXML (no template) and of a template without values, each
        // twice (compiled, then replayed): this test fails in the sanitizer
        // build (CI) without the fix.
        ChunkBuilder b;
        for (uint64_t id = 1; id <= 2; ++id) {
            const size_t r = b.beginRecord(id);
            b.fragmentHeader();
            b.open(u"P", false, false);
            b.closeStart();
            b.text(u"t");
            b.end();
            b.endFragment();
            b.endRecord(r);
        }
        auto body = [&] {
            b.fragmentHeader();
            b.open(u"T");
            b.closeEmpty();
            b.endFragment();
        };
        const uint32_t def = templateRecord(b, 3, 0, guid(6), body, {});
        templateRecord(b, 4, def, guid(6), body, {});
        Dumped d = dump(b.finish(1, 4));
        QVERIFY(d.errors.empty());
        QCOMPARE(d.text, std::string("{\"P\":\"t\"}\n{\"P\":\"t\"}\n{\"T\":null}\n{\"T\":null}\n"));
        QCOMPARE(d.stats.shapesCompiled, uint64_t(2));  // records 1 and 3
        QCOMPARE(d.stats.recordsReplayed, uint64_t(2)); // records 2 and 4
    }

    void longArrayCompilesInLinearTime() {
        // <R><E>{0: UInt8 array}</E></R> with 60000 items: E is written once per
        // item. Compiling the record's shape looked each item up by scanning
        // the whole array (60000^2 steps); now by address, once per array.
        ChunkBuilder b;
        auto body = [&] {
            b.fragmentHeader();
            b.open(u"R");
            b.closeStart();
            b.open(u"E");
            b.closeStart();
            b.subst(0, 0x84);
            b.end();
            b.end();
            b.endFragment();
        };
        templateRecord(b, 1, 0, guid(5), body, {Val{0x84, ByteVec(60000, 7)}});
        Dumped d = dump(b.finish(1, 1), evtx::OutputFormat::Xml);
        QVERIFY(d.errors.empty());
        QCOMPARE(d.stats.records, uint64_t(1));
        QVERIFY(count(d.text, "<E>") == 60000); // one element per item
    }

    void deeplyNestedQueriesAreErrors() {
        // Fuzzer (fuzz_query): "*[((((((..." recursed once per '(' until the
        // stack ran out. Now 128 levels at most, in all three syntaxes
        // (QueryList selects are XPath); 100 levels still parse.
        auto nested = [](int n, const std::string& open, const std::string& inner,
                         const std::string& close) {
            std::string s;
            for (int i = 0; i < n; ++i)
                s += open;
            s += inner;
            for (int i = 0; i < n; ++i)
                s += close;
            return s;
        };
        evtx::QueryError error;
        QVERIFY(evtx::Query::parse(nested(100, "(", "EventID == 1", ")"), error));
        QVERIFY(evtx::Query::parseXPath("*[" + nested(100, "(", "System[EventID=1]", ")") + "]",
                                        error));
        for (int n : {200, 100000}) {
            QVERIFY(!evtx::Query::parse(nested(n, "(", "EventID == 1", ")"), error));
            QVERIFY2(error.message.find("kMaxQueryNesting") != std::string::npos,
                     error.message.c_str());
            QCOMPARE(error.position, size_t(128));
            QVERIFY(!evtx::Query::parse(nested(n, "not ", "EventID == 1", ""), error));
            QVERIFY2(error.message.find("kMaxQueryNesting") != std::string::npos,
                     error.message.c_str());
            QVERIFY(!evtx::Query::parseXPath("*[" + nested(n, "(", "System", ")") + "]", error));
            QVERIFY2(error.message.find("kMaxQueryNesting") != std::string::npos,
                     error.message.c_str());
            QVERIFY(!evtx::Query::parseXPath("*[" + nested(n, "not(", "System", ")") + "]", error));
            QVERIFY(!evtx::Query::parseQueryList("<QueryList><Query><Select>*[" +
                                                     nested(n, "(", "System", ")") +
                                                     "]</Select></Query></QueryList>",
                                                 error));
            QVERIFY2(error.message.find("kMaxQueryNesting") != std::string::npos,
                     error.message.c_str());
        }
    }

    void overlappingTemplateDefinitionsAreBounded() {
        // Record 1 carries 8 KB of 0xFF after its element (ignored there).
        // Records 2.. each name a different offset inside it as a template:
        // every one claims 4 GB of definition, so each hashed the rest of
        // the chunk; now 8 chunk sizes in all, then an error naming the
        // limit. Repeating a bad offset reports the same error again.
        ChunkBuilder b;
        size_t r = b.beginRecord(1);
        b.fragmentHeader();
        b.open(u"R", false, false);
        b.closeStart();
        b.text(u"1");
        b.end();
        const uint32_t filler = uint32_t(b.pos());
        b.raw(ByteVec(8192, 0xFF));
        b.endRecord(r);
        const int refs = 40;
        for (int i = 0; i < refs; ++i) {
            size_t q = b.beginRecord(uint64_t(i + 2));
            b.fragmentHeader();
            b.templateRef(filler + 24 * uint32_t(i % 30));
            b.values({});
            b.endFragment();
            b.endRecord(q);
        }
        Dumped d = dump(b.finish(1, refs + 1));
        QCOMPARE(d.stats.records, uint64_t(1));
        QCOMPARE(d.errors.size(), size_t(refs));
        size_t limited = 0;
        for (const evtx::DumpError& e : d.errors)
            limited += e.reason.find("kMaxTemplateBytesPerChunk") != std::string::npos;
        // 8 offsets fit 8 x 64 KB (each hashes almost 64 KB); 22 do not,
        // nor do 2 of the 10 named again.
        QCOMPARE(limited, size_t(24));
        auto what = [](const std::string& reason) {
            return reason.substr(reason.find("template at"));
        };
        QCOMPARE(what(d.errors[30].reason), what(d.errors[0].reason));
        QVERIFY2(d.errors[0].reason.find("invalid BinXML token") != std::string::npos,
                 d.errors[0].reason.c_str());
    }
};

QTEST_GUILESS_MAIN(TestRegressions)
#include "tst_regressions.moc"
