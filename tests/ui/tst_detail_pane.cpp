// The detail pane shows exactly what evtxdump writes for the selected record
// (XML tab = evtxdump's XML record, JSON tab = its JSONL line, indented), the
// System fields and EventData pairs, highlighted. On the demo log against
// evtxdump run on it, and on shared samples against their golden files.
#include "details/detail_pane.hpp"
#include "details/json_pretty.hpp"
#include "log_samples.hpp"
#include "ui_test_support.hpp"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTabWidget>

using namespace evtxui;

namespace {
// Drops the whitespace prettyJson added (outside strings).
QByteArray compact(const QByteArray& pretty) {
    QByteArray out;
    bool inString = false, escaped = false;
    for (char c : pretty) {
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
            out += c;
        } else if (c != ' ' && c != '\n') {
            out += c;
        }
    }
    return out;
}
} // namespace

class DetailPaneTest : public QObject {
    Q_OBJECT

    void checkSample(const QString& name) {
        LogDocument doc(logPath(name));
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        const QList<QByteArray> lines = logJsonLines(name);
        const QList<QByteArray> xml = logXmlRecords(name);
        QCOMPARE(xml.size(), lines.size());
        QCOMPARE(qsizetype(doc.index().size()), lines.size());
        DetailPane pane;
        pane.setTimeZoneMode(TimeZoneMode::Utc);
        for (qsizetype i : {qsizetype(0), lines.size() / 2, lines.size() - 1}) {
            pane.showRecord(&doc, uint32_t(i));
            QCOMPARE(pane.recordJsonLine(), lines[i] + '\n');
            QCOMPARE(compact(pane.jsonText().toUtf8()), lines[i]);
            // Reference block: "Record N\n" + the XML document + an empty line.
            const QByteArray block = xml[i];
            const QByteArray expected = block.mid(block.indexOf('\n') + 1).chopped(1);
            QCOMPARE(pane.recordXml(), expected);
            // The text view shows it with line breaks normalised (CR LF in values).
            QCOMPARE(pane.xmlText().toUtf8(), QByteArray(expected).replace("\r\n", "\n"));

            const QJsonObject sys =
                QJsonDocument::fromJson(lines[i]).object()["Event"].toObject()["System"].toObject();
            const QJsonValue id = sys["EventID"];
            const QString eventId = id.isObject() ? id.toObject()["#text"].toVariant().toString()
                                                  : id.toVariant().toString();
            QCOMPARE(pane.fieldValue("Event ID"), eventId);
            QCOMPARE(pane.fieldValue("Computer"), sys["Computer"].toString());
            const QString time =
                sys["TimeCreated"].toObject()["#attributes"].toObject()["SystemTime"].toString();
            if (!time.isEmpty())
                QCOMPARE(pane.fieldValue("Date and Time").left(26).replace(' ', 'T'),
                         time.left(26));
            QVERIFY(pane.fieldValue("Date and Time").endsWith(" UTC"));
        }
    }

  private slots:
    void initTestCase() { useTestSettings(); }

    // The damaged sample: a chunk with a bad magic is left out.
    void recordsAsEvtxdumpWrites_data() {
        addLogRows({"security", "system", "sample_with_a_bad_chunk_magic"});
    }
    void recordsAsEvtxdumpWrites() {
        QFETCH(QString, name);
        checkSample(name);
    }

    void eventDataPairsAndFullPrecisionTime_data() { addLogRows({"security"}); }
    void eventDataPairsAndFullPrecisionTime() {
        QFETCH(QString, name);
        LogDocument doc(logPath(name));
        QVERIFY(doc.open());
        doc.startIndexing();
        QVERIFY(waitIndexed(&doc));
        DetailPane pane;
        pane.setTimeZoneMode(TimeZoneMode::Utc);
        // A record with named EventData (JSONL: "TargetUserName":...).
        const QList<QByteArray> lines = logJsonLines(name);
        qsizetype i = 0;
        while (i < lines.size() && !lines[i].contains("\"TargetUserName\":"))
            ++i;
        QVERIFY(i < lines.size());
        pane.showRecord(&doc, uint32_t(i));
        const QJsonObject data =
            QJsonDocument::fromJson(lines[i]).object()["Event"].toObject()["EventData"].toObject();
        QCOMPARE(pane.fieldValue("TargetUserName"), data["TargetUserName"].toString());
        // 7 fractional digits: 100 ns.
        const QString t = pane.fieldValue("Date and Time");
        QVERIFY2(t.contains(QRegularExpression(":\\d\\d\\.\\d{7} UTC$")), qPrintable(t));
        pane.setTimeZoneMode(TimeZoneMode::Local);
        QVERIFY(pane.fieldValue("Date and Time")
                    .contains(QRegularExpression("\\d{7} UTC[+-]\\d\\d:\\d\\d$")));
    }

    void textIsHighlightedAndMonospace() {
        DetailPane pane;
        auto* xml = qobject_cast<QPlainTextEdit*>(pane.tabs()->widget(DetailPane::XmlTab));
        QVERIFY(xml);
        QVERIFY(xml->document()->findChild<QSyntaxHighlighter*>());
        // The platform's fixed-pitch font is asked for (whether the machine
        // has a monospace face to give is not this code's business).
        QCOMPARE(xml->font().family(),
                 QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
        // A palette change re-themes without creating a second highlighter.
        QPalette dark;
        dark.setColor(QPalette::Base, Qt::black);
        dark.setColor(QPalette::Text, Qt::white);
        pane.setPalette(dark);
        QCOMPARE(xml->document()->findChildren<QSyntaxHighlighter*>().size(), 1);
    }

    void prettyJsonKeepsOrderAndStrings() {
        const QByteArray in = "{\"b\":1,\"a\":{\"x\":\"y, z: {\"},\"e\":[],\"l\":[1,\"\\\"q\"]}";
        const QByteArray out = prettyJson(in);
        QVERIFY(out.indexOf("\"b\"") < out.indexOf("\"a\""));
        QVERIFY(out.contains("\"y, z: {\""));
        QCOMPARE(compact(out), in);
    }
};

QTEST_MAIN(DetailPaneTest)
#include "tst_detail_pane.moc"
