#include "evtx/query/text_search.hpp"

#include "evtx/index/record_reader.hpp"
#include "evtx/text/text.hpp"
#include "evtx/threads/worker_arena.hpp"
#include "text_match.hpp"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace evtx {

namespace {

// Rows per block: small enough that the first hits are handed out within
// a millisecond or two and cancel is quick, large enough to keep the
// per-block costs (sink, progress) out of the profile.
constexpr size_t kBlockRows = 256;

constexpr size_t kTextCount = 3; // SearchedText values

// Literals shorter than this are not worth a pass over the text before the
// regex runs.
constexpr int kMinAtomLength = 3;
// Each literal costs a pass over the text: with many (S-1-5-21-\d+-5\d\d
// gives eleven) the passes cost more than they save.
constexpr size_t kMaxAtoms = 4;

bool isAscii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return (unsigned char)c < 0x80; });
}

std::string escaped(std::string_view s, Escape mode) {
    OutBuffer out;
    writeEscaped(out, s, mode);
    return std::string(out.view());
}

// The forms a plain text takes in each searched text, without duplicates.
std::vector<std::string> formsOf(const std::string& text, SearchedText as) {
    std::vector<std::string> forms{text};
    auto add = [&](std::string f) {
        if (std::find(forms.begin(), forms.end(), f) == forms.end()) forms.push_back(std::move(f));
    };
    if (as == SearchedText::Json) add(escaped(text, Escape::Json));
    if (as == SearchedText::Xml) {
        add(escaped(text, Escape::Xml));
        add(escaped(text, Escape::XmlAttr));
    }
    return forms;
}

// Is `needle` in `text`? With `fold`, ASCII letters match either case
// (`needle` already in lower case). Sixteen positions at a time, the
// needle's first and last bytes are compared (folded by setting bit 0x20,
// which may let a few non-letters through), and each candidate is checked
// in full: JSON is full of any single letter, so memchr on the first byte
// alone (containsFolded) stops too often.
template <bool fold> bool containsNeedle(std::string_view text, std::string_view needle) {
    const size_t n = needle.size();
    if (n == 0) return true;
    if (text.size() < n) return false;
    auto equalAt = [&](size_t i) {
        return fold ? equalsFolded(text.substr(i, n), needle) : text.compare(i, n, needle) == 0;
    };
    size_t i = 0;
#if defined(__SSE2__)
    const char bit = fold ? 0x20 : 0;
    const __m128i set = _mm_set1_epi8(bit);
    const __m128i first = _mm_set1_epi8(char(needle[0] | bit));
    const __m128i last = _mm_set1_epi8(char(needle[n - 1] | bit));
    const char* p = text.data();
    for (; i + n - 1 + 16 <= text.size(); i += 16) {
        const __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i*)(p + i)), set);
        const __m128i b = _mm_or_si128(_mm_loadu_si128((const __m128i*)(p + i + n - 1)), set);
        unsigned bits = unsigned(
            _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
        while (bits) {
            if (equalAt(i + size_t(__builtin_ctz(bits)))) return true;
            bits &= bits - 1;
        }
    }
#endif
    for (; i + n <= text.size(); ++i)
        if (equalAt(i)) return true;
    return false;
}

std::unique_ptr<RE2> makeRegex(const std::string& source, bool matchCase) {
    RE2::Options options;
    options.set_case_sensitive(matchCase);
    options.set_log_errors(false);
    return std::make_unique<RE2>(source, options);
}

} // namespace

struct TextSearchPattern::Compiled {
    TextSearchSpec spec;
    // Plain text, the fast test: the forms for each searched text, folded
    // to lower case unless the case must match (ASCII texts only; others
    // go through the regex, which folds Unicode).
    bool literal = false;
    std::vector<std::string> forms[kTextCount];
    // Every kind of pattern: the regex for each searched text (plain texts
    // as an alternation of their quoted forms).
    std::unique_ptr<RE2> regex[kTextCount];
    // Regexes over JSON: the literals (lower case) any match must contain,
    // found with the fast literal search first; RE2 runs only on records
    // that hold them (most records hold none of a selective regex's).
    std::unique_ptr<re2::FilteredRE2> prefilter;
    std::vector<std::string> atoms;
};

std::optional<TextSearchPattern> TextSearchPattern::compile(const TextSearchSpec& spec,
                                                            std::string& error) {
    if (spec.text.empty()) {
        error = "nothing to search for";
        return std::nullopt;
    }
    auto c = std::make_shared<Compiled>();
    c->spec = spec;
    c->literal = !spec.regex && (spec.matchCase || isAscii(spec.text));
    for (size_t t = 0; t < kTextCount; ++t) {
        std::string source;
        if (spec.regex) {
            source = spec.text;
        } else {
            std::vector<std::string> forms = formsOf(spec.text, SearchedText(t));
            for (const std::string& f : forms) {
                if (!source.empty()) source += '|';
                source += RE2::QuoteMeta(f);
            }
            if (!spec.matchCase)
                for (std::string& f : forms)
                    f = lowerAscii(f);
            c->forms[t] = std::move(forms);
        }
        c->regex[t] = makeRegex(source, spec.matchCase);
        if (!c->regex[t]->ok()) {
            error = c->regex[t]->error();
            return std::nullopt;
        }
    }
    if (spec.regex) {
        auto filter = std::make_unique<re2::FilteredRE2>(kMinAtomLength);
        int id = 0;
        RE2::Options options = c->regex[size_t(SearchedText::Json)]->options();
        if (filter->Add(spec.text, options, &id) == RE2::NoError) {
            filter->Compile(&c->atoms);
            // The literal search folds ASCII only; RE2 may fold other letters.
            const bool ascii = std::all_of(c->atoms.begin(), c->atoms.end(),
                                           [](const std::string& a) { return isAscii(a); });
            if (!c->atoms.empty() && ascii && c->atoms.size() <= kMaxAtoms)
                c->prefilter = std::move(filter);
        }
    }
    return TextSearchPattern(std::move(c));
}

