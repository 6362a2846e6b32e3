// The pane under the table: a Summary of what the selected event means
// (details/summary_view) above the record as a Fields table (System fields
// and EventData pairs, decoded values beside the raw ones), as XML and as
// JSON, rendered by the engine
// when the record is selected; only the tab in view is filled (and
// highlighted) then, the others when they come into view; copy button, UTC
// switch.
// Right-clicking a field offers filtering on its value, excluding it, and
// (EventData / UserData fields) showing it as a table column.
#pragma once

#include "common/knowledge_ptr.hpp"
#include "common/time_format.hpp"
#include "details/event_data_fields.hpp"
#include "details/highlighting.hpp"

#include "evtx/render/event_fields.hpp"

#include <QByteArray>
#include <QWidget>

#include <array>
#include <cstdint>

class QCheckBox;
class QMenu;
class QPlainTextEdit;
class QSplitter;
class QTableWidget;
class QTabWidget;

namespace evtx {
class RecordReader;
}

namespace evtxui {

class LogDocument;
class SummaryView;

class DetailPane : public QWidget {
    Q_OBJECT

  public:
    enum Tab { FieldsTab, XmlTab, JsonTab };

    explicit DetailPane(QWidget* parent = nullptr);

    void showRecord(LogDocument* document, uint32_t indexRow);
    void clear();
    void setTimeZoneMode(TimeZoneMode mode);
    TimeZoneMode timeZoneMode() const { return timeMode_; }
    // The knowledge the Summary and the decoded values come from (the
    // built-in one unless set); the shown record is described again.
    void setKnowledge(KnowledgePtr kb);
    // Shows the current record again (what describes it has changed).
    void refreshRecord();
    SummaryView* summaryView() const { return summary_; }
    QString summaryText() const; // the Summary as plain text

    // Whether the tab's view shows the current record (the tab in view
    // always does; the others are filled when shown or read below).
    bool isFilled(Tab tab) const { return !stale_[tab]; }
    void ensureFilled(Tab tab);

    // What the tabs show (for copying and for tests); fills the tab.
    QString xmlText() const;
    QString jsonText() const;
    QByteArray recordJsonLine() const { return jsonLine_; } // exactly as evtxdump -o jsonl
    QByteArray recordXml() const { return xmlSource_; }     // the XML document, exact bytes
    QString fieldValue(const QString& name) const;
    QTabWidget* tabs() const { return tabs_; }
    QTableWidget* fieldsTable() const { return fields_; }

    // The Fields row of `name` (first match), -1 when absent.
    int fieldRow(const QString& name) const;
    // The condition selecting (or, `exclude`, leaving out) the records with
    // this row's value; empty for rows without one (the section title).
    QString fieldCondition(int row, bool exclude) const;
    // The EventData / UserData name of a row, empty for System fields.
    QString dataName(int row) const;
    // The context menu of a Fields row (tests trigger its actions).
    QMenu* createFieldMenu(int row, QWidget* parent);
    // The views themselves (search marks its matches in the filled ones).
    QPlainTextEdit* xmlView() const { return xml_; }
    QPlainTextEdit* jsonView() const { return json_; }
    QTableWidget* fieldsView() const { return fields_; }
    void focusCurrentTab();
    void copyCurrentTab();

  signals:
    void timeZoneModeChanged(TimeZoneMode mode);
    // `Field == "value"` (or its exclusion) to add to the filter.
    void conditionRequested(const QString& condition);
    // An EventData name to show as a table column.
    void dataColumnRequested(const QString& name);
    // Another record (or none) is shown, the fields were redone, or a tab
    // was filled on coming into view.
    void contentChanged();

  protected:
    void changeEvent(QEvent* event) override;

  private:
    QPlainTextEdit* makeTextView();
    void fillFields();
    // The const accessors fill on demand: what a view shows is a cache.
    void ensureFilled(Tab tab) const { const_cast<DetailPane*>(this)->ensureFilled(tab); }
    void showFieldMenu(const QPoint& pos);
    void readRecovery(const evtx::RecordReader& reader);
    void describeRecord(const evtx::RecordReader& reader); // the Summary and Event data rows
    void applyPalette();

    QSplitter* split_; // the Summary above the tabs
    SummaryView* summary_;
    QTabWidget* tabs_;
    QTableWidget* fields_;
    QPlainTextEdit* xml_;
    QPlainTextEdit* json_;
    QCheckBox* utc_;
    LogDocument* document_ = nullptr;
    uint32_t row_ = 0;
    bool hasRecord_ = false;
    QByteArray jsonLine_;
    QByteArray xmlSource_;
    KnowledgePtr kb_ = builtInKnowledge();
    evtx::EventFields eventFields_;
    std::vector<DataFieldView> eventData_; // the Event data rows
    QString taskName_;                     // the Task Category's name, if known
    QString recoveredFrom_;                // where a recovered record was found (empty: live)
    bool templateLost_ = false;
    QString templateLostReason_;
    std::vector<std::pair<QString, QString>> rawValues_; // "Value 0 (UInt16)", "7"
    TimeZoneMode timeMode_ = TimeZoneMode::Utc;
    std::array<bool, 3> stale_{}; // per Tab: its view shows an older record
};

} // namespace evtxui
