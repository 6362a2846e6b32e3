// Desktop integration files in packaging/linux and resources/icons: external
// validators (skipped when not installed), hand checks of the MIME type and
// the icon, and `cmake --install` of this build tree into a temporary prefix.
#include "evtx/format/file_header.hpp"
#include "file_bytes.hpp"

#include <QDir>
#include <QFile>
#include <QMimeDatabase>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

namespace {

const QString kAppId = QStringLiteral("io.github.evtxview.evtxview");
const QString kMime = QStringLiteral("application/x-ms-evtx");
const QString kSource = QStringLiteral(EVTX_SOURCE_DIR);
const QString kLinux = kSource + QStringLiteral("/packaging/linux/");

struct RunResult {
    bool started = false;
    int exitCode = -1;
    QString output; // stdout and stderr together
};

RunResult run(const QString& program, const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C")); // untranslated messages
    p.setProcessEnvironment(env);
    p.start(program, args);
    RunResult r;
    r.started = p.waitForStarted() && p.waitForFinished(120000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

// Unescapes a shared-mime-info magic string value (\0, \n, \\, \xNN, \OOO).
QByteArray unescapeMagic(const QString& value) {
    const QByteArray in = value.toLatin1();
    QByteArray out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] != '\\' || i + 1 == in.size()) {
            out += in[i];
            continue;
        }
        const char c = in[++i];
        if (c == 'x') {
            out += char(in.mid(i + 1, 2).toInt(nullptr, 16));
            i += 2;
        } else if (c >= '0' && c <= '7') {
            qsizetype n = 1;
            while (n < 3 && i + n < in.size() && in[i + n] >= '0' && in[i + n] <= '7')
                ++n;
            out += char(in.mid(i, n).toInt(nullptr, 8));
            i += n - 1;
        } else {
            out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
        }
    }
    return out;
}

// Key=value lines of the [Desktop Entry] group.
QMap<QString, QString> desktopEntry(const QByteArray& text) {
    QMap<QString, QString> keys;
    bool inGroup = false;
    for (const QByteArray& raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(u'['))
            inGroup = line == QLatin1String("[Desktop Entry]");
        else if (inGroup && line.contains(u'=') && !line.startsWith(u'#'))
            keys.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
    }
    return keys;
}

} // namespace

class TestDesktopIntegration : public QObject {
    Q_OBJECT

  private slots:
    void desktopFileKeys();
    void desktopFileValidates();
    void metainfoContents();
    void metainfoValidates();
    void screenshotsPresent();
    void mimeXml();
    void mimeXmlAcceptedBySharedMimeInfo();
    void iconParses();
    void installLandsFiles();
    void installedMimeTypeResolves();

  private:
    std::unique_ptr<QTemporaryDir> prefix_;
};

void TestDesktopIntegration::desktopFileKeys() {
    const QByteArray text = readAll(kLinux + kAppId + QStringLiteral(".desktop"));
    QVERIFY2(!text.isEmpty(), "desktop file missing");
    const auto keys = desktopEntry(text);
    QCOMPARE(keys.value(QStringLiteral("Type")), QStringLiteral("Application"));
    QCOMPARE(keys.value(QStringLiteral("Exec")), QStringLiteral("evtxview %F"));
    QCOMPARE(keys.value(QStringLiteral("Icon")), kAppId);
    QVERIFY(keys.value(QStringLiteral("MimeType")).split(u';').contains(kMime));
}

void TestDesktopIntegration::desktopFileValidates() {
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (tool.isEmpty())
        QSKIP("desktop-file-validate not found (Debian: apt-get install desktop-file-utils)");
    const RunResult r = run(tool, {kLinux + kAppId + QStringLiteral(".desktop")});
    QVERIFY(r.started);
    // It exits 0 on warnings and hints too: require silence.
    QVERIFY2(r.exitCode == 0 && r.output.trimmed().isEmpty(), qPrintable(r.output));
}