const TextSearchSpec& TextSearchPattern::spec() const {
    return compiled_->spec;
}

bool TextSearchPattern::found(std::string_view text, SearchedText as) const {
    const Compiled& c = *compiled_;
    if (c.prefilter && as == SearchedText::Json) {
        thread_local std::vector<int> present;
        present.clear();
        for (size_t i = 0; i < c.atoms.size(); ++i)
            if (containsNeedle<true>(text, c.atoms[i])) present.push_back(int(i));
        return c.prefilter->FirstMatch(re2::StringPiece(text.data(), text.size()), present) == 0;
    }
    if (!c.literal) return RE2::PartialMatch(text, *c.regex[size_t(as)]);
    for (const std::string& f : c.forms[size_t(as)]) {
        if (c.spec.matchCase ? containsNeedle<false>(text, f) : containsNeedle<true>(text, f))
            return true;
    }
    return false;
}

std::vector<std::pair<size_t, size_t>> TextSearchPattern::findAll(std::string_view text,
                                                                  SearchedText as) const {
    std::vector<std::pair<size_t, size_t>> out;
    const RE2& re = *compiled_->regex[size_t(as)];
    size_t pos = 0;
    const re2::StringPiece input(text.data(), text.size());
    re2::StringPiece match;
    while (pos <= text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
        const size_t begin = size_t(match.data() - text.data());
        const size_t end = begin + match.size();
        if (end > begin) out.emplace_back(begin, end);
        // An empty match moves on by one byte (then to the next character).
        pos = end > begin ? end : end + 1;
        while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80)
            ++pos;
    }
    return out;
}

TextSearchResult searchIndex(const TextSearchPattern& pattern, const IndexFilterRequest& request,
                             const SearchHitsSink& sink, const FilterProgress& progress,
                             const std::atomic<bool>* cancel) {
    TextSearchResult result;
    const size_t total = request.rows ? request.rows->size() : request.index->size();
    auto rowAt = [&](size_t i) { return request.rows ? (*request.rows)[i] : uint32_t(i); };
    const IndexColumns& columns = request.index->columns();
    std::unique_ptr<TemplateCache> ownCache(request.cache ? nullptr : new TemplateCache);
    TemplateCache& cache = request.cache ? *request.cache : *ownCache;

    // One reader and JSON buffer per thread, reused for every record.
    struct Worker {
        Worker(const IndexFilterRequest& request, TemplateCache& cache)
            : reader(request.file, cache) {
            reader.setChunkLoadHook(request.chunkLoaded);
        }
        RecordReader reader;
        OutBuffer json;
        std::string error;
        uint64_t hits = 0, unreadable = 0;
    };
    tbb::enumerable_thread_specific<std::unique_ptr<Worker>> workers(
        [&] { return std::make_unique<Worker>(request, cache); });
    const size_t blocks = (total + kBlockRows - 1) / kBlockRows;
    std::atomic<uint64_t> done{0};
    std::atomic<bool> stopped{false};

    const unsigned threads =
        request.threads ? request.threads : unsigned(tbb::info::default_concurrency());
    WorkerArena arena{threads};
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, blocks, 1), [&](const auto& range) {
            Worker& w = *workers.local();
            for (size_t b = range.begin(); b != range.end(); ++b) {
                if (cancel && cancel->load(std::memory_order_relaxed)) {
                    stopped = true;
                    return;
                }
                std::vector<uint32_t> hits;
                const size_t end = std::min(total, (b + 1) * kBlockRows);
                for (size_t i = b * kBlockRows; i < end; ++i) {
                    const uint32_t row = rowAt(i);
                    if (!w.reader.load(columns.chunk(row), columns.chunkOffset(row), w.error)) {
                        ++w.unreadable;
                        continue;
                    }
                    w.json.clear();
                    w.reader.appendJson(w.json);
                    if (pattern.found(w.json.view())) hits.push_back(row);
                }
                w.hits += hits.size();
                if (!hits.empty() && sink) sink(std::move(hits));
                const uint64_t now = done += end - b * kBlockRows;
                if (progress) progress(now, total);
            }
        });
    });
    for (const auto& w : workers) {
        result.hits += w->hits;
        result.unreadable += w->unreadable;
    }
    result.cancelled = stopped;
    return result;
}

} // namespace evtx
