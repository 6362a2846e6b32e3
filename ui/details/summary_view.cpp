#include "details/summary_view.hpp"

#include "details/event_data_fields.hpp"

namespace evtxui {

namespace {
using evtx::knowledge::MapProperty;

QString qs(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString row(const QString& label, const QString& value) {
    return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

QString propertyLabel(size_t p) {
    switch (MapProperty(p)) {
    case MapProperty::UserName:
        return SummaryView::tr("User");
    case MapProperty::RemoteHost:
        return SummaryView::tr("Remote host");
    case MapProperty::ExecutableInfo:
        return SummaryView::tr("Executable");
    default:
        return SummaryView::tr("Payload %1").arg(p - size_t(MapProperty::PayloadData1) + 1);
    }
}
} // namespace

SummaryView::SummaryView(QWidget* parent) : QTextBrowser(parent) {
    setOpenLinks(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(6);
}

QSize SummaryView::sizeHint() const {
    return {QTextBrowser::sizeHint().width(), fontMetrics().height() * 7};
}

void SummaryView::showMessage(const QString& text) {
    setHtml(QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped()));
}

void SummaryView::showRecord(const evtx::knowledge::KnowledgeBase& kb,
                             const evtx::EventFields& fields,
                             const evtx::knowledge::SidNames* logNames) {
    const evtx::knowledge::EventDescription d = evtx::knowledge::describe(kb, fields);
    QString html;
    if (d.known()) {
        html += QStringLiteral("<p style=\"font-size:large\"><b>%1</b></p>")
                    .arg(qs(d.title).toHtmlEscaped());
        if (!d.summary.empty())
            html += QStringLiteral("<p>%1</p>").arg(qs(d.summary).toHtmlEscaped());
    } else {
        html += QStringLiteral("<p><b>%1</b></p>")
                    .arg(tr("No description for %1 event %2")
                             .arg(qs(fields.system.provider))
                             .arg(fields.system.eventId)
                             .toHtmlEscaped());
    }
    QString rows;
    if (!d.category.empty()) rows += row(tr("Category"), qs(d.category));
    for (size_t p = 0; p < d.properties.size(); ++p)
        if (!d.properties[p].empty()) rows += row(propertyLabel(p), qs(d.properties[p]));
    if (const QString sid = qs(fields.system.userSid); !sid.isEmpty())
        if (const QString meaning = sidMeaning(fields.system.userSid, logNames); !meaning.isEmpty())
            rows += row(tr("User ID"), sid + QStringLiteral(" — ") + meaning);
    for (const DataFieldView& f : dataFieldViews(kb, d.entry, fields, logNames))
        if (!f.meaning.isEmpty() && f.meaning != f.raw) rows += row(f.label, f.shown());
    if (!rows.isEmpty()) html += QStringLiteral("<table>%1</table>").arg(rows);
    if (d.known() && d.entry && !d.entry->source.empty())
        html += QStringLiteral("<p style=\"color:gray\">%1</p>")
                    .arg(tr("From %1").arg(qs(d.entry->source)).toHtmlEscaped());
    setHtml(html);
}

} // namespace evtxui