void TestDesktopIntegration::metainfoContents() {
    const QByteArray text = readAll(kLinux + kAppId + QStringLiteral(".metainfo.xml"));
    QVERIFY2(!text.isEmpty(), "metainfo file missing");
    QXmlStreamReader xml(text);
    QStringList binaries, mediatypes, images;
    QString id, launchable;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        const auto name = xml.name();
        if (name == QLatin1String("id"))
            id = xml.readElementText();
        else if (name == QLatin1String("launchable"))
            launchable = xml.readElementText();
        else if (name == QLatin1String("binary"))
            binaries << xml.readElementText();
        else if (name == QLatin1String("mediatype"))
            mediatypes << xml.readElementText();
        else if (name == QLatin1String("image"))
            images << xml.readElementText();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(id, kAppId);
    QCOMPARE(launchable, kAppId + QStringLiteral(".desktop"));
    QCOMPARE(binaries, (QStringList{QStringLiteral("evtxview"), QStringLiteral("evtxdump")}));
    QCOMPARE(mediatypes, QStringList{kMime});
    QCOMPARE(images.size(), 2);
    QVERIFY(images[0].endsWith(QLatin1String("/packaging/screenshots/main-light.png")));
    QVERIFY(images[1].endsWith(QLatin1String("/packaging/screenshots/main-dark.png")));
}

void TestDesktopIntegration::metainfoValidates() {
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
    if (tool.isEmpty()) QSKIP("appstreamcli not found (Debian: apt-get install appstream)");
    // --no-net: the homepage and screenshot URLs are not fetched.
    const RunResult r = run(tool, {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                   kLinux + kAppId + QStringLiteral(".metainfo.xml")});
    QVERIFY(r.started);
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
}

void TestDesktopIntegration::screenshotsPresent() {
    const QString dir = kSource + QStringLiteral("/packaging/screenshots/");
    if (!QDir(dir).exists())
        QSKIP("packaging/screenshots/ not there yet: the metainfo links to "
              "main-light.png and main-dark.png in it");
    for (const char* name : {"main-light.png", "main-dark.png"}) {
        const QByteArray png = readAll(dir + QLatin1String(name));
        QVERIFY2(png.startsWith("\x89PNG\r\n\x1a\n"), name);
    }
}

void TestDesktopIntegration::mimeXml() {
    QXmlStreamReader xml(readAll(kLinux + kAppId + QStringLiteral(".mime.xml")));
    QString type, glob, matchType, offset, value;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        const auto a = xml.attributes();
        if (xml.name() == QLatin1String("mime-type")) {
            type = a.value(QLatin1String("type")).toString();
        } else if (xml.name() == QLatin1String("glob")) {
            glob = a.value(QLatin1String("pattern")).toString();
        } else if (xml.name() == QLatin1String("match")) {
            matchType = a.value(QLatin1String("type")).toString();
            offset = a.value(QLatin1String("offset")).toString();
            value = a.value(QLatin1String("value")).toString();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(type, kMime);
    QCOMPARE(glob, QStringLiteral("*.evtx"));
    QCOMPARE(matchType, QStringLiteral("string"));
    QCOMPARE(offset, QStringLiteral("0"));
    const QByteArray magic = unescapeMagic(value);
    QCOMPARE(magic, QByteArray("ElfFile\0", 8));

    // The engine accepts a header that starts with these bytes and rejects
    // one that differs in the last (NUL) byte.
    QByteArray header(128, '\0');
    header.replace(0, magic.size(), magic);
    std::string error;
    auto bytes = [&] {
        return evtx::Bytes(reinterpret_cast<const uint8_t*>(header.constData()),
                           size_t(header.size()));
    };
    QVERIFY2(evtx::parseFileHeader(bytes(), error).has_value(), error.c_str());
    header[7] = ' ';
    QVERIFY(!evtx::parseFileHeader(bytes(), error).has_value());
}

void TestDesktopIntegration::mimeXmlAcceptedBySharedMimeInfo() {
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("update-mime-database"));
    if (tool.isEmpty())
        QSKIP("update-mime-database not found (Debian: apt-get install shared-mime-info)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("packages"))));
    QVERIFY(QFile::copy(kLinux + kAppId + QStringLiteral(".mime.xml"),
                        dir.filePath(QStringLiteral("packages/evtxview.xml"))));
    const RunResult r = run(tool, {dir.path()});
    QVERIFY(r.started);
    // It exits 0 on rule errors and only prints them: require no complaints.
    QVERIFY2(r.exitCode == 0 && !r.output.contains(QLatin1String("rror")) &&
                 !r.output.contains(QLatin1String("arning")),
             qPrintable(r.output));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("application/x-ms-evtx.xml"))));
}

