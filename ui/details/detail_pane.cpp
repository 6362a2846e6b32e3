#include "details/detail_pane.hpp"

#include "details/json_pretty.hpp"
#include "details/summary_view.hpp"
#include "document/log_document.hpp"
#include "filter/field_conditions.hpp"
#include "filter/query_text.hpp"
#include "table/record_columns.hpp"

#include "evtx/render/filetime.hpp"
#include "evtx/render/system_fields.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace evtxui {

namespace {
// On a Fields row's name item: the filter field and the value's literal.
constexpr int kFilterFieldRole = Qt::UserRole;
constexpr int kLiteralRole = Qt::UserRole + 1;
constexpr int kDataNameRole = Qt::UserRole + 2;
} // namespace

DetailPane::DetailPane(QWidget* parent) : QWidget(parent) {
    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);

    fields_ = new QTableWidget(0, 2, this);
    fields_->setHorizontalHeaderLabels({tr("Field"), tr("Value")});
    fields_->horizontalHeader()->setStretchLastSection(true);
    fields_->verticalHeader()->hide();
    fields_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    fields_->verticalHeader()->setDefaultSectionSize(fields_->fontMetrics().height() + 6);
    fields_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    fields_->setSelectionBehavior(QAbstractItemView::SelectRows);
    fields_->setWordWrap(false);
    fields_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(fields_, &QWidget::customContextMenuRequested, this, &DetailPane::showFieldMenu);
    xml_ = makeTextView();
    json_ = makeTextView();
    tabs_->addTab(fields_, tr("&Fields"));
    tabs_->addTab(xml_, tr("&XML"));
    tabs_->addTab(json_, tr("&JSON"));
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
        if (index < FieldsTab || index > JsonTab || isFilled(Tab(index))) return;
        ensureFilled(Tab(index));
        emit contentChanged();
    });

    auto* corner = new QWidget(this);
    auto* cornerLayout = new QHBoxLayout(corner);
    cornerLayout->setContentsMargins(0, 0, 0, 0);
    utc_ = new QCheckBox(tr("UTC"), corner);
    utc_->setToolTip(tr("Show times in UTC (the default) instead of the local time zone"));
    utc_->setChecked(timeMode_ == TimeZoneMode::Utc);
    auto* copy = new QToolButton(corner);
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy the text of this tab"));
    cornerLayout->addWidget(utc_);
    cornerLayout->addWidget(copy);
    tabs_->setCornerWidget(corner);
    connect(copy, &QToolButton::clicked, this, &DetailPane::copyCurrentTab);
    connect(utc_, &QCheckBox::toggled, this, [this](bool on) {
        setTimeZoneMode(on ? TimeZoneMode::Utc : TimeZoneMode::Local);
        emit timeZoneModeChanged(timeMode_);
    });

    summary_ = new SummaryView(this);
    split_ = new QSplitter(Qt::Vertical, this);
    split_->setChildrenCollapsible(true);
    split_->addWidget(summary_);
    split_->addWidget(tabs_);
    split_->setStretchFactor(0, 2);
    split_->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split_);
    applyPalette();
}

QPlainTextEdit* DetailPane::makeTextView() {
    auto* view = new QPlainTextEdit(this);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

void DetailPane::applyPalette() {
    applyHighlighting(xml_->document(), HighlightLanguage::Xml, palette());
    applyHighlighting(json_->document(), HighlightLanguage::Json, palette());
}

void DetailPane::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) applyPalette();
    QWidget::changeEvent(event);
}

void DetailPane::clear() {
    hasRecord_ = false;
    document_ = nullptr;
    jsonLine_.clear();
    xmlSource_.clear();
    eventData_.clear();
    taskName_.clear();
    recoveredFrom_.clear();
    templateLost_ = false;
    templateLostReason_.clear();
    rawValues_.clear();
    summary_->clearSummary();
    fields_->setRowCount(0);
    xml_->clear();
    json_->clear();
    stale_.fill(false);
    emit contentChanged();
}

