#include "evtxdump/dumper.hpp"

#include "evtx/case/source_tag.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/knowledge/evtxecmd_maps.hpp"
#include "evtx/text/text.hpp"
#include "evtxdump/sigma_rules.hpp"

#include <tbb/global_control.h>

#include <optional>

namespace evtxdump {
namespace {

// Joins TBB's worker threads when the run ends: a worker can still hold
// TBB's record of the dump's last arena observer for a moment after the
// dump, and a process that exits then leaves it unfreed (LeakSanitizer
// reported it in CI).
struct TbbWorkersJoined {
    tbb::task_scheduler_handle handle{tbb::attach{}};
    ~TbbWorkersJoined() { tbb::finalize(handle, std::nothrow); }
};

// The knowledge for -o csv: the built-in one, or a copy with the user's
// maps (each map not used is named on stderr).
evtx::knowledge::KnowledgeBase knowledgeWithMaps(const Options& o) {
    evtx::knowledge::KnowledgeBase kb = evtx::knowledge::KnowledgeBase::builtIn().copy();
    for (const std::string& path : o.maps) {
        const auto result = evtx::knowledge::loadEvtxecmdMaps(kb, path);
        for (const auto& p : result.problems)
            std::fprintf(stderr, "evtxdump: maps: %s: %s\n", p.source.c_str(), p.reason.c_str());
        if (o.verbosity > 0 || !result.problems.empty())
            std::fprintf(stderr, "evtxdump: maps: %s: %zu maps loaded, %zu problems\n",
                         path.c_str(), result.loaded, result.problems.size());
    }
    return kb;
}

} // namespace

Dumper::Dumper(const Options& o, evtx::DumpOptions& opt, FILE* out,
               const evtx::QueryRecordFilter* countFilter)
    : o_(o), opt_(opt), out_(out), writer_(out), countFilter_(countFilter),
      knowledge_(o.maps.empty() ? evtx::knowledge::KnowledgeBase() : knowledgeWithMaps(o)) {
    // Times in UTC, as EvtxECmd writes them. The built-in knowledge is only
    // unpacked for -o csv (~0.5 ms a run otherwise spent for nothing).
    if (o.format == "csv")
        timeline_.knowledge =
            o.maps.empty() ? &evtx::knowledge::KnowledgeBase::builtIn() : &knowledge_;
    timeline_.render = opt.render;
    static char outBuf[1 << 20];
    std::setvbuf(out, outBuf, _IOFBF, sizeof outBuf);
    // Carved candidates not written are named, one line each (README).
    if (o.recover)
        opt.recoveryNotes = [](const evtx::RecoveryNote& n) {
            std::fprintf(stderr, "evtxdump: recover: %s\n", n.toString().c_str());
        };
    if (o.format == "csv") useTimeline();
    if (!o.sigma.empty()) useSigma();
}

int Dumper::run(std::vector<Source>& sources) {
    // Only when threads are used: attaching starts TBB (~0.8 ms).
    if (!sigmaError_.empty()) return fail(sigmaError_);
    std::optional<TbbWorkersJoined> tbbWorkersJoined;
    if (o_.threads != 1) tbbWorkersJoined.emplace();
    size_t read = 0;
    perFileCounts_ = countFilter_ && o_.verbosity > 0 && sources.size() > 1;
    for (Source& s : sources)
        read += dumpOne(s) ? 1 : 0;
    if (countFilter_) std::fprintf(out_, "%llu\n", (unsigned long long)countFilter_->matched());
    if (sigma_ && o_.sigmaSummary) printSigmaSummary(out_, *sigma_);
    if (std::fflush(out_) != 0 || writer_.failed()) return fail("write error on output");
    if (out_ != stdout) std::fclose(out_);
    printSummary(o_, stats_);
    return read > 0 ? 0 : fail("no log could be read");
}

// -o csv: the timeline's header once, then one writer per thread.
void Dumper::useTimeline() {
    evtx::OutBuffer header;
    evtx::knowledge::writeTimelineHeader(header, timeline_);
    writer_(header.view());
    const bool shared = o_.threads != 1;
    opt_.makeWriter = [this, shared] {
        return std::make_unique<evtx::knowledge::TimelineWriter>(
            timeline_, shared ? timelineShapes_.get() : nullptr);
    };
}

// --sigma: the rules' detections instead of the records, one writer per
// thread; a failure to load is reported by run().
void Dumper::useSigma() {
    sigma_ = loadSigma(o_, sigmaError_);
    if (!sigma_) return;
    opt_.makeWriter = [this] { return std::make_unique<SigmaWriter>(*sigma_); };
}

bool Dumper::open(Source& s) {
    std::string error;
    if (!s.in) s.in = evtx::Input::openFile(s.path, error);
    auto header = s.in ? evtx::parseFileHeader(s.in->bytes(), error) : std::nullopt;
    if (!header) {
        std::fprintf(stderr, "evtxdump: skipped %s: %s\n", s.name.c_str(), error.c_str());
        return false;
    }
    if (o_.verbosity > 0)
        std::fprintf(stderr, "evtxdump: %s: %u chunks in header, flags 0x%x%s%s\n", s.name.c_str(),
                     header->chunkCount, header->flags, header->isDirty() ? " (dirty)" : "",
                     header->isFull() ? " (full)" : "");
    return true;
}

bool Dumper::dumpOne(Source& s) {
    if (!open(s)) return false;
    timeline_.sourceFile = s.path;
    if (sigma_) {
        evtx::OutBuffer name;
        name.append("\"");
        evtx::writeEscaped(name, s.name, evtx::Escape::Json);
        name.append("\"");
        sigma_->sourceFileJson = std::string(name.view());
    }
    // Shapes are compiled from one file's templates: not shared across files.
    timelineShapes_ = std::make_unique<evtx::SharedShapes>();
    const uint64_t matchedBefore = countFilter_ ? countFilter_->matched() : 0;
    std::optional<evtx::SourceFileTagger> tagger;
    if (o_.sourceFile) tagger.emplace(s.path);
    std::string tagged;
    const auto stats = evtx::dumpFile(
        s.in->bytes(), opt_,
        [&](std::string_view text) {
            if (!tagger) return writer_(text);
            tagged.clear();
            tagger->tag(text, tagged);
            writer_(tagged);
        },
        [](const evtx::DumpError& e) {
            std::fprintf(stderr, "evtxdump: %s\n", e.toString().c_str());
        });
    if (perFileCounts_)
        std::fprintf(stderr, "evtxdump: %s: %llu matching records\n", s.name.c_str(),
                     (unsigned long long)(countFilter_->matched() - matchedBefore));
    add(stats);
    s.in.reset(); // done with its pages
    return true;
}

void Dumper::add(const evtx::DumpStats& st) {
    for (auto [sum, part] : {std::pair{&stats_.chunks, st.chunks},
                             {&stats_.records, st.records},
                             {&stats_.errors, st.errors},
                             {&stats_.recovered, st.recovered},
                             {&stats_.recoveredPartial, st.recoveredPartial},
                             {&stats_.recoveredConflicts, st.recoveredConflicts},
                             {&stats_.carvedCopies, st.carvedCopies},
                             {&stats_.carvedRejected, st.carvedRejected},
                             {&stats_.shapesCompiled, st.shapesCompiled},
                             {&stats_.recordsReplayed, st.recordsReplayed},
                             {&stats_.recordsDirect, st.recordsDirect}})
        *sum += part;
}

} // namespace evtxdump
