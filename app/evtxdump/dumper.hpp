// Dumping logs: each source's records written in turn, as a run on that
// file alone writes them.
#pragma once

#include "evtx/compile/record_renderer.hpp"
#include "evtx/dump/dump.hpp"
#include "evtx/format/input.hpp"
#include "evtx/knowledge/csv_timeline.hpp"
#include "evtx/knowledge/knowledge_base.hpp"
#include "evtx/query/record_filter.hpp"
#include "evtxdump/options.hpp"
#include "evtxdump/output.hpp"
#include "evtxdump/sigma_writer.hpp"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace evtxdump {

// One log to dump: its path ("" for standard input), its name in messages,
// and its bytes once opened.
struct Source {
    std::string path, name;
    std::unique_ptr<evtx::Input> in;
};

// Writes the records of each source in turn to `out` (each as a run on that
// file alone would), reporting errors and recovery notes on stderr.
class Dumper {
  public:
    Dumper(const Options& o, evtx::DumpOptions& opt, FILE* out,
           const evtx::QueryRecordFilter* countFilter);

    // The exit status: 0 when at least one log was read.
    int run(std::vector<Source>& sources);

  private:
    void useTimeline();
    void useSigma();
    bool open(Source& s);
    bool dumpOne(Source& s);
    void add(const evtx::DumpStats& st);

    const Options& o_;
    evtx::DumpOptions& opt_;
    FILE* out_;
    OutputWriter writer_;
    const evtx::QueryRecordFilter* countFilter_;
    const evtx::knowledge::KnowledgeBase knowledge_;
    evtx::knowledge::TimelineOptions timeline_;
    std::unique_ptr<evtx::SharedShapes> timelineShapes_;
    evtx::DumpStats stats_;
    bool perFileCounts_ = false;
    std::unique_ptr<SigmaDetections> sigma_; // --sigma
    std::string sigmaError_;
};

} // namespace evtxdump
