#include "document/sid_names_scan.hpp"

#include "jobs/background_job.hpp"

#include "evtx/index/record_reader.hpp"

namespace evtxui {

std::shared_ptr<const evtx::knowledge::SidNames>
learnSidNames(const evtx::IndexFilterRequest& request, JobToken& token) {
    auto names = std::make_shared<evtx::knowledge::SidNames>();
    evtx::RecordReader reader(request.file, *request.cache);
    reader.setChunkLoadHook(request.chunkLoaded);
    // Only the EventData / UserData fields: the pairs are there.
    evtx::EventDataReader dataReader;
    evtx::EventFields fields;
    const evtx::IndexColumns& columns = request.index->columns();
    const uint32_t rows = uint32_t(request.index->size());
    std::string error;
    for (uint32_t row = 0; row < rows; ++row) {
        if (token.isCancelled()) break;
        if ((row & 1023) == 0) token.setProgress(row, rows);
        if (!reader.loadRow(columns, row, error)) continue;
        if (reader.recovered() && reader.recovered()->raw) continue; // no names, only values
        fields.clear();
        dataReader.read(reader.tree(), fields);
        names->learn(fields);
    }
    token.setProgress(rows, rows);
    return names;
}

} // namespace evtxui
