// Calls a function for every record of a file, parsed, on one thread: a
// RecordWriter for dumpFile that hands each record to the test instead of
// writing it.
#pragma once

#include "evtx/dump/dump.hpp"
#include "evtx/render/event_fields.hpp"

#include <functional>
#include <memory>
#include <utility>

using RecordVisit = std::function<void(const evtx::EventFields&, const evtx::RecordTree&)>;

class VisitingWriter final : public evtx::RecordWriter {
  public:
    explicit VisitingWriter(RecordVisit visit) : visit_(std::move(visit)) {}
    void write(evtx::OutBuffer&, const evtx::RecordTree* tree, std::string_view,
               const evtx::RecordPlace&) override {
        if (!tree) return;
        evtx::readEventFields(*tree, fields_);
        visit_(fields_, *tree);
    }

  private:
    RecordVisit visit_;
    evtx::EventFields fields_;
};

// Visits the live records of `file`; returns the dump's totals.
inline evtx::DumpStats visitRecords(evtx::Bytes file, RecordVisit visit) {
    evtx::DumpOptions options;
    options.threads = 1;
    options.makeWriter = [visit] { return std::make_unique<VisitingWriter>(visit); };
    return evtx::dumpFile(
        file, options, [](std::string_view) {}, [](const evtx::DumpError&) {});
}
