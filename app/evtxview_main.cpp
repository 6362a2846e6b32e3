// evtxview: the Windows event log viewer. Opens the files named on the
// command line, each in a tab, and the logs found in the folders named.
#include "app/main_window.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QPalette>
#include <QStyleFactory>
#include <QTimer>

namespace {

// A dark palette for --dark (used to take the dark screenshot; desktops
// with a dark theme give the viewer their own palette).
QPalette darkPalette() {
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 30), text(220, 220, 220);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, QColor(38, 79, 120));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
    return p;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("evtxview"));
    QApplication::setApplicationName(QStringLiteral("evtxview"));
    QApplication::setApplicationVersion(QStringLiteral(EVTXVIEW_VERSION));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.evtxview.evtxview")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Viewer for Windows event log (.evtx) files"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("paths"),
        QStringLiteral(".evtx files to open, or folders: every event log below them"),
        QStringLiteral("[files or folders...]"));
    const QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("use a dark palette"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("save the window as a PNG after DELAY ms, then quit (documentation)"),
        QStringLiteral("FILE"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QStringLiteral("milliseconds before --screenshot"),
                                   QStringLiteral("DELAY"), QStringLiteral("3000"));
    parser.addOption(dark);
    parser.addOption(screenshot);
    parser.addOption(delay);
    parser.process(app);
    if (parser.isSet(dark)) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
    }

    evtxui::MainWindow window;
    window.show();
    window.openPaths(parser.positionalArguments());
    if (parser.isSet(screenshot)) {
        window.resize(1280, 800);
        QTimer::singleShot(parser.value(delay).toInt(), &window, [&] {
            window.grab().save(parser.value(screenshot));
            QApplication::quit();
        });
    }
    return app.exec();
}