void DetailPane::showRecord(LogDocument* document, uint32_t indexRow) {
    QString error;
    evtx::RecordReader* reader = document->loadRecord(indexRow, error);
    document_ = document;
    row_ = indexRow;
    hasRecord_ = reader != nullptr;
    if (!reader) {
        clear();
        const QString text = tr("This record cannot be read: %1").arg(error);
        xml_->setPlainText(text);
        json_->setPlainText(text);
        summary_->showMessage(text);
        emit contentChanged();
        return;
    }
    evtx::OutBuffer out;
    reader->appendXml(out);
    xmlSource_ = QByteArray(out.data(), qsizetype(out.size()));
    out.clear();
    reader->appendJson(out);
    jsonLine_ = QByteArray(out.data(), qsizetype(out.size())) + '\n';
    readRecovery(*reader);
    describeRecord(*reader);
    // Laying out and highlighting a view is most of the work: only the tab
    // in view is filled now.
    stale_.fill(true);
    ensureFilled(Tab(tabs_->currentIndex()));
    emit contentChanged();
}

void DetailPane::describeRecord(const evtx::RecordReader& reader) {
    eventFields_.clear();
    eventFields_.system.clear();
    eventData_.clear();
    taskName_.clear();
    if (templateLost_) {
        summary_->showMessage(
            tr("No description: this record's template is lost, only its raw values were read."));
        return;
    }
    evtx::readEventFields(reader.tree(), eventFields_);
    const evtx::knowledge::SidNames* logNames = document_ ? document_->sidNames() : nullptr;
    summary_->showRecord(*kb_, eventFields_, logNames);
    const evtx::knowledge::EventDescription d = evtx::knowledge::describe(*kb_, eventFields_);
    eventData_ = dataFieldViews(*kb_, d.entry, eventFields_, logNames);
    taskName_ = QString::fromStdString(d.category);
}

void DetailPane::setKnowledge(KnowledgePtr kb) {
    kb_ = kb ? std::move(kb) : builtInKnowledge();
    refreshRecord();
}

void DetailPane::refreshRecord() {
    if (hasRecord_ && document_) showRecord(document_, row_);
}

QString DetailPane::summaryText() const {
    return summary_->toPlainText();
}

void DetailPane::ensureFilled(Tab tab) {
    if (!stale_[tab]) return;
    stale_[tab] = false;
    switch (tab) {
    case FieldsTab:
        fillFields();
        break;
    case XmlTab:
        xml_->setPlainText(QString::fromUtf8(xmlSource_));
        break;
    case JsonTab:
        json_->setPlainText(
            jsonLine_.isEmpty() ? QString() : QString::fromUtf8(prettyJson(jsonLine_.chopped(1))));
        break;
    }
}

void DetailPane::readRecovery(const evtx::RecordReader& reader) {
    recoveredFrom_.clear();
    templateLost_ = false;
    templateLostReason_.clear();
    rawValues_.clear();
    if (!reader.recovered()) return;
    const evtx::IndexColumns& c = document_->index().columns();
    recoveredFrom_ = recoveryDescription(c.recovery(row_), c.chunk(row_), c.chunkOffset(row_));
    if (!reader.recovered()->raw) return;
    // The raw values as the JSON tab writes them (evtxdump --recover), so
    // the two tabs cannot disagree.
    templateLost_ = true;
    const QJsonObject event =
        QJsonDocument::fromJson(jsonLine_).object().value(QStringLiteral("Event")).toObject();
    templateLostReason_ = event.value(QStringLiteral("#template_lost"))
                              .toObject()
                              .value(QStringLiteral("Reason"))
                              .toString();
    const QJsonArray values = event.value(QStringLiteral("Values")).toArray();
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QJsonObject v = values[i].toObject();
        const QJsonValue value = v.value(QStringLiteral("Value"));
        QString text = value.isString() ? value.toString()
                                        : QString::fromUtf8(QJsonDocument(QJsonArray{value})
                                                                .toJson(QJsonDocument::Compact)
                                                                .chopped(1)
                                                                .mid(1));
        rawValues_.emplace_back(
            tr("Value %1 (%2)").arg(i).arg(v.value(QStringLiteral("Type")).toString()), text);
    }
}

