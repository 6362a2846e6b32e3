#include "table/description_cache.hpp"

#include "document/log_document.hpp"

namespace evtxui {

QString descriptionLine(const evtx::knowledge::EventDescription& d) {
    if (!d.known()) return {};
    const QString title = QString::fromStdString(d.title);
    const QString summary = QString::fromStdString(d.summary);
    if (summary.isEmpty()) return title;
    if (title.isEmpty()) return summary;
    return title + QStringLiteral(" — ") + summary;
}

DescriptionCache::DescriptionCache(int maxRows) : kb_(builtInKnowledge()), cache_(maxRows) {}

void DescriptionCache::setKnowledge(KnowledgePtr kb) {
    kb_ = kb ? std::move(kb) : builtInKnowledge();
    cache_.clear();
}

QString DescriptionCache::text(LogDocument* document, uint32_t row) {
    if (const QString* cached = cache_.object(row)) return *cached;
    auto line = std::make_unique<QString>();
    QString error;
    // A record that cannot be read (or whose template is lost) has no
    // description: the cell stays empty, the details pane says why.
    if (evtx::RecordReader* reader = document->loadRecord(row, error);
        reader && !(reader->recovered() && reader->recovered()->raw)) {
        ++reads_;
        fields_.clear();
        fields_.system.clear();
        evtx::readEventFields(reader->tree(), fields_);
        *line = descriptionLine(evtx::knowledge::describe(*kb_, fields_));
    }
    const QString text = *line;
    cache_.insert(row, line.release());
    return text;
}

} // namespace evtxui
