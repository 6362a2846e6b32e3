// Recovery and integrity in the viewer, on a damaged copy of the demo log
// (built here byte by byte: records cut into slack, a chunk without its
// magic, a chunk whose first record is gone, a lost size copy) and, with
// ../shared, on the damaged shared samples: the
// integrity panel lists what `evtxdump --check -o json` reports, recovery
// adds the records `evtxdump --recover` adds (marked, rendered as it writes
// them, selected by the Recovered filter), and items naming a record select
// it in the table.
#include "app/log_view.hpp"
#include "app/main_window.hpp"
#include "details/detail_pane.hpp"
#include "evtx_builder.hpp"
#include "filter/filter_controller.hpp"
#include "integrity/integrity_dialog.hpp"
#include "integrity/integrity_job.hpp"
#include "log_sources.hpp"
#include "table/record_columns.hpp"
#include "table/record_table_model.hpp"
#include "ui_test_support.hpp"

#include <QAction>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>

#include <vector>

using namespace evtxui;

namespace {

// A shared sample's path by name; any other name is already a path (the
// damaged demo log).
QString pathOf(const QString& sample) {
    return sample.contains('/') ? sample : samplePath(sample);
}

std::unique_ptr<LogView> openIndexed(const QString& sample, bool recover) {
    auto v = std::make_unique<LogView>(pathOf(sample));
    evtx::IndexOptions options;
    options.recover = recover;
    if (!v->openAndIndex(options) || !waitIndexed(v->document())) return nullptr;
    if (!QTest::qWaitFor([&v] { return !v->filter()->isBusy(); }, 30000)) return nullptr;
    return v;
}

// The lines of `evtxdump --recover -o jsonl` that carry the marker.
QList<QByteArray> recoveredLines(const QString& sample) {
    QList<QByteArray> out;
    for (const QByteArray& line :
         runEvtxdump({"--recover", "-o", "jsonl", pathOf(sample)}).split('\n'))
        if (line.contains("\"#recovered\":")) out << line;
    return out;
}

using evtxtest::ByteVec;

uint64_t readLE(const ByteVec& b, size_t at, int n) {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i)
        v = v << 8 | b[at + size_t(i)];
    return v;
}

// The chunk offsets of a chunk's records, walked by their sizes.
std::vector<size_t> recordOffsets(const ByteVec& chunk) {
    std::vector<size_t> out;
    const size_t end = size_t(readLE(chunk, 48, 4));
    for (size_t at = 512; at < end; at += size_t(readLE(chunk, at + 4, 4)))
        out.push_back(at);
    return out;
}

// A copy of the demo log, damaged: chunk 1's last three records cut off
// into slack space (its header ends the records before them), chunk 4's
// magic broken, chunk 6's first record (holding a template definition that
// later records use) zeroed, and a record of chunk 8 whose trailing size copy
// is wrong; checksums fixed. What recovery adds is counted here from the
// chunks themselves: the three cut records, all of chunk 4's, and the
// records of chunk 6 that use the lost template (recovered with raw values).
// Chunk 6's other records are not: the names their templates use were
// stored in the zeroed record, so they have no System/TimeCreated.
struct DamagedDemo {
    QString path;
    int recovered = 0;
};