void DetailPane::fillFields() {
    fields_->setRowCount(0);
    if (!hasRecord_) return;
    const evtx::RecordIndex& ix = document_->index();
    const evtx::IndexRow r = ix.columns().row(row_);
    // `field` and `literal` make the row's filter condition.
    auto add = [&](const QString& name, const QString& value, const QString& field = QString(),
                   const QString& literal = QString()) {
        const int row = fields_->rowCount();
        fields_->insertRow(row);
        auto* nameItem = new QTableWidgetItem(name);
        nameItem->setData(kFilterFieldRole, field);
        nameItem->setData(kLiteralRole, literal);
        fields_->setItem(row, 0, nameItem);
        fields_->setItem(row, 1, new QTableWidgetItem(value));
        return nameItem;
    };
    auto section = [&](const QString& title) {
        const int row = fields_->rowCount();
        fields_->insertRow(row);
        auto* item = new QTableWidgetItem(title);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        fields_->setItem(row, 0, item);
        fields_->setSpan(row, 0, 1, 2);
    };
    if (!recoveredFrom_.isEmpty()) add(tr("Recovered"), recoveredFrom_);
    if (templateLost_) {
        // No System fields: only the record header's id and written time are known.
        add(tr("Template"), tr("lost: %1").arg(templateLostReason_));
        add(tr("Written"), formatEventTime(r.timeCreated, timeMode_, true));
        add(tr("Record ID"), QString::number(r.recordId));
        section(tr("Raw values"));
        for (const auto& [name, value] : rawValues_)
            add(name, value);
        fields_->resizeColumnToContents(0);
        return;
    }
    auto text = [&](uint32_t id) { return QString::fromStdString(ix.text(id)); };
    auto number = [](uint64_t v) { return QString::number(v); };
    const QString time = QLatin1Char('"') +
                         QString::fromStdString(evtx::formatFileTime100ns(r.timeCreated, 0, true)) +
                         QLatin1Char('"');
    add(tr("Level"), levelText(r.level, r.keywords) + QStringLiteral(" (%1)").arg(r.level),
        QStringLiteral("Level"), number(r.level));
    add(tr("Date and Time"), formatEventTime(r.timeCreated, timeMode_, true),
        QStringLiteral("TimeCreated"), time);
    add(tr("Source"), text(r.provider), QStringLiteral("Provider"),
        quotedFilterValue(text(r.provider)));
    add(tr("Event ID"), number(r.eventId), QStringLiteral("EventID"), number(r.eventId));
    add(tr("Task Category"),
        taskName_.isEmpty() ? number(r.task) : number(r.task) + QStringLiteral(" — ") + taskName_,
        QStringLiteral("Task"), number(r.task));
    add(tr("Opcode"), number(r.opcode), QStringLiteral("Opcode"), number(r.opcode));
    add(tr("Keywords"), hexText(r.keywords), QStringLiteral("Keywords"), hexText(r.keywords));
    add(tr("Computer"), text(r.computer), QStringLiteral("Computer"),
        quotedFilterValue(text(r.computer)));
    add(tr("Channel"), text(r.channel), QStringLiteral("Channel"),
        quotedFilterValue(text(r.channel)));
    const QString userMeaning =
        sidMeaning(ix.text(r.userSid), document_ ? document_->sidNames() : nullptr);
    add(tr("User"),
        userMeaning.isEmpty() ? text(r.userSid)
                              : text(r.userSid) + QStringLiteral(" — ") + userMeaning,
        QStringLiteral("UserID"), quotedFilterValue(text(r.userSid)));
    add(tr("Process ID"), number(r.processId), QStringLiteral("ProcessID"), number(r.processId));
    add(tr("Thread ID"), number(r.threadId), QStringLiteral("ThreadID"), number(r.threadId));
    add(tr("Record ID"), number(r.recordId), QStringLiteral("RecordID"), number(r.recordId));
    if (!eventData_.empty()) {
        section(tr("Event data"));
        // Decoded meanings beside the raw values ("3 — Network"), never instead.
        for (const DataFieldView& f : eventData_)
            add(f.label, f.shown(), dataFieldReference(f.name), quotedFilterValue(f.raw))
                ->setData(kDataNameRole, f.name);
    }
    fields_->resizeColumnToContents(0);
}

void DetailPane::setTimeZoneMode(TimeZoneMode mode) {
    const bool changed = mode != timeMode_;
    timeMode_ = mode;
    {
        const QSignalBlocker block(utc_);
        utc_->setChecked(mode == TimeZoneMode::Utc);
    }
    if (changed) {
        stale_[FieldsTab] = true;
        if (tabs_->currentIndex() == FieldsTab) ensureFilled(FieldsTab);
        emit contentChanged();
    }
}

