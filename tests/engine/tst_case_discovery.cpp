// discoverLogs on a hand-made triage folder: nested folders, a "%4" name, a
// log without extension, an empty file, a text file named .evtx, a
// truncated header and a symbolic-link loop give exactly the expected
// found, skipped and ignored lists; explicit inputs are reported whatever
// they are; the shared samples folder is found whole.
#include "evtx/case/discovery.hpp"
#include "file_bytes.hpp"
#include "shared_dir.hpp"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

namespace {

QString demoPath() {
    return QStringLiteral(EVTX_SOURCE_DIR "/samples/demo.evtx");
}

// "path: reason" lines, paths relative to `root`, for readable comparisons.
QStringList notes(const std::vector<evtx::CaseFileNote>& list, const QString& root) {
    QStringList out;
    for (const auto& n : list)
        out << QDir(root).relativeFilePath(QString::fromStdString(n.path)) + ": " +
                   QString::fromStdString(n.reason);
    return out;
}

QStringList logs(const evtx::LogDiscovery& d, const QString& root) {
    QStringList out;
    for (const auto& l : d.logs)
        out << QDir(root).relativeFilePath(QString::fromStdString(l.path)) + " = " +
                   QString::fromStdString(l.name);
    return out;
}

} // namespace

class TestCaseDiscovery : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString root_;

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        root_ = dir_.filePath("case");
        QVERIFY(QDir().mkpath(root_ + "/a/b"));
        const QByteArray demo = readAll(demoPath());
        QVERIFY(demo.size() > 4096);
        QVERIFY(writeAll(root_ + "/System.evtx", demo));
        QVERIFY(writeAll(root_ + "/a/Microsoft-Windows-Sysmon%4Operational.evtx", demo));
        QVERIFY(writeAll(root_ + "/a/b/noext", demo));
        QVERIFY(writeAll(root_ + "/a/trunc.evtx", demo.left(100)));
        QVERIFY(writeAll(root_ + "/empty.evtx", {}));
        QVERIFY(writeAll(root_ + "/fake.evtx", "not a log\n"));
        QVERIFY(writeAll(root_ + "/notes.txt", "triage notes\n"));
        // A loop: a/b/loop -> the case folder.
        QVERIFY(QFile::link(root_, root_ + "/a/b/loop"));
    }

    void folder() {
        const auto d = evtx::discoverLogs({root_.toStdString()});
        QCOMPARE(logs(d, root_), QStringList({"System.evtx = System",
                                              "a/Microsoft-Windows-Sysmon%4Operational.evtx = "
                                              "Microsoft-Windows-Sysmon/Operational",
                                              "a/b/noext = noext"}));
        QCOMPARE(notes(d.skipped, root_),
                 QStringList({"a/trunc.evtx: damaged file header: 100 bytes is too short for a "
                              "file header",
                              "empty.evtx: empty file",
                              "fake.evtx: not an EVTX file (no 'ElfFile' header)"}));
        QCOMPARE(notes(d.ignored, root_),
                 QStringList({"a/b/loop: a folder already walked (a link loop)",
                              "notes.txt: not an EVTX file (no 'ElfFile' header)"}));
        QCOMPARE(d.logs[0].size, uint64_t(QFileInfo(demoPath()).size()));
    }

    // Named files are reported whatever their name; a file named twice (or
    // reached again through a link) is read once.
    void explicitInputs() {
        const auto d = evtx::discoverLogs({(root_ + "/notes.txt").toStdString(),
                                           (root_ + "/a/b/noext").toStdString(),
                                           (root_ + "/missing.evtx").toStdString(),
                                           (root_ + "/a/b/loop/System.evtx").toStdString(),
                                           (root_ + "/System.evtx").toStdString()});
        QCOMPARE(logs(d, root_),
                 QStringList({"a/b/noext = noext", "a/b/loop/System.evtx = System"}));
        QCOMPARE(notes(d.skipped, root_),
                 QStringList({"notes.txt: not an EVTX file (no 'ElfFile' header)",
                              "missing.evtx: cannot open: No such file or directory",
                              "System.evtx: the same file as " + root_ + "/a/b/loop/System.evtx"}));
        QVERIFY(d.ignored.empty());
    }

    // Unreadable files are reported (root reads everything: skipped then).
    void unreadable() {
        if (::geteuid() == 0) QSKIP("running as root: every file is readable");
        const QString locked = dir_.filePath("locked");
        QVERIFY(QDir().mkpath(locked));
        QVERIFY(writeAll(locked + "/x.bin", readAll(demoPath())));
        QVERIFY(QFile::setPermissions(locked + "/x.bin", QFileDevice::WriteOwner));
        const auto d = evtx::discoverLogs({locked.toStdString()});
        QVERIFY(d.logs.empty());
        QCOMPARE(notes(d.skipped, locked), QStringList({"x.bin: cannot open: Permission denied"}));
    }

    void displayNames() {
        QCOMPARE(evtx::logDisplayName("/x/Microsoft-Windows-Sysmon%4Operational.evtx"),
                 std::string("Microsoft-Windows-Sysmon/Operational"));
        QCOMPARE(evtx::logDisplayName("Security.EVTX"), std::string("Security"));
        QCOMPARE(evtx::logDisplayName("a%4b%4c"), std::string("a/b/c"));
        QCOMPARE(evtx::logDisplayName("100%"), std::string("100%"));
        QVERIFY(evtx::hasEvtxExtension("dir/Security.Evtx"));
        QVERIFY(!evtx::hasEvtxExtension("dir.evtx/log"));
        QVERIFY(!evtx::hasEvtxExtension(".evtx"));
    }

    // The shared samples folder: every *.evtx there is found or skipped
    // with a reason; the other files (README, binxml.dat) are ignored.
    void sharedSamples() {
        SKIP_WITHOUT_SHARED();
        const QString samples = sharedDir() + "/evtx-samples";
        const auto d = evtx::discoverLogs({samples.toStdString()});
        const QStringList evtxFiles = QDir(samples).entryList(QStringList{"*.evtx"}, QDir::Files);
        QCOMPARE(qsizetype(d.logs.size() + d.skipped.size()), evtxFiles.size());
        QVERIFY(d.logs.size() > 10);
        for (size_t i = 1; i < d.logs.size(); ++i)
            QVERIFY(d.logs[i - 1].path < d.logs[i].path);
        bool decoded = false;
        for (const auto& l : d.logs)
            decoded |= l.name == "Microsoft-Windows-LiveId/Operational" ||
                       l.name.find("/Operational") != std::string::npos;
        QVERIFY(decoded);
        for (const auto& n : d.ignored)
            QVERIFY(!evtx::hasEvtxExtension(n.path));
    }
};

QTEST_GUILESS_MAIN(TestCaseDiscovery)
#include "tst_case_discovery.moc"
