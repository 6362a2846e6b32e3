// The files Open Folder did not open, each with the reason (empty, not EVTX
// though named .evtx, damaged header, unreadable, the same file twice):
// non-modal, so the logs that did open can be read beside it.
#pragma once

#include "evtx/case/discovery.hpp"

#include <QDialog>
#include <QStringList>

#include <vector>

class QLabel;
class QTreeWidget;

namespace evtxui {

class SkippedFilesDialog : public QDialog {
    Q_OBJECT

  public:
    explicit SkippedFilesDialog(QWidget* parent = nullptr);

    // Replaces the list with the files skipped while opening `folders`.
    void setSkipped(const QStringList& folders, const std::vector<evtx::CaseFileNote>& skipped);

    // One row per skipped file: column 0 the path, column 1 the reason.
    QTreeWidget* list() const { return list_; }

  private:
    QLabel* heading_;
    QTreeWidget* list_;
};

} // namespace evtxui