DamagedDemo writeDamagedDemo(const QString& path) {
    QFile in(demoLogPath());
    if (!in.open(QIODevice::ReadOnly)) qFatal("cannot read the demo log");
    const QByteArray demo = in.readAll();
    ByteVec file(demo.begin(), demo.end());
    auto chunk = [&file](size_t i) {
        const auto at = file.begin() + long(4096 + i * 65536);
        return ByteVec(at, at + 65536);
    };
    auto put = [&file](size_t i, ByteVec& c) {
        evtxtest::fixChunkCrcs(c);
        std::copy(c.begin(), c.end(), file.begin() + long(4096 + i * 65536));
    };
    DamagedDemo out{path, 0};

    ByteVec c1 = chunk(1);
    const std::vector<size_t> r1 = recordOffsets(c1);
    const size_t n1 = r1.size();
    evtxtest::patchLE(c1, 16, readLE(c1, 16, 8) - 3, 8); // last record number
    evtxtest::patchLE(c1, 32, readLE(c1, 32, 8) - 3, 8); // last record id
    evtxtest::patchLE(c1, 44, r1[n1 - 4], 4);            // last record
    evtxtest::patchLE(c1, 48, r1[n1 - 3], 4);            // free space
    put(1, c1);
    out.recovered += 3;

    ByteVec c4 = chunk(4);
    out.recovered += int(recordOffsets(c4).size());
    c4[0] = 'X';
    std::copy(c4.begin(), c4.end(), file.begin() + 4096 + 4 * 65536);

    // Each record starts with a fragment header and a template instance:
    // 0x0c 0x01, the template id, then the definition's chunk offset (the
    // first record holds its definition inline, right after that field).
    ByteVec c6 = chunk(6);
    const std::vector<size_t> r6 = recordOffsets(c6);
    const uint64_t firstDefinition = readLE(c6, r6[0] + 24 + 4 + 6, 4);
    if (c6[r6[0] + 28] != 0x0c || firstDefinition != r6[0] + 24 + 4 + 10)
        qFatal("chunk 6 of the demo log does not start with a template definition");
    for (size_t i = 1; i < r6.size(); ++i)
        if (c6[r6[i] + 28] == 0x0c && readLE(c6, r6[i] + 24 + 4 + 6, 4) == firstDefinition)
            ++out.recovered;
    std::fill(c6.begin() + long(r6[0]), c6.begin() + long(r6[1]), uint8_t(0));
    put(6, c6);

    ByteVec c8 = chunk(8);
    const std::vector<size_t> r8 = recordOffsets(c8);
    evtxtest::patchLE(c8, r8[6] - 4, 0x1234, 4); // record 5's size copy
    put(8, c8);

    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(reinterpret_cast<const char*>(file.data()),
                                                 qsizetype(file.size())) != qsizetype(file.size()))
        qFatal("cannot write %s", qPrintable(path));
    return out;
}

QStringList childTexts(QTreeWidgetItem* section) {
    QStringList out;
    for (int i = 0; section && i < section->childCount(); ++i)
        out << section->child(i)->text(0);
    return out;
}

// A section of `evtxdump --check` text: "  heading", "    item" lines and
// "    ... and N more".
struct CheckSection {
    QString heading;
    QStringList items;
    qsizetype more = 0;
};

std::vector<CheckSection> checkSections(const QByteArray& text) {
    std::vector<CheckSection> out;
    const QStringList lines = QString::fromUtf8(text).split('\n', Qt::SkipEmptyParts);
    static const QRegularExpression moreLine("^    \\.\\.\\. and (\\d+) more$");
    for (qsizetype i = 1; i < lines.size(); ++i) { // after the file's name
        const QRegularExpressionMatch more = moreLine.match(lines[i]);
        if (more.hasMatch() && !out.empty())
            out.back().more = more.captured(1).toLongLong();
        else if (lines[i].startsWith("    ") && !out.empty())
            out.back().items << lines[i].mid(4);
        else
            out.push_back({lines[i].mid(2), {}, 0});
    }
    return out;
}

bool applyFilter(LogView& v, const QString& text) {
    if (!v.filter()->applyExpression(text)) return false;
    return QTest::qWaitFor([&v] { return !v.filter()->isBusy(); }, 30000);
}

} // namespace

class IntegrityTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    DamagedDemo damaged_;

    void damagedSamples() {
        QTest::addColumn<QString>("name");
        // Counted from the chunks (the damaged demo log) or tst_recover's
        // counts (the shared samples), as a cross-check.
        QTest::addColumn<int>("recovered");
        QTest::newRow("damaged demo") << damaged_.path << damaged_.recovered;
        QTest::newRow("demo") << demoLogPath() << 0; // nothing to recover
        if (!sharedAvailable()) return;
        QTest::newRow("bad chunk magic") << "sample_with_a_bad_chunk_magic" << 163;
        QTest::newRow("sysmon") << "sysmon" << 0;
        QTest::newRow("RdpCoreTS")
            << "2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational" << 155;
        QTest::newRow("RemoteConnectionManager")
            << "2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%4Operational"
            << 267;
        QTest::newRow("zero data size") << "sample-with-zero-data-size-event" << 114;
        // Six carved candidates that are not events (tst_recover's reasons).
        QTest::newRow("new user security") << "new-user-security" << 0;
    }

    // One damaged log: the damaged demo log; with the corpus, `shared` too.
    void oneDamagedLog(const char* shared, int sharedRecovered) {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("recovered");
        QTest::newRow("damaged demo") << damaged_.path << damaged_.recovered;
        if (sharedAvailable()) QTest::newRow(shared) << QString(shared) << sharedRecovered;
    }

  private slots:
    void initTestCase() {
        useTestSettings();
        QVERIFY(dir_.isValid());
        damaged_ = writeDamagedDemo(dir_.filePath("damaged demo.evtx"));
    }

    void panelListsWhatCheckReports_data() { damagedSamples(); }
    void panelListsWhatCheckReports() {
        QFETCH(QString, name);
        auto view = openIndexed(name, false);
        QVERIFY(view);
        IntegrityDialog* dialog = view->showIntegrity();
        QSignalSpy finished(dialog->job(), &IntegrityJob::finished);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(0).toBool(), false);

        const QJsonObject check =
            QJsonDocument::fromJson(runEvtxdump({"--check", "-o", "json", pathOf(name)})).object();
        QVERIFY(!check.isEmpty());
        const QJsonObject header = check["header"].toObject();
        const QString headerText = dialog->section("header")->text(0);
        QVERIFY(headerText.startsWith(QString("File header: version %1, checksum %2, flags 0x%3")
                                          .arg(header["version"].toString(),
                                               header["checksum_ok"].toBool() ? "ok" : "MISMATCH")
                                          .arg(header["flags"].toInt(), 0, 16)));
        QCOMPARE(headerText.contains(" dirty"), header["dirty"].toBool());
        QCOMPARE(headerText.contains(" full"), header["full"].toBool());
        QVERIFY(dialog->section("chunks")->text(0).startsWith(
            QString("Chunks: %1 in the header, %2 in the file (%3 with a chunk magic")
                .arg(header["chunk_count"].toInt())
                .arg(check["chunks"]["blocks"].toInt())
                .arg(check["chunks"]["with_magic"].toInt())));
        QCOMPARE(dialog->section("chunks")->text(0).contains("MISMATCH"),
                 !check["chunks"]["count_matches_header"].toBool());

        // Every chunk problem, every record problem, gap, duplicate and
        // backwards step, in the order evtxdump lists them.
        const QJsonArray chunkIssues = check["chunks"]["issues"].toArray();
        const QStringList chunkItems = childTexts(dialog->section("chunkProblems"));
        QCOMPARE(chunkItems.size(), chunkIssues.size());
        for (qsizetype i = 0; i < chunkIssues.size(); ++i) {
            const QJsonObject c = chunkIssues[i].toObject();
            QCOMPARE(chunkItems[i], QString("chunk %1 (file offset 0x%2): %3")
                                        .arg(c["chunk"].toInt())
                                        .arg(c["file_offset"].toInteger(), 0, 16)
                                        .arg(c["problem"].toString()));
        }
        const QJsonObject records = check["records"].toObject();
        const QJsonArray recordIssues = records["issues"].toArray();
        QTreeWidgetItem* recordSection = dialog->section("recordProblems");
        QCOMPARE(recordSection->childCount(), recordIssues.size());
        for (qsizetype i = 0; i < recordIssues.size(); ++i) {
            const QJsonObject e = recordIssues[i].toObject();
            QTreeWidgetItem* item = recordSection->child(int(i));
            QVERIFY(item->text(0).endsWith(e["reason"].toString()));
            QVERIFY(item->text(0).contains(
                QString("file offset 0x%1").arg(e["file_offset"].toInteger(), 0, 16)));
            const QVariant id = item->data(0, IntegrityDialog::RecordIdRole);
            QCOMPARE(id.isValid(), !e["record_id"].isNull());
            if (id.isValid()) QCOMPARE(id.toLongLong(), e["record_id"].toInteger());
        }
        const QJsonArray gaps = records["id_gaps"].toArray();
        QTreeWidgetItem* gapSection = dialog->section("gaps");
        QCOMPARE(gapSection->childCount(), gaps.size());
        QVERIFY(gapSection->text(0).contains(
            QString("(%1 ids missing)").arg(records["missing_ids"].toInteger())));
        for (qsizetype i = 0; i < gaps.size(); ++i)
            QCOMPARE(gapSection->child(int(i))->data(0, IntegrityDialog::RecordIdRole).toLongLong(),
                     gaps[i]["first"].toInteger() - 1);
        QCOMPARE(dialog->section("duplicates")->childCount(),
                 records["duplicate_ids"].toArray().size());
        QCOMPARE(dialog->section("writtenBackwards")->childCount(),
                 records["written_time_backwards"].toArray().size());
        QCOMPARE(dialog->section("createdBackwards")->childCount(),
                 records["created_time_backwards"].toArray().size());

        const QJsonObject recovered = check["recovered"].toObject();
        QCOMPARE(dialog->section("recovered")->text(0),
                 QString("Recovered records: %1 (%2 from slack space, %3 from damaged chunks; %4 "
                         "partial, with a lost template; %5 with ids no live record has; %6 "
                         "conflicting with a live record of the same id)")
                     .arg(recovered["count"].toInt())
                     .arg(recovered["slack"].toInt())
                     .arg(recovered["damaged_chunks"].toInt())
                     .arg(recovered["template_lost"].toInt())
                     .arg(recovered["new_ids"].toInt())
                     .arg(recovered["conflicts_with_live"].toInt()));
        QCOMPARE(dialog->section("carvedCopies")->text(0),
                 QString("Carved copies of live records (not written again): %1")
                     .arg(recovered["copies_of_live"].toInt()));
        const QJsonArray rejected = recovered["rejected"].toArray();
        QCOMPARE(dialog->section("carveRejected")->childCount(), rejected.size());
        for (qsizetype i = 0; i < rejected.size(); ++i)
            QVERIFY(dialog->section("carveRejected")
                        ->child(int(i))
                        ->text(0)
                        .endsWith(rejected[i]["reason"].toString()));
        QCOMPARE(dialog->section("verdict")->text(0), check["clean"].toBool()
                                                          ? QString("Verdict: no problems found")
                                                          : QString("Verdict: problems found"));
    }

    // The same words as `evtxdump --check`: each section its heading (with a
    // capital) and its items, in its order; the CLI cuts lists at 20 items
    // ("... and N more"), the dialog lists them all.
    void panelSaysWhatCheckSays_data() { damagedSamples(); }
    void panelSaysWhatCheckSays() {
        QFETCH(QString, name);
        auto view = openIndexed(name, false);
        QVERIFY(view);
        IntegrityDialog* dialog = view->showIntegrity();
        QSignalSpy finished(dialog->job(), &IntegrityJob::finished);
        QVERIFY(finished.wait(60000));
        const std::vector<CheckSection> check =
            checkSections(runEvtxdump({"--check", pathOf(name)}));
        QTreeWidget* tree = dialog->tree();
        QCOMPARE(qsizetype(tree->topLevelItemCount()), qsizetype(check.size()));
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            const CheckSection& c = check[size_t(i)];
            QString heading = c.heading;
            heading[0] = heading[0].toUpper();
            QCOMPARE(tree->topLevelItem(i)->text(0), heading);
            QStringList items = childTexts(tree->topLevelItem(i));
            if (tree->topLevelItem(i)->data(0, IntegrityDialog::SectionRole).toString() ==
                "recovered")
                items.removeLast(); // the dialog's note on showing them
            QCOMPARE(items.size(), c.items.size() + c.more);
            QCOMPARE(items.mid(0, c.items.size()), c.items);
        }
    }

    void recoveryAddsWhatEvtxdumpRecovers_data() { damagedSamples(); }
    void recoveryAddsWhatEvtxdumpRecovers() {
        QFETCH(QString, name);
        QFETCH(int, recovered);
        auto plain = openIndexed(name, false);
        auto rec = openIndexed(name, true);
        QVERIFY(plain && rec);
        const QList<QByteArray> expected = recoveredLines(name);
        QCOMPARE(expected.size(), recovered);
        const LogDocument* doc = rec->document();
        QCOMPARE(qsizetype(doc->index().size() - plain->document()->index().size()),
                 expected.size());
        QCOMPARE(qsizetype(doc->recoveredCount()), expected.size());
        QVERIFY(rec->statusSummary().contains(QString("%1 recovered").arg(recovered)));
        QVERIFY(!rec->table()->horizontalHeader()->isSectionHidden(int(Column::Recovered)));

        // The marker: tinted, the Recovered column and a tooltip saying where.
        RecordTableModel* model = rec->model();
        std::vector<uint32_t> recoveredRows;
        for (int r = 0; r < model->rowCount(); ++r) {
            const bool isRecovered =
                model->data(model->index(r, 0), RecordTableModel::RecoveryRole).toUInt() != 0;
            const QString column = model->data(model->index(r, int(Column::Recovered))).toString();
            QCOMPARE(!column.isEmpty(), isRecovered);
            QCOMPARE(model->data(model->index(r, 1), Qt::BackgroundRole).isValid(), isRecovered);
            if (!isRecovered) continue;
            QVERIFY(column == "slack" || column.startsWith("damaged chunk") ||
                    column.startsWith("slack,"));
            QVERIFY(model->data(model->index(r, 1), Qt::ToolTipRole)
                        .toString()
                        .startsWith("Recovered from"));
            recoveredRows.push_back(model->indexRow(r));
        }
        QCOMPARE(qsizetype(recoveredRows.size()), expected.size());

        // Rendered exactly as evtxdump --recover writes them, in file order.
        for (size_t i = 0; i < recoveredRows.size(); ++i) {
            QString error;
            evtx::RecordReader* reader = rec->document()->loadRecord(recoveredRows[i], error);
            QVERIFY2(reader, qPrintable(error));
            evtx::OutBuffer out;
            reader->appendDump(out, evtx::OutputFormat::Jsonl);
            QCOMPARE(QByteArray(out.data(), qsizetype(out.size())).chopped(1),
                     expected[qsizetype(i)]);
        }

        // The Recovered filter selects exactly them; "not Recovered" the rest.
        QVERIFY(applyFilter(*rec, "Recovered"));
        if (recovered > 0) {
            QCOMPARE(model->rowCount(), recovered);
            for (int r = 0; r < model->rowCount(); ++r)
                QCOMPARE(model->indexRow(r), recoveredRows[size_t(r)]);
        } else {
            QVERIFY(model->isFiltered());
            QCOMPARE(model->rowCount(), 0);
        }
        QVERIFY(applyFilter(*rec, "Recovered == true"));
        QCOMPARE(model->rowCount(), recovered);
        QVERIFY(applyFilter(*rec, "not Recovered"));
        QCOMPARE(qsizetype(model->rowCount()), qsizetype(plain->document()->index().size()));
        QVERIFY(!rec->filter()->applyExpression("Recovered == maybe"));
    }

    void detailPaneShowsRecoveredRecord_data() {
        oneDamagedLog("sample_with_a_bad_chunk_magic", 163);
    }
    void detailPaneShowsRecoveredRecord() {
        QFETCH(QString, name);
        auto view = openIndexed(name, true);
        QVERIFY(view);
        RecordTableModel* model = view->model();
        int row = -1;
        for (int r = 0; r < model->rowCount() && row < 0; ++r)
            if (model->data(model->index(r, 0), RecordTableModel::RecoveryRole).toUInt() ==
                evtx::row_recovery::Slack) // parsed with its template
                row = r;
        QVERIFY(row >= 0);
        view->table()->setCurrentIndex(model->index(row, 0));
        DetailPane* details = view->details();
        QVERIFY(details->recordJsonLine().contains("\"#recovered\":{\"source\":"));
        QVERIFY(details->recordXml().contains("<!-- recovered from "));
        QVERIFY(details->fieldValue("Recovered").startsWith("Recovered from"));
        QVERIFY(!details->fieldValue("Event ID").isEmpty());
    }

    // The damaged demo log (chunk 6 lost a template definition); with the
    // corpus, the first shared sample that has such records.
    void templateLostRecordShowsRawValues_data() {
        QTest::addColumn<QStringList>("candidates");
        QTest::newRow("damaged demo") << QStringList{damaged_.path};
        if (sharedAvailable())
            QTest::newRow("shared") << QStringList{
                "sample_with_a_bad_chunk_magic",
                "2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational",
                "2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%"
                "4Operational",
                "sample-with-zero-data-size-event"};
    }
    void templateLostRecordShowsRawValues() {
        QFETCH(QStringList, candidates);
        // The log's recovered records whose template is lost (as
        // evtxdump --recover writes them, with raw values).
        QList<QByteArray> lostLines;
        QString sample;
        for (const QString& name : candidates) {
            for (const QByteArray& line : recoveredLines(name))
                if (line.contains("\"#template_lost\"")) lostLines << line;
            if (!lostLines.isEmpty()) {
                sample = name;
                break;
            }
        }
        if (lostLines.isEmpty() && candidates.first() == damaged_.path)
            QFAIL("the damaged demo log has no recovered record without its template");
        if (lostLines.isEmpty()) QSKIP("no shared sample has a recovered record without template");
        auto view = openIndexed(sample, true);
        QVERIFY(view);
        RecordTableModel* model = view->model();
        int shown = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            const uint recovery =
                model->data(model->index(r, 0), RecordTableModel::RecoveryRole).toUInt();
            if (!(recovery & evtx::row_recovery::TemplateLost)) continue;
            QVERIFY(model->data(model->index(r, int(Column::Recovered)))
                        .toString()
                        .contains(", partial"));
            // No System fields to show: blank, not "Information" / event 0.
            QVERIFY(model->data(model->index(r, int(Column::Level))).isNull());
            QVERIFY(model->data(model->index(r, int(Column::EventId))).isNull());
            QVERIFY(!model->data(model->index(r, int(Column::DateTime))).toString().isEmpty());
            view->table()->setCurrentIndex(model->index(r, 0));
            DetailPane* details = view->details();
            QCOMPARE(details->recordJsonLine().chopped(1), lostLines[shown]);
            QVERIFY(details->fieldValue("Template").startsWith("lost: "));
            QVERIFY(details->recordXml().contains("<TemplateLost "));
            const QJsonArray values = QJsonDocument::fromJson(lostLines[shown])
                                          .object()["Event"]
                                          .toObject()["Values"]
                                          .toArray();
            if (!values.isEmpty())
                QVERIFY(
                    !details->fieldValue(QString("Value 0 (%1)").arg(values[0]["Type"].toString()))
                         .isNull());
            ++shown;
        }
        QCOMPARE(shown, lostLines.size());
    }

    void itemsSelectTheirRecord_data() { oneDamagedLog("sample_with_a_bad_chunk_magic", 163); }
    void itemsSelectTheirRecord() {
        QFETCH(QString, name);
        // Its first record problem (a lost size copy) still parses, so the
        // record is in the table.
        auto view = openIndexed(name, false);
        QVERIFY(view);
        IntegrityDialog* dialog = view->showIntegrity();
        QSignalSpy finished(dialog->job(), &IntegrityJob::finished);
        QVERIFY(finished.wait(60000));
        QTreeWidgetItem* item = dialog->section("recordProblems")->child(0);
        QVERIFY(item);
        const quint64 id = item->data(0, IntegrityDialog::RecordIdRole).toULongLong();
        QVERIFY(id != 0);
        QSignalSpy selected(view.get(), &LogView::recordIdSelected);
        emit dialog->tree()->itemActivated(item, 0);
        QVERIFY(selected.count() || selected.wait(30000));
        QCOMPARE(selected.first().at(0).toULongLong(), id);
        QCOMPARE(selected.first().at(1).toBool(), true);
        const int row = view->table()->currentIndex().row();
        QCOMPARE(
            view->model()->data(view->model()->index(row, int(Column::RecordId))).toULongLong(),
            id);

        // Hidden by a filter: not selected, and said so.
        QVERIFY(applyFilter(*view, QString("RecordID != %1").arg(id)));
        selected.clear();
        view->selectRecordId(id);
        QVERIFY(selected.count() || selected.wait(30000));
        QCOMPARE(selected.first().at(1).toBool(), false);
        // An id no record has.
        selected.clear();
        view->selectRecordId(999999999);
        QVERIFY(selected.count() || selected.wait(30000));
        QCOMPARE(selected.first().at(1).toBool(), false);
    }

    // The damaged log, then another (the demo log; with the corpus, a second
    // damaged sample).
    void recoverToggleReopensTheTab_data() { oneDamagedLog("sample_with_a_bad_chunk_magic", 163); }
    void recoverToggleReopensTheTab() {
        QFETCH(QString, name);
        QFETCH(int, recovered);
        const QString nextLog =
            name == damaged_.path ? demoLogPath() : samplePath("sample-with-zero-data-size-event");
        MainWindow window;
        window.setIndexOptions({});
        LogView* view = window.openFile(pathOf(name));
        QVERIFY(waitIndexed(view->document()));
        const size_t live = view->document()->index().size();
        QVERIFY(!view->document()->includesRecovered());
        QVERIFY(!window.recoverAction()->isChecked());
        window.recoverAction()->setChecked(true);
        LogView* reopened = window.currentView();
        QCOMPARE(window.tabCount(), 1);
        QVERIFY(reopened->document()->includesRecovered());
        QVERIFY(waitIndexed(reopened->document()));
        QCOMPARE(reopened->document()->index().size(), live + size_t(recovered));
        QVERIFY(window.recoverAction()->isChecked());
        // Only that tab: the next file opens without recovered records, and
        // the action follows the current tab.
        LogView* next = window.openFile(nextLog);
        QVERIFY(waitIndexed(next->document()));
        QVERIFY(!next->document()->includesRecovered());
        QVERIFY(!window.recoverAction()->isChecked());
        window.tabs()->setCurrentIndex(0);
        QVERIFY(window.recoverAction()->isChecked());
    }

    void recoveryIsNotRememberedUnlessAsked_data() {
        oneDamagedLog("sample_with_a_bad_chunk_magic", 163);
    }
    void recoveryIsNotRememberedUnlessAsked() {
        QFETCH(QString, name);
        {
            MainWindow window;
            window.setIndexOptions({});
            window.openFile(pathOf(name));
            window.recoverAction()->setChecked(true);
        }
        // A new start (same settings): nothing carries over.
        {
            MainWindow window;
            QVERIFY(!window.alwaysRecoverAction()->isChecked());
            LogView* view = window.openFile(pathOf(name));
            QVERIFY(!view->document()->includesRecovered());
            // The preference, named as such, is what carries over.
            window.alwaysRecoverAction()->setChecked(true);
        }
        {
            MainWindow window;
            QVERIFY(window.alwaysRecoverAction()->isChecked());
            LogView* view = window.openFile(pathOf(name));
            QVERIFY(view->document()->includesRecovered());
            window.alwaysRecoverAction()->setChecked(false); // settings as found
        }
    }

    // tst_recover: the zero-data-size sample has 114 records recovered (33
    // more carved ones are copies).
    void bannerOffersRecoveredRecords_data() {
        oneDamagedLog("sample-with-zero-data-size-event", 114);
    }
    void bannerOffersRecoveredRecords() {
        QFETCH(QString, name);
        QFETCH(int, recovered);
        MainWindow window;
        window.setIndexOptions({});
        LogView* view = window.openFile(pathOf(name));
        QVERIFY(waitIndexed(view->document()));
        QSignalSpy counted(view->document(), &LogDocument::recoverableCounted);
        QVERIFY(view->document()->recoverable() || counted.wait(30000));
        QCOMPARE(view->document()->recoverable()->recovered, unsigned(recovered));
        QVERIFY(view->showRecoveredButton()->isVisible() ||
                !view->showRecoveredButton()->isHidden());
        QCOMPARE(view->showRecoveredButton()->text(),
                 QString("Show %1 recovered records").arg(recovered));
        QVERIFY(view->recoveryOffer().startsWith(
            QString("%1 records can be recovered").arg(recovered)));
        QVERIFY(
            view->statusSummary().contains(QString("%1 recoverable, not shown").arg(recovered)));
        const size_t live = view->document()->index().size();
        // The old tab is deleted; the new one may take its address.
        const QPointer<LogView> old = view;
        view->showRecoveredButton()->click();
        QVERIFY(QTest::qWaitFor([&] { return old.isNull() && window.currentView(); }, 5000));
        LogView* reopened = window.currentView();
        QCOMPARE(window.tabCount(), 1);
        QVERIFY(waitIndexed(reopened->document()));
        QVERIFY(reopened->document()->includesRecovered());
        QCOMPARE(reopened->document()->index().size(), live + size_t(recovered));
        QVERIFY(reopened->recoveryOffer().isEmpty());
        QVERIFY(reopened->statusSummary().contains(QString("%1 recovered").arg(recovered)));
    }
};

QTEST_MAIN(IntegrityTest)
#include "tst_integrity.moc"
