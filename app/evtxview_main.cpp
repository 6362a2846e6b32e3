// evtxview: the Windows event log viewer. Opens the files named on the
// command line, each in a tab.
#include "background_priority.hpp"
#include "main_window.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

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
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("the .evtx files to open"),
                                 QStringLiteral("[files...]"));
    parser.process(app);

    evtxui::lowerBackgroundThreadPriority();
    evtxui::MainWindow window;
    window.show();
    for (const QString& path : parser.positionalArguments())
        window.openFile(path);
    return app.exec();
}
