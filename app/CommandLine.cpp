#include "CommandLine.h"

#include "Translations.h"
#include "config/ConfigKeys.h"
#include "config/ConfigLoader.h"
#include "core/LibraryVersions.h"
#include "core/Version.h"

#include <QCoreApplication>
#include <QMultiHash>

namespace wpm {

namespace {

// Shorter names for the flags used most with `record`: --threshold, --listen, --rate, --whitelist, --blacklist.
const QMultiHash<QString, QString>& shortFlags()
{
    static const QMultiHash<QString, QString> aliases {
        { QStringLiteral("threshold-seconds"), QStringLiteral("threshold") },
        { QStringLiteral("proxy-listen"), QStringLiteral("listen") },
        { QStringLiteral("sampling-rate-hz"), QStringLiteral("rate") },
        { QStringLiteral("url-whitelist"), QStringLiteral("whitelist") },
        { QStringLiteral("url-blacklist"), QStringLiteral("blacklist") },
    };
    return aliases;
}

} // namespace

CommandLine::CommandLine()
{
    m_parser.setApplicationDescription(QCoreApplication::translate("wpm::CommandLine",
        "Profiling workbench for web servers.\n\n"
        "Commands:\n"
        "  (none)        open the workbench window\n"
        "  config show   print the effective configuration as JSON (secrets masked)\n"
        "  config check  validate the configuration and exit (status 2 when invalid)\n"
        "  config keys   list every configuration key with its variable, flag and default\n"
        "  sample --pid PID | sample -- COMMAND...\n"
        "                sample a running server, or launch one, for --duration seconds; write its\n"
        "                call stacks as folded stacks (--output, default: in log_path)\n"
        "  record --pid PID | record -- COMMAND...\n"
        "                put the recording proxy in front of the server and write a report of\n"
        "                every request slower than threshold_seconds to log_path\n"
        "  report list [--json]        the reports in log_path, oldest first\n"
        "  report show ID              one report: request, files, notifications\n"
        "  report export ID -o FILE    one report's files in a zip\n"
        "  report reindex              rebuild the history database from the report files\n"
        "  notify test   send a test notification through every notifier in notice_list\n"
        "  notify set-secret NAME\n"
        "                store a token or password read from standard input in the keychain\n"
        "                (or a 0600 file); write it in notice_list as \"keychain:NAME\"\n"
        "  notify options  list every notifier type's options\n\n"
        "Configuration precedence: built-in defaults < --config file < PERF_* environment < flags."));
    m_parser.addHelpOption();
    m_parser.addOption(
        { QStringLiteral("version"), QCoreApplication::translate("wpm::CommandLine", "Show version information.") });
    m_parser.addOption({ QStringLiteral("config"),
        QCoreApplication::translate("wpm::CommandLine", "Read the configuration from a JSON file."),
        QCoreApplication::translate("wpm::CommandLine", "file") });
    m_parser.addOption({ QStringLiteral("lang"),
        QCoreApplication::translate("wpm::CommandLine", "User-interface language: %1.")
            .arg(availableLanguages().join(QStringLiteral(", "))),
        QCoreApplication::translate("wpm::CommandLine", "language") });
    m_parser.addOption({ QStringLiteral("pid"),
        QCoreApplication::translate("wpm::CommandLine", "sample, record: the process to attach to."),
        QCoreApplication::translate("wpm::CommandLine", "pid") });
    m_parser.addOption({ QStringLiteral("duration"),
        QCoreApplication::translate(
            "wpm::CommandLine", "sample, record: how long to run (sample: default 10; record: until Ctrl+C)."),
        QCoreApplication::translate("wpm::CommandLine", "seconds") });
    m_parser.addOption({ { QStringLiteral("o"), QStringLiteral("output") },
        QCoreApplication::translate(
            "wpm::CommandLine", "sample: where to write the folded stacks; report export: the zip file."),
        QCoreApplication::translate("wpm::CommandLine", "file") });
    m_parser.addOption({ QStringLiteral("demo"),
        QCoreApplication::translate("wpm::CommandLine", "workbench: launch the embedded demo server at start.") });
    m_parser.addOption({ QStringLiteral("json"),
        QCoreApplication::translate("wpm::CommandLine", "report list: print JSON instead of a table.") });
    for (const ConfigKey& key : configKeys())
        m_parser.addOption(
            { QStringList { key.flag() } + shortFlags().values(key.flag()), key.description(), key.valueName() });
    m_parser.addPositionalArgument(QStringLiteral("command"),
        QCoreApplication::translate("wpm::CommandLine", "Optional command, see above."),
        QStringLiteral("[config show|check|keys | sample | record | report list|show|export|reindex | notify "
                       "test|set-secret NAME|options]"));
}

Status CommandLine::parse(const QStringList& arguments)
{
    if (!m_parser.parse(arguments))
        return Error { m_parser.errorText() };
    return success();
}

Result<MonitorConfig> CommandLine::loadConfig(const QProcessEnvironment& environment, QStringList& warnings) const
{
    ConfigLoader loader;
    if (m_parser.isSet(QStringLiteral("config"))) {
        if (Status loaded = loader.addFile(m_parser.value(QStringLiteral("config"))); !loaded)
            return loaded.error();
    }
    loader.addEnvironment(environment);
    for (const ConfigKey& key : configKeys()) {
        if (!m_parser.isSet(key.flag()))
            continue;
        // A list flag may be repeated; any other flag takes its last value.
        const QStringList values = m_parser.values(key.flag());
        const QString text = key.kind == ConfigKind::PatternList ? values.join(QLatin1Char(',')) : values.last();
        loader.addCommandLineValue(key.name, text);
    }
    warnings += loader.warnings();
    return loader.resolve();
}

QString versionText()
{
    QString text = QStringLiteral("web-perfmonitor %1\n").arg(QString::fromLatin1(kVersion));
    for (const LibraryVersion& library : libraryVersions())
        text += QStringLiteral("  %1 %2\n").arg(library.name, library.version);
    return text;
}

} // namespace wpm
