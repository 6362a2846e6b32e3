#include "evtx/query/record_filter.hpp"

#include "evaluate.hpp"
#include "record_content.hpp"

#include <tbb/enumerable_thread_specific.h>

namespace evtx {
namespace {

// A parsed record as a query subject.
class TreeSubject : public QuerySubject {
  public:
    void reset(const RecordTree& tree, uint64_t recordId, bool recovered) {
        content_.reset(&tree);
        recordId_ = recordId;
        recovered_ = recovered;
    }

    uint64_t number(QueryField field) override {
        if (field == QueryField::RecordId) return recordId_; // as the index has it
        if (field == QueryField::Recovered) return recovered_ ? 1 : 0;
        const SystemFields& f = content_.system();
        switch (field) {
        case QueryField::EventId:
            return f.eventId;
        case QueryField::Level:
            return f.level;
        case QueryField::Task:
            return f.task;
        case QueryField::Opcode:
            return f.opcode;
        case QueryField::Keywords:
            return f.keywords;
        case QueryField::TimeCreated:
            return f.timeCreated;
        case QueryField::ProcessId:
            return f.processId;
        case QueryField::ThreadId:
            return f.threadId;
        default:
            return 0;
        }
    }
    std::string_view text(QueryField field) override {
        const SystemFields& f = content_.system();
        switch (field) {
        case QueryField::Provider:
            return f.provider;
        case QueryField::Channel:
            return f.channel;
        case QueryField::Computer:
            return f.computer;
        case QueryField::UserId:
            return f.userSid;
        default:
            return {};
        }
    }
    const DataPairs* data() override { return content_.data(); }
    const std::string_view* json() override { return content_.json(); }

  private:
    RecordContent content_;
    uint64_t recordId_ = 0;
    bool recovered_ = false;
};

} // namespace

struct QueryRecordFilter::Scratch {
    tbb::enumerable_thread_specific<TreeSubject> subjects;
};

QueryRecordFilter::QueryRecordFilter(Query query, bool countOnly)
    : query_(std::move(query)), countOnly_(countOnly), scratch_(std::make_unique<Scratch>()) {}

QueryRecordFilter::~QueryRecordFilter() = default;

bool QueryRecordFilter::matches(const RecordTree& tree, uint64_t recordId, bool recovered) const {
    TreeSubject& subject = scratch_->subjects.local();
    subject.reset(tree, recordId, recovered);
    const bool match = evaluateQuery(query_.compiled().root, subject);
    if (match) matched_.fetch_add(1, std::memory_order_relaxed);
    return match && !countOnly_;
}

} // namespace evtx
