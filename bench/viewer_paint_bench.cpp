// What the Description column costs when the table paints: a LogView opens
// the file (offscreen, 1600x1000), then pages of rows spread over the log
// are painted (viewport grab) with the Description column hidden and shown;
// the first paint after the description cache was emptied parses the page's
// records (cold), a repaint reads the cache (warm). Also the model's data() for one Description
// cell, cold and warm. Usage: viewer_paint_bench FILE.evtx [PAGES]  (QT_QPA_PLATFORM=offscreen)
#include "app/log_view.hpp"
#include "document/log_document.hpp"
#include "table/record_columns.hpp"
#include "table/record_table_model.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QTableView>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

using namespace evtxui;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double p95(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, v.size() * 95 / 100)];
}

// Paints each page twice: cold (the description cache emptied just before)
// and warm; the times in ms.
void paintPages(QTableView* table, RecordTableModel* model, const std::vector<int>& firstRows,
                std::vector<double>& cold, std::vector<double>& warm) {
    for (int row : firstRows) {
        table->scrollTo(table->model()->index(row, 0), QAbstractItemView::PositionAtTop);
        QCoreApplication::processEvents();       // the scroll's own paint
        model->setKnowledge(model->knowledge()); // empties the description cache
        for (std::vector<double>* times : {&cold, &warm}) {
            QElapsedTimer t;
            t.start();
            table->viewport()->grab();
            times->push_back(double(t.nsecsElapsed()) / 1e6);
        }
    }
}

void report(const char* what, const std::vector<double>& cold, const std::vector<double>& warm) {
    std::printf("%-28s cold median %6.2f ms p95 %6.2f | warm median %6.2f ms p95 %6.2f\n", what,
                median(cold), p95(cold), median(warm), p95(warm));
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: viewer_paint_bench FILE.evtx [PAGES]\n");
        return 2;
    }
    const int pages = argc > 2 ? std::atoi(argv[2]) : 200;
    LogView view(QString::fromLocal8Bit(argv[1]));
    view.resize(1600, 1000);
    view.show();
    if (!view.openAndIndex()) return 1;
    while (!view.document()->indexFinished()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::usleep(200);
    }
    QTableView* table = view.table();
    RecordTableModel* model = view.model();
    const int rows = model->rowCount();
    const int perPage =
        std::max(1, table->viewport()->height() / table->verticalHeader()->defaultSectionSize());
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> pick(0, std::max(0, rows - perPage));
    std::vector<int> firstRows(static_cast<size_t>(pages));
    for (int& r : firstRows)
        r = pick(rng);
    std::printf("file %s: %d records, %d rows per page, %d pages\n", argv[1], rows, perPage, pages);

    QHeaderView* header = table->horizontalHeader();
    std::vector<double> cold, warm;
    header->setSectionHidden(int(Column::Description), true);
    paintPages(table, model, firstRows, cold, warm);
    report("page paint, no Description", cold, warm);
    cold.clear();
    warm.clear();
    header->setSectionHidden(int(Column::Description), false);
    const int readsBefore = model->descriptionRecordsRead();
    paintPages(table, model, firstRows, cold, warm);
    report("page paint, with Description", cold, warm);
    std::printf("records parsed for descriptions: %d\n",
                model->descriptionRecordsRead() - readsBefore);

    // One cell through data(): the record parse and describe() (cold), the cache (warm).
    model->setKnowledge(model->knowledge());
    std::vector<double> cellCold, cellWarm;
    std::uniform_int_distribution<int> anyRow(0, rows - 1);
    for (int i = 0; i < 2000; ++i) {
        const QModelIndex idx = model->index(anyRow(rng), int(Column::Description));
        for (std::vector<double>* times : {&cellCold, &cellWarm}) {
            QElapsedTimer t;
            t.start();
            (void)model->data(idx, Qt::DisplayRole);
            times->push_back(double(t.nsecsElapsed()) / 1e3);
        }
    }
    std::printf("Description data() per cell  cold median %.1f us p95 %.1f | warm median %.2f us\n",
                median(cellCold), p95(cellCold), median(cellWarm));
    return 0;
}