void TestDesktopIntegration::iconParses() {
    QXmlStreamReader xml(readAll(kSource + QStringLiteral("/resources/icons/evtxview.svg")));
    QVERIFY(xml.readNextStartElement());
    QCOMPARE(xml.name().toString(), QStringLiteral("svg"));
    QCOMPARE(xml.namespaceUri().toString(), QStringLiteral("http://www.w3.org/2000/svg"));
    const QStringList box = xml.attributes().value(QLatin1String("viewBox")).toString().split(u' ');
    QCOMPARE(box.size(), 4);
    QCOMPARE(box[2], box[3]); // square
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
}

void TestDesktopIntegration::installLandsFiles() {
    prefix_ = std::make_unique<QTemporaryDir>();
    QVERIFY(prefix_->isValid());
    const RunResult r = run(QStringLiteral(EVTX_CMAKE_COMMAND),
                            {QStringLiteral("--install"), QStringLiteral(EVTX_BINARY_DIR),
                             QStringLiteral("--prefix"), prefix_->path()});
    QVERIFY(r.started);
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));

    QStringList expected = {
        QStringLiteral("bin/evtxdump"),
        QStringLiteral("share/applications/") + kAppId + QStringLiteral(".desktop"),
        QStringLiteral("share/mime/packages/") + kAppId + QStringLiteral(".xml"),
        QStringLiteral("share/metainfo/") + kAppId + QStringLiteral(".metainfo.xml"),
        QStringLiteral("share/icons/hicolor/scalable/apps/") + kAppId + QStringLiteral(".svg"),
    };
    if (EVTX_HAS_VIEWER) expected << QStringLiteral("bin/evtxview");
    for (const QString& rel : expected)
        QVERIFY2(QFile::exists(prefix_->filePath(rel)), qPrintable(rel + " not installed"));
}

void TestDesktopIntegration::installedMimeTypeResolves() {
    if (!prefix_ || !QFile::exists(prefix_->filePath(QStringLiteral("share/mime/packages"))))
        QSKIP("needs installLandsFiles");
    const QString mimeDir = prefix_->filePath(QStringLiteral("share/mime"));
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("update-mime-database"));
    if (!tool.isEmpty()) QVERIFY(run(tool, {mimeDir}).exitCode == 0);
    // Qt reads the MIME database from XDG_DATA_DIRS on first use; nothing in
    // this test used it before.
    qputenv("XDG_DATA_DIRS", prefix_->filePath(QStringLiteral("share")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", prefix_->filePath(QStringLiteral("home")).toLocal8Bit());
    QMimeDatabase db;
    QCOMPARE(
        db.mimeTypeForFile(QStringLiteral("Security.evtx"), QMimeDatabase::MatchExtension).name(),
        kMime);
    QByteArray header("ElfFile\0", 8);
    header.append(120, '\0');
    QCOMPARE(db.mimeTypeForData(header).name(), kMime);

    // A real log without its extension, by content alone.
    const QDir samples(QStringLiteral(EVTX_SHARED_DIR "/evtx-samples"));
    const QStringList logs = samples.entryList({QStringLiteral("*.evtx")}, QDir::Files);
    if (logs.isEmpty()) return;
    QFile log(samples.filePath(logs.first()));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QCOMPARE(db.mimeTypeForData(log.read(4096)).name(), kMime);
}

QTEST_GUILESS_MAIN(TestDesktopIntegration)
#include "tst_desktop_integration.moc"
