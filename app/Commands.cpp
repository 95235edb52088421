#include "Commands.h"

#include "CommandLine.h"
#include "MainWindow.h"
#include "NotifyCommand.h"
#include "RecordCommand.h"
#include "ReportCommand.h"
#include "SampleCommand.h"
#include "Translations.h"
#include "config/ConfigKeys.h"

#include <QApplication>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>

namespace wpm {
namespace {

// Gives the free functions below a translation context of their own.
struct Commands {
    Q_DECLARE_TR_FUNCTIONS(wpm::Commands)
};

void printWarnings(const QStringList& warnings, QTextStream& err)
{
    for (const QString& warning : warnings)
        err << Commands::tr("warning: %1").arg(warning) << Qt::endl;
}

// Loads the configuration, printing its warnings, and its error when it is invalid.
Result<MonitorConfig> loadConfigReporting(
    const CommandLine& commandLine, const QProcessEnvironment& environment, QTextStream& err)
{
    QStringList warnings;
    Result<MonitorConfig> config = commandLine.loadConfig(environment, warnings);
    printWarnings(warnings, err);
    if (!config)
        err << config.error().message << Qt::endl;
    return config;
}

// `config keys`: a Markdown table, readable in a terminal and pasted as-is into the README.
void printKeys(QTextStream& out)
{
    out << Commands::tr("| key | environment | flag | default | accepted |") << '\n' << "|---|---|---|---|---|\n";
    for (const ConfigKey& key : configKeys()) {
        const QString defaultText = key.defaultText();
        out << "| `" << key.name << "` | `" << key.environmentVariable << "` | `--" << key.flag() << "` | "
            << (defaultText.isEmpty() ? QStringLiteral("—") : u'`' + defaultText + u'`') << " | "
            << key.acceptedValues() << " |\n";
    }
    out.flush();
}

int runConfigCommand(
    const CommandLine& commandLine, const QProcessEnvironment& environment, QTextStream& out, QTextStream& err)
{
    const QStringList positional = commandLine.positionalArguments();
    const QString action = positional.value(1);
    if (positional.size() != 2 || !QStringList { "show", "check", "keys" }.contains(action)) {
        err << Commands::tr("Usage: web-perfmonitor config show|check|keys [options]; see --help.") << Qt::endl;
        return ExitUsage;
    }
    if (action == QLatin1String("keys")) {
        printKeys(out);
        return ExitOk;
    }
    const Result<MonitorConfig> config = loadConfigReporting(commandLine, environment, err);
    if (!config)
        return ExitUsage;
    if (action == QLatin1String("show"))
        out << QJsonDocument(config->toJson()).toJson(QJsonDocument::Indented);
    else
        out << Commands::tr("The configuration is valid.") << '\n';
    out.flush();
    return ExitOk;
}

} // namespace

bool isHeadlessInvocation(const QStringList& arguments)
{
    // Parsed with the real option table so that "--lang zh_CN config show" is seen as a command.
    CommandLine commandLine;
    if (!commandLine.parse(arguments))
        return true; // the headless path reports the usage error without needing a display
    return !commandLine.positionalArguments().isEmpty() || commandLine.helpRequested()
        || commandLine.versionRequested();
}

int runHeadless(
    const QStringList& arguments, const QProcessEnvironment& environment, QTextStream& out, QTextStream& err)
{
    CommandLine commandLine;
    if (Status parsed = commandLine.parse(arguments); !parsed) {
        err << parsed.error().message << Qt::endl;
        return ExitUsage;
    }
    if (commandLine.helpRequested()) {
        out << commandLine.helpText();
        out.flush();
        return ExitOk;
    }
    if (commandLine.versionRequested()) {
        out << versionText();
        out.flush();
        return ExitOk;
    }
    const QString command = commandLine.positionalArguments().value(0);
    if (command == QLatin1String("sample") || command == QLatin1String("record")
        || command == QLatin1String("notify")) {
        const Result<MonitorConfig> config = loadConfigReporting(commandLine, environment, err);
        if (!config)
            return ExitUsage;
        if (command == QLatin1String("notify"))
            return runNotifyCommand(commandLine, *config, out, err);
        return command == QLatin1String("sample") ? runSampleCommand(commandLine, *config, out, err)
                                                  : runRecordCommand(commandLine, *config, out, err);
    }
    if (command == QLatin1String("report")) {
        const Result<MonitorConfig> config = loadConfigReporting(commandLine, environment, err);
        return config ? runReportCommand(commandLine, *config, out, err) : int(ExitUsage);
    }
    if (command != QLatin1String("config")) {
        err << Commands::tr("Unknown command \"%1\"; see --help.").arg(command) << Qt::endl;
        return ExitUsage;
    }
    return runConfigCommand(commandLine, environment, out, err);
}

int runWorkbench(QApplication& app, const QProcessEnvironment& environment)
{
    QTextStream err(stderr);
    CommandLine commandLine;
    // isHeadlessInvocation() saw these arguments parse, so only the configuration can fail here.
    static_cast<void>(commandLine.parse(app.arguments()));
    const Result<MonitorConfig> config = loadConfigReporting(commandLine, environment, err);
    if (!config) {
        QMessageBox::critical(nullptr, Commands::tr("web-perfmonitor"), config.error().message);
        return ExitUsage;
    }
    MainWindow window(*config);
    window.show();
    if (commandLine.parser().isSet(QStringLiteral("demo")))
        QTimer::singleShot(0, &window, &MainWindow::launchDemo);
    return app.exec();
}

bool displayAvailable(const QProcessEnvironment& environment)
{
    return !environment.value(QStringLiteral("QT_QPA_PLATFORM")).isEmpty()
        || !environment.value(QStringLiteral("DISPLAY")).isEmpty()
        || !environment.value(QStringLiteral("WAYLAND_DISPLAY")).isEmpty();
}

} // namespace wpm
