// The Summary section above the details tabs: what the selected event
// means, from the knowledge base (built-in or the user's EvtxECmd maps):
// its title, one-line summary, Task Category, the EvtxECmd properties that
// are set (user, remote host, executable, payload) and the decoded values
// of its fields ("LogonType 3 — Network") and of its System UserID (a SID's
// well-known name, or the name this log gives it). An event the knowledge lacks
// says so plainly; the Fields tab still lists every field.
#pragma once

#include "evtx/knowledge/knowledge_base.hpp"
#include "evtx/knowledge/sid_names.hpp"

#include <QTextBrowser>

namespace evtxui {

class SummaryView : public QTextBrowser {
    Q_OBJECT

  public:
    explicit SummaryView(QWidget* parent = nullptr);

    // `fields` is the record read with readEventFields; `logNames` (may be
    // null) names SIDs from the log itself.
    void showRecord(const evtx::knowledge::KnowledgeBase& kb, const evtx::EventFields& fields,
                    const evtx::knowledge::SidNames* logNames = nullptr);
    // A record without a description to give (unreadable, template lost).
    void showMessage(const QString& text);
    void clearSummary() { clear(); }

    QSize sizeHint() const override;
};

} // namespace evtxui
