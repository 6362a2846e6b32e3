// The knowledge the viewer describes events with: the built-in knowledge
// base, or a copy of it with the user's EvtxECmd maps folder loaded on top
// (Preferences → Maps Folder, QSettings `knowledge/mapsFolder`). The folder
// loads in the background; until it is in, the previous knowledge stays.
// Every map that could not be used is reported (file and reason): nothing
// is dropped silently.
#pragma once

#include "common/knowledge_ptr.hpp"
#include "jobs/background_job.hpp"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace evtxui {

struct MapsLoad {
    QString folder;
    size_t loaded = 0;
    std::vector<evtx::knowledge::LoadProblem> problems;
};

class KnowledgeSource : public QObject {
    Q_OBJECT

  public:
    static const QString kMapsFolderKey; // "knowledge/mapsFolder"

    explicit KnowledgeSource(QObject* parent = nullptr);
    ~KnowledgeSource() override; // cancels and waits for a load

    KnowledgePtr knowledge() const { return knowledge_; }
    QString mapsFolder() const { return folder_; }
    // Sets (and remembers) the folder, empty for none, and loads it in the
    // background; knowledgeChanged() follows when it is in.
    void setMapsFolder(const QString& folder);
    // Loads the remembered folder (at start-up).
    void loadSavedFolder();
    bool isLoading() const { return job_.isRunning(); }
    const MapsLoad& lastLoad() const { return lastLoad_; }

    // "Loaded 12 maps from …; 2 problems" for the status bar.
    static QString loadMessage(const MapsLoad& load);
    // One line per problem: "file: reason".
    static QString problemText(const MapsLoad& load);

  signals:
    void knowledgeChanged();
    void mapsLoaded(const evtxui::MapsLoad& load);

  private:
    struct Loaded {
        KnowledgePtr knowledge;
        MapsLoad load;
    };
    void apply(Loaded&& loaded);

    KnowledgePtr knowledge_;
    QString folder_;
    MapsLoad lastLoad_;
    BackgroundJob<Loaded> job_; // last: destroyed (cancels, waits) first
};

} // namespace evtxui
