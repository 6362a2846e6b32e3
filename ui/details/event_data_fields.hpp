// A record's EventData / UserData fields as the details pane lists them:
// an unnamed <Data> is "Data[1]", or "FaultingApplication (Data[1])" when
// the knowledge base names it; each value with its decoded meaning, if the
// knowledge decodes it ("3" means "Network" for LogonType).
#pragma once

#include "evtx/knowledge/knowledge_base.hpp"

#include <QString>

#include <vector>

namespace evtxui {

struct DataFieldView {
    QString label;   // what the Fields tab shows
    QString name;    // the field's own name ("TargetUserName", "Data[1]")
    QString raw;     // the value as written
    QString meaning; // "" when nothing decodes it
    // "3 — Network", or the raw value alone.
    QString shown() const {
        return meaning.isEmpty() || meaning == raw ? raw : raw + QStringLiteral(" — ") + meaning;
    }
};

std::vector<DataFieldView> dataFieldViews(const evtx::knowledge::KnowledgeBase& kb,
                                          const evtx::knowledge::EventEntry* entry,
                                          const evtx::EventFields& fields);

} // namespace evtxui
