// Open Folder end to end: a triage-like folder (nested folders, a `%4`
// channel name, a log without extension, an empty file and a text file
// named .evtx) opened from File → Open Folder, the command line and a drop:
// exactly the logs open, in tabs named by their display names, each indexed
// in full, and the two skipped files are listed with their reasons.
#include "app/log_view.hpp"
#include "app/main_window.hpp"
#include "app/recent_files.hpp"
#include "app/skipped_files_dialog.hpp"
#include "log_sources.hpp"
#include "ui_test_support.hpp"

#include <QAction>
#include <QDir>
#include <QMenuBar>
#include <QMimeData>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace evtxui;

namespace {

void copyDemo(const QString& to) {
    QDir().mkpath(QFileInfo(to).absolutePath());
    if (!QFile::copy(demoLogPath(), to)) qFatal("cannot copy to %s", qPrintable(to));
}

void writeFile(const QString& path, const QByteArray& data) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
}

// root/System.evtx, root/sub/Microsoft-Windows-Sysmon%4Operational.evtx and
// root/sub/deeper/Security (no extension) are the demo log; root/empty.evtx
// is empty, root/sub/notes.evtx is text; root/readme.txt is only ignored.
void buildCase(const QString& root) {
    copyDemo(root + "/System.evtx");
    copyDemo(root + "/sub/Microsoft-Windows-Sysmon%4Operational.evtx");
    copyDemo(root + "/sub/deeper/Security");
    writeFile(root + "/empty.evtx", {});
    writeFile(root + "/sub/notes.evtx", "not a log\n");
    writeFile(root + "/readme.txt", "collected by hand\n");
}

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

} // namespace

class OpenFolderTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString root_;

    // The folder's logs are open (after `before` tabs already there), named,
    // indexed in full, and the skipped files are listed with their reasons.
    void checkCaseOpened(MainWindow& w, int before) {
        QCOMPARE(w.tabCount(), before + 3);
        QStringList names, tips;
        for (int i = before; i < w.tabCount(); ++i) {
            names << w.tabs()->tabText(i);
            tips << w.tabs()->tabToolTip(i);
            QVERIFY(waitIndexed(w.viewAt(i)->document()));
            QCOMPARE(qsizetype(w.viewAt(i)->document()->index().size()),
                     logJsonLines("demo").size());
        }
        QCOMPARE(sorted(names),
                 sorted({"System", "Microsoft-Windows-Sysmon/Operational", "Security"}));
        const QString abs = QDir(root_).absolutePath();
        QCOMPARE(sorted(tips), sorted({abs + "/System.evtx",
                                       abs + "/sub/Microsoft-Windows-Sysmon%4Operational.evtx",
                                       abs + "/sub/deeper/Security"}));
        QCOMPARE(w.folderSummary(),
                 QString("3 logs opened from %1 (2 skipped)").arg(QDir::toNativeSeparators(root_)));
        SkippedFilesDialog* skipped = w.skippedDialog();
        QVERIFY(skipped);
        QVERIFY(skipped->isVisible());
        QVERIFY(!skipped->isModal());
        QTreeWidget* list = skipped->list();
        QCOMPARE(list->topLevelItemCount(), 2);
        QMap<QString, QString> reasons;
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            reasons[QFileInfo(list->topLevelItem(i)->text(0)).fileName()] =
                list->topLevelItem(i)->text(1);
        QCOMPARE(reasons.keys(), QStringList({"empty.evtx", "notes.evtx"}));
        QCOMPARE(reasons["empty.evtx"], QString("empty file"));
        QVERIFY2(reasons["notes.evtx"].startsWith("not an EVTX file"),
                 qPrintable(reasons["notes.evtx"]));
    }

  private slots:
    void initTestCase() {
        useTestSettings();
        QVERIFY(dir_.isValid());
        root_ = dir_.filePath("triage");
        buildCase(root_);
    }
    void init() { clearRecentFiles(); }

    void openFolderOpensExactlyTheLogs() {
        MainWindow w;
        QSignalSpy opened(&w, &MainWindow::foldersOpened);
        w.openFolder(root_);
        QCOMPARE(w.tabCount(), 0); // found in the background
        QVERIFY(opened.wait(30000));
        QCOMPARE(opened.first(), QVariantList({3, 2}));
        checkCaseOpened(w, 0);
    }

    void commandLineWithFolder() {
        MainWindow w;
        QSignalSpy opened(&w, &MainWindow::foldersOpened);
        w.openPaths({demoLogPath(), root_}); // as main() passes its arguments
        QCOMPARE(w.tabCount(), 1);           // the file at once
        QVERIFY(opened.wait(30000));
        checkCaseOpened(w, 1);
    }

    void droppedFolder() {
        MainWindow w;
        QSignalSpy opened(&w, &MainWindow::foldersOpened);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(root_)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &drop);
        QVERIFY(opened.wait(30000));
        checkCaseOpened(w, 0);
    }

    void nothingSkippedShowsNoDialog() {
        const QString only = dir_.filePath("one");
        copyDemo(only + "/Application.evtx");
        MainWindow w;
        QSignalSpy opened(&w, &MainWindow::foldersOpened);
        w.openFolder(only);
        QVERIFY(opened.wait(30000));
        QCOMPARE(w.tabCount(), 1);
        QVERIFY(!w.skippedDialog());
        QCOMPARE(w.folderSummary(),
                 QString("1 log opened from %1 (0 skipped)").arg(QDir::toNativeSeparators(only)));
    }

    void menuActionAndScrollingTabs() {
        MainWindow w;
        QAction* found = nullptr;
        for (QAction* a : w.menuBar()->actions().first()->menu()->actions())
            if (a->shortcut() == QKeySequence("Ctrl+Shift+O")) found = a;
        QVERIFY(found);
        QCOMPARE(found->text(), QString("Open &Folder…"));
        QVERIFY(w.tabs()->usesScrollButtons()); // 40 logs stay reachable
        QCOMPARE(w.tabs()->elideMode(), Qt::ElideMiddle);
    }
};

QTEST_MAIN(OpenFolderTest)
#include "tst_open_folder.moc"
