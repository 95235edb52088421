// web-perfmonitor: the workbench window, or a headless command (see --help).

#include "Commands.h"
#include "Translations.h"
#include "WorkbenchSettings.h"

#include <QApplication>
#include <QSettings>
#include <QTextStream>

namespace {

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("web-perfmonitor"));
    QCoreApplication::setApplicationName(QStringLiteral("web-perfmonitor"));
}

} // namespace

int main(int argc, char* argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QTextStream out(stdout);
    QTextStream err(stderr);

    const bool headless = wpm::isHeadlessInvocation(arguments);
    if (headless || !wpm::displayAvailable(environment)) {
        QCoreApplication app(argc, argv);
        setApplicationNames();
        if (auto language = wpm::installTranslations(app, wpm::requestedLanguage(arguments)); !language) {
            err << language.error().message << Qt::endl;
            return wpm::ExitUsage;
        }
        if (headless)
            return wpm::runHeadless(arguments, environment, out, err);
        err << QCoreApplication::translate("wpm::Commands",
            "web-perfmonitor: no display is available (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set).\n"
            "  Run it inside a desktop session, under xvfb-run, or with "
            "QT_QPA_PLATFORM=offscreen.\n"
            "  Headless commands need no display: see 'web-perfmonitor --help'.")
            << Qt::endl;
        return wpm::ExitUsage;
    }

    // Qt WebEngine (reports, flame graphs) shares OpenGL contexts with the widgets.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    setApplicationNames();
    // --lang wins over the language chosen in the settings dialog.
    QString requested = wpm::requestedLanguage(arguments);
    if (requested.isEmpty())
        requested = QSettings().value(wpm::WorkbenchSettings::languageKey).toString();
    if (auto language = wpm::installTranslations(app, requested); !language) {
        err << language.error().message << Qt::endl;
        return wpm::ExitUsage;
    }
    return wpm::runWorkbench(app, environment);
}
