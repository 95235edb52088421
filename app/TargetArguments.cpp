#include "TargetArguments.h"

#include "CommandLine.h"
#include "ServerSession.h"

#include <QCoreApplication>

namespace wpm {

Result<TargetArguments> parseTargetArguments(
    const CommandLine& commandLine, const QString& commandName, double maxDurationSeconds)
{
    TargetArguments arguments;
    arguments.command = commandLine.positionalArguments().mid(1);
    const QCommandLineParser& parser = commandLine.parser();
    bool ok = true;
    if (parser.isSet(QStringLiteral("pid")))
        arguments.pid = parser.value(QStringLiteral("pid")).toInt(&ok);
    if (!ok || arguments.pid < 0 || (arguments.pid > 0) == !arguments.command.isEmpty())
        return Error { QCoreApplication::translate("wpm::TargetArguments",
            "Usage: web-perfmonitor %1 --pid PID [options], or web-perfmonitor %1 "
            "[options] -- COMMAND [ARGUMENTS...]: give a process to attach to or a "
            "command to launch, not both.")
                           .arg(commandName) };
    if (parser.isSet(QStringLiteral("duration"))) {
        arguments.durationSeconds = parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || arguments.durationSeconds <= 0 || arguments.durationSeconds > maxDurationSeconds)
            return Error { QCoreApplication::translate("wpm::TargetArguments",
                "--duration: \"%1\" is not accepted: expected a number of seconds "
                "greater than 0 and up to %2, e.g. 30.")
                               .arg(parser.value(QStringLiteral("duration")))
                               .arg(maxDurationSeconds) };
    }
    return arguments;
}

void echoServerConsole(ServerSession& server, QObject& context, QTextStream& out, QTextStream& err)
{
    QObject::connect(&server, &ServerSession::consoleLine, &context,
        [&out, &err](const QString& line, bool isError) { (isError ? err : out) << "| " << line << Qt::endl; });
    QObject::connect(&server, &ServerSession::samplerWarning, &context, [&err](const QString& message) {
        err << QCoreApplication::translate("wpm::TargetArguments", "warning: %1").arg(message) << Qt::endl;
    });
}

QString stoppedLine(const QString& reason)
{
    return QCoreApplication::translate("wpm::TargetArguments", "Stopped: %1.")
        .arg(reason.endsWith(QLatin1Char('.')) ? reason.chopped(1) : reason);
}

} // namespace wpm