QString DetailPane::xmlText() const {
    ensureFilled(XmlTab);
    return xml_->toPlainText();
}
QString DetailPane::jsonText() const {
    ensureFilled(JsonTab);
    return json_->toPlainText();
}

QString DetailPane::fieldValue(const QString& name) const {
    ensureFilled(FieldsTab);
    for (int r = 0; r < fields_->rowCount(); ++r)
        if (fields_->item(r, 0) && fields_->item(r, 0)->text() == name && fields_->item(r, 1))
            return fields_->item(r, 1)->text();
    return {};
}

int DetailPane::fieldRow(const QString& name) const {
    ensureFilled(FieldsTab);
    for (int r = 0; r < fields_->rowCount(); ++r)
        if (fields_->item(r, 0) && fields_->item(r, 0)->text() == name) return r;
    return -1;
}

QString DetailPane::fieldCondition(int row, bool exclude) const {
    ensureFilled(FieldsTab);
    const QTableWidgetItem* item = row >= 0 ? fields_->item(row, 0) : nullptr;
    const QString field = item ? item->data(kFilterFieldRole).toString() : QString();
    if (field.isEmpty()) return {};
    return evtxui::fieldCondition(field, item->data(kLiteralRole).toString(), exclude);
}

QString DetailPane::dataName(int row) const {
    ensureFilled(FieldsTab);
    const QTableWidgetItem* item = row >= 0 ? fields_->item(row, 0) : nullptr;
    return item ? item->data(kDataNameRole).toString() : QString();
}

QMenu* DetailPane::createFieldMenu(int row, QWidget* parent) {
    auto* menu = new QMenu(parent);
    const QString include = fieldCondition(row, false);
    const QString exclude = fieldCondition(row, true);
    QAction* filter = menu->addAction(tr("&Filter on This Value"), this,
                                      [this, include] { emit conditionRequested(include); });
    filter->setToolTip(include);
    QAction* leaveOut = menu->addAction(tr("&Exclude This Value"), this,
                                        [this, exclude] { emit conditionRequested(exclude); });
    leaveOut->setToolTip(exclude);
    filter->setEnabled(!include.isEmpty());
    leaveOut->setEnabled(!exclude.isEmpty());
    const QString name = dataName(row);
    QAction* column = menu->addAction(tr("Add as &Column"), this,
                                      [this, name] { emit dataColumnRequested(name); });
    column->setEnabled(!name.isEmpty());
    menu->addSeparator();
    const QTableWidgetItem* value = row >= 0 ? fields_->item(row, 1) : nullptr;
    menu->addAction(tr("Copy &Value"), this, [text = value ? value->text() : QString()] {
        QApplication::clipboard()->setText(text);
    });
    menu->setToolTipsVisible(true);
    return menu;
}

void DetailPane::showFieldMenu(const QPoint& pos) {
    const int row = fields_->rowAt(pos.y());
    if (row < 0 || fieldCondition(row, false).isEmpty()) return;
    QMenu* menu = createFieldMenu(row, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(fields_->viewport()->mapToGlobal(pos));
}

void DetailPane::focusCurrentTab() {
    if (QWidget* w = tabs_->currentWidget()) w->setFocus(Qt::ShortcutFocusReason);
}

void DetailPane::copyCurrentTab() {
    QString text;
    switch (tabs_->currentIndex()) {
    // The exact bytes (the views normalise line breaks inside values).
    case XmlTab:
        text = QString::fromUtf8(xmlSource_);
        break;
    case JsonTab:
        if (!jsonLine_.isEmpty()) text = QString::fromUtf8(prettyJson(jsonLine_.chopped(1)));
        break;
    default:
        ensureFilled(FieldsTab);
        for (int r = 0; r < fields_->rowCount(); ++r) {
            text += fields_->item(r, 0) ? fields_->item(r, 0)->text() : QString();
            if (fields_->item(r, 1)) text += '\t' + fields_->item(r, 1)->text();
            text += '\n';
        }
    }
    QApplication::clipboard()->setText(text);
}

} // namespace evtxui
