#include "evtx/query/index_filter.hpp"

#include "evaluate.hpp"
#include "evtx/index/record_reader.hpp"
#include "evtx/threads/worker_arena.hpp"
#include "record_content.hpp"
#include "text_match.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <map>

namespace evtx {

struct IndexQueryTables {
    std::vector<std::vector<uint8_t>> bySlot; // [slot][string id] = the test's answer
};

namespace {

void fillTables(const EvalNode& node, const RecordIndex& index, IndexQueryTables& tables) {
    for (const EvalNode& c : node.children)
        fillTables(c, index, tables);
    if (node.stringSlot < 0) return;
    std::vector<uint8_t>& table = tables.bySlot[size_t(node.stringSlot)];
    const std::vector<std::string>& strings = index.strings();
    table.resize(strings.size());
    for (size_t id = 0; id < strings.size(); ++id)
        table[id] = testTextLeaf(node, strings[id]);
}

std::shared_ptr<const IndexQueryTables> buildTables(const Query& query, const RecordIndex& index) {
    auto tables = std::make_shared<IndexQueryTables>();
    tables->bySlot.resize(size_t(query.compiled().stringSlots));
    fillTables(query.compiled().root, index, *tables);
    return tables;
}

unsigned threadCount(unsigned requested) {
    return requested ? requested : unsigned(tbb::info::default_concurrency());
}

// Reads records of an index by row, for the tests that need them.
class RowLoader {
  public:
    explicit RowLoader(const IndexFilterRequest& request)
        : request_(request), ownCache_(request.cache ? nullptr : new TemplateCache),
          reader_(request.file, request.cache ? *request.cache : *ownCache_) {
        reader_.setChunkLoadHook(request.chunkLoaded);
    }

    // The record's tree, or null when it cannot be parsed.
    const RecordTree* load(uint32_t row) {
        // A recovered record with only raw values cannot be judged: as
        // evtxdump --recover --filter, it counts as unreadable.
        if (!reader_.loadRow(request_.index->columns(), row, error_) ||
            (reader_.recovered() && reader_.recovered()->raw)) {
            ++unreadable_;
            return nullptr;
        }
        return &reader_.tree();
    }
    uint64_t unreadable() const { return unreadable_; }

  private:
    const IndexFilterRequest& request_;
    std::unique_ptr<TemplateCache> ownCache_;
    RecordReader reader_;
    std::string error_;
    uint64_t unreadable_ = 0;
};

} // namespace

struct IndexRowMatcher::State : QuerySubject {
    State(const Query& q, const IndexFilterRequest& r, std::shared_ptr<const IndexQueryTables> t)
        : query(q), request(r), tables(std::move(t)), columns(r.index->columns()), loader(request) {
    }

    uint64_t number(QueryField field) override {
        switch (field) {
        case QueryField::EventId:
            return columns.eventId(row);
        case QueryField::Level:
            return columns.level(row);
        case QueryField::Task:
            return columns.task(row);
        case QueryField::Opcode:
            return columns.opcode(row);
        case QueryField::Keywords:
            return columns.keywords(row);
        case QueryField::RecordId:
            return columns.recordId(row);
        case QueryField::TimeCreated:
            return columns.timeCreated(row);
        case QueryField::ProcessId:
            return columns.processId(row);
        case QueryField::ThreadId:
            return columns.threadId(row);
        case QueryField::Recovered:
            return columns.isRecovered(row) ? 1 : 0;
        default:
            return 0;
        }
    }
    uint32_t stringId(QueryField field) const {
        switch (field) {
        case QueryField::Provider:
            return columns.provider(row);
        case QueryField::Channel:
            return columns.channel(row);
        case QueryField::Computer:
            return columns.computer(row);
        case QueryField::UserId:
            return columns.userSid(row);
        default:
            return 0;
        }
    }
    std::string_view text(QueryField field) override {
        return request.index->text(stringId(field));
    }
    int precomputed(int slot, QueryField field) override {
        const std::vector<uint8_t>& table = tables->bySlot[size_t(slot)];
        const uint32_t id = stringId(field);
        return id < table.size() ? table[id] : -1;
    }
    const DataPairs* data() override { return loaded().data(); }
    const std::string_view* json() override { return loaded().json(); }

    RecordContent& loaded() {
        if (!isLoaded) {
            content.reset(loader.load(row));
            isLoaded = true;
        }
        return content;
    }

    bool matches(uint32_t r) {
        row = r;
        isLoaded = false;
        return evaluateQuery(query.compiled().root, *this);
    }

