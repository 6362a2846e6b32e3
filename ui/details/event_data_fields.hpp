// A record's EventData / UserData fields as the details pane lists them:
// an unnamed <Data> is "Data[1]", or "FaultingApplication (Data[1])" when
// the knowledge base names it; each value with its decoded meaning, if the
// knowledge decodes it ("3" means "Network" for LogonType), or, for a SID
// without a well-known name, the account name the log itself gives it.
#pragma once

#include "evtx/knowledge/knowledge_base.hpp"
#include "evtx/knowledge/sid_names.hpp"

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

// `logNames` (may be null: not learned yet) names SIDs the knowledge does not.
std::vector<DataFieldView> dataFieldViews(const evtx::knowledge::KnowledgeBase& kb,
                                          const evtx::knowledge::EventEntry* entry,
                                          const evtx::EventFields& fields,
                                          const evtx::knowledge::SidNames* logNames);

// What a SID means: its well-known name ("Local System"), else the log's
// name for it ("CORP\svc_backup (from this log)"), else "".
QString sidMeaning(std::string_view sid, const evtx::knowledge::SidNames* logNames);

} // namespace evtxui
