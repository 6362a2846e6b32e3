// The Description column's texts ("Logon succeeded — CORP\alice logged on
// from 10.0.0.5 (Network)"): computed when a row is drawn, from that one
// record (parsed again, ~µs), and kept for the last few thousand rows asked
// for; the table never describes rows nobody looks at.
#pragma once

#include "common/knowledge_ptr.hpp"

#include "evtx/render/event_fields.hpp"

#include <QCache>
#include <QString>

#include <cstdint>

namespace evtxui {

class LogDocument;

// The one-line form of a description: "title — summary", the title alone
// when there is no summary, "" for an event the knowledge lacks.
QString descriptionLine(const evtx::knowledge::EventDescription& d);

class DescriptionCache {
  public:
    explicit DescriptionCache(int maxRows = 4000);

    // Descriptions from now on come from `kb`; what is cached is dropped.
    void setKnowledge(KnowledgePtr kb);
    const KnowledgePtr& knowledge() const { return kb_; }

    // Index row `row`'s description line ("" when unknown or unreadable).
    QString text(LogDocument* document, uint32_t row);
    void clear() { cache_.clear(); }
    // Records parsed for descriptions so far (the cache spares re-reading).
    int recordsRead() const { return reads_; }

  private:
    KnowledgePtr kb_;
    QCache<uint32_t, QString> cache_;
    evtx::EventFields fields_; // reused: its buffers outlive one record
    int reads_ = 0;
};

} // namespace evtxui