    Query query;
    IndexFilterRequest request;
    std::shared_ptr<const IndexQueryTables> tables;
    const IndexColumns& columns;
    RowLoader loader;
    RecordContent content;
    uint32_t row = 0;
    bool isLoaded = false;
};

IndexRowMatcher::IndexRowMatcher(const Query& query, const IndexFilterRequest& request)
    : IndexRowMatcher(query, request, buildTables(query, *request.index)) {}

IndexRowMatcher::IndexRowMatcher(const Query& query, const IndexFilterRequest& request,
                                 std::shared_ptr<const IndexQueryTables> tables)
    : state_(std::make_unique<State>(query, request, std::move(tables))) {}

IndexRowMatcher::~IndexRowMatcher() = default;

bool IndexRowMatcher::matches(uint32_t row) {
    return state_->matches(row);
}

uint64_t IndexRowMatcher::unreadable() const {
    return state_->loader.unreadable();
}

IndexFilterResult filterIndex(const Query& query, const IndexFilterRequest& request,
                              const FilterProgress& progress, const std::atomic<bool>* cancel) {
    IndexFilterResult result;
    const size_t total = request.rows ? request.rows->size() : request.index->size();
    auto rowAt = [&](size_t i) { return request.rows ? (*request.rows)[i] : uint32_t(i); };
    if (query.matchesAll()) {
        result.rows.resize(total);
        for (size_t i = 0; i < total; ++i)
            result.rows[i] = rowAt(i);
        if (progress) progress(total, total);
        return result;
    }

    auto tables = buildTables(query, *request.index);
    // Blocks small enough to spread parsing work and report progress,
    // large enough that index-only scans are not dominated by overhead.
    const size_t grain = query.needsRecord() ? 256 : 32768;
    const size_t blocks = (total + grain - 1) / grain;
    std::vector<std::vector<uint32_t>> found(blocks);
    std::atomic<uint64_t> done{0};
    std::atomic<bool> stopped{false};
    tbb::enumerable_thread_specific<std::unique_ptr<IndexRowMatcher>> matchers([&] {
        return std::unique_ptr<IndexRowMatcher>(new IndexRowMatcher(query, request, tables));
    });

    WorkerArena arena{threadCount(request.threads)};
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, blocks, 1), [&](const auto& range) {
            IndexRowMatcher& matcher = *matchers.local();
            for (size_t b = range.begin(); b != range.end(); ++b) {
                if (cancel && cancel->load(std::memory_order_relaxed)) {
                    stopped = true;
                    return;
                }
                const size_t end = std::min(total, (b + 1) * grain);
                for (size_t i = b * grain; i < end; ++i)
                    if (matcher.matches(rowAt(i))) found[b].push_back(rowAt(i));
                const uint64_t now = done += end - b * grain;
                if (progress) progress(now, total);
            }
        });
    });

    size_t count = 0;
    for (const auto& f : found)
        count += f.size();
    result.rows.reserve(count);
    for (const auto& f : found)
        result.rows.insert(result.rows.end(), f.begin(), f.end());
    for (const auto& m : matchers)
        result.unreadable += m->unreadable();
    result.cancelled = stopped;
    return result;
}

std::vector<DataFieldName> collectDataFieldNames(const IndexFilterRequest& request,
                                                 uint64_t maxRecords,
                                                 const std::atomic<bool>* cancel) {
    const size_t total = request.rows ? request.rows->size() : request.index->size();
    const size_t step = maxRecords && total > maxRecords ? total / maxRecords : 1;
    const size_t samples = (total + step - 1) / step;
    auto rowAt = [&](size_t sample) {
        const size_t i = sample * step;
        return request.rows ? (*request.rows)[i] : uint32_t(i);
    };
    struct Local {
        explicit Local(const IndexFilterRequest& r) : loader(r) {}
        RowLoader loader;
        std::map<std::string, uint64_t> counts;
        std::vector<std::string> names;
    };
    tbb::enumerable_thread_specific<std::unique_ptr<Local>> locals(
        [&] { return std::make_unique<Local>(request); });
    WorkerArena arena{threadCount(request.threads)};
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, samples, 256), [&](const auto& range) {
            Local& local = *locals.local();
            for (size_t s = range.begin(); s != range.end(); ++s) {
                if (cancel && cancel->load(std::memory_order_relaxed)) return;
                const RecordTree* tree = local.loader.load(rowAt(s));
                if (!tree) continue;
                local.names.clear();
                for (auto& [name, value] : extractEventData(*tree))
                    local.names.push_back(name);
                std::sort(local.names.begin(), local.names.end());
                local.names.erase(std::unique(local.names.begin(), local.names.end()),
                                  local.names.end());
                for (const std::string& name : local.names)
                    ++local.counts[name];
            }
        });
    });
    std::map<std::string, uint64_t> merged;
    for (const auto& local : locals)
        for (const auto& [name, count] : local->counts)
            merged[name] += count;
    std::vector<DataFieldName> out;
    for (auto& [name, count] : merged)
        out.push_back(DataFieldName{name, count});
    std::stable_sort(out.begin(), out.end(), [](const DataFieldName& a, const DataFieldName& b) {
        return lowerAscii(a.name) < lowerAscii(b.name);
    });
    return out;
}

} // namespace evtx
