// The pane under the table: the selected record as a Fields table (System
// fields and EventData pairs), as XML and as JSON, each rendered by the
// engine when the record is selected and highlighted; copy button, UTC switch.
#pragma once

#include "highlighting.hpp"
#include "time_format.hpp"

#include <QByteArray>
#include <QWidget>

#include <cstdint>

class QCheckBox;
class QPlainTextEdit;
class QTableWidget;
class QTabWidget;

namespace evtx {
class RecordReader;
}

namespace evtxui {

class LogDocument;

class DetailPane : public QWidget {
    Q_OBJECT

  public:
    enum Tab { FieldsTab, XmlTab, JsonTab };

    explicit DetailPane(QWidget* parent = nullptr);

    void showRecord(LogDocument* document, uint32_t indexRow);
    void clear();
    void setTimeZoneMode(TimeZoneMode mode);
    TimeZoneMode timeZoneMode() const { return timeMode_; }

    // What the tabs show (for copying and for tests).
    QString xmlText() const;
    QString jsonText() const;
    QByteArray recordJsonLine() const { return jsonLine_; } // exactly as evtxdump -o jsonl
    QByteArray recordXml() const { return xmlSource_; }     // the XML document, exact bytes
    QString fieldValue(const QString& name) const;
    QTabWidget* tabs() const { return tabs_; }
    void focusCurrentTab();
    void copyCurrentTab();

  signals:
    void timeZoneModeChanged(TimeZoneMode mode);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    QPlainTextEdit* makeTextView();
    void fillFields();
    void readRecovery(const evtx::RecordReader& reader);
    void applyPalette();

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
    std::vector<std::pair<std::string, std::string>> eventData_;
    QString recoveredFrom_; // where a recovered record was found (empty: live)
    bool templateLost_ = false;
    QString templateLostReason_;
    std::vector<std::pair<QString, QString>> rawValues_; // "Value 0 (UInt16)", "7"
    TimeZoneMode timeMode_ = TimeZoneMode::Local;
};

} // namespace evtxui
