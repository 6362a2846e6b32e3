#include "knowledge/knowledge_source.hpp"

#include "common/counted.hpp"

#include "evtx/knowledge/evtxecmd_maps.hpp"

#include <QDir>
#include <QFile>
#include <QSettings>

namespace evtxui {

const QString KnowledgeSource::kMapsFolderKey = QStringLiteral("knowledge/mapsFolder");

KnowledgeSource::KnowledgeSource(QObject* parent)
    : QObject(parent), knowledge_(builtInKnowledge()),
      job_([this](Loaded&& loaded) { apply(std::move(loaded)); }) {}

KnowledgeSource::~KnowledgeSource() = default;

void KnowledgeSource::loadSavedFolder() {
    const QString folder = QSettings().value(kMapsFolderKey).toString();
    if (!folder.isEmpty()) setMapsFolder(folder);
}

void KnowledgeSource::setMapsFolder(const QString& folder) {
    folder_ = folder;
    if (folder.isEmpty())
        QSettings().remove(kMapsFolderKey);
    else
        QSettings().setValue(kMapsFolderKey, folder);
    const std::string path = QFile::encodeName(folder).toStdString();
    job_.start([folder, path](JobToken&) {
        Loaded out;
        out.load.folder = folder;
        if (path.empty()) {
            out.knowledge = builtInKnowledge();
            return out;
        }
        auto kb = std::make_shared<evtx::knowledge::KnowledgeBase>(
            evtx::knowledge::KnowledgeBase::builtIn().copy());
        if (!QDir(folder).exists() && !QFile::exists(folder)) {
            out.load.problems.push_back({path, "the maps folder does not exist"});
        } else {
            evtx::knowledge::MapLoadResult r = evtx::knowledge::loadEvtxecmdMaps(*kb, path);
            out.load.loaded = r.loaded;
            out.load.problems = std::move(r.problems);
        }
        out.knowledge = std::move(kb);
        return out;
    });
}

void KnowledgeSource::apply(Loaded&& loaded) {
    knowledge_ = std::move(loaded.knowledge);
    lastLoad_ = std::move(loaded.load);
    emit knowledgeChanged();
    emit mapsLoaded(lastLoad_);
}

QString KnowledgeSource::loadMessage(const MapsLoad& load) {
    if (load.folder.isEmpty()) return tr("Using the built-in event descriptions only");
    QString text =
        tr("Loaded %1 from %2").arg(counted(qint64(load.loaded), "map", "maps"), load.folder);
    if (!load.problems.empty())
        text += tr("; %1 (see File → Maps Folder Problems)")
                    .arg(counted(qint64(load.problems.size()), "problem", "problems"));
    return text;
}

QString KnowledgeSource::problemText(const MapsLoad& load) {
    QString text;
    for (const auto& p : load.problems)
        text += QString::fromStdString(p.source) + QStringLiteral(": ") +
                QString::fromStdString(p.reason) + QLatin1Char('\n');
    return text;
}

} // namespace evtxui
