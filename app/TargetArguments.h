#pragma once
// What `sample` and `record` share on the command line: the server to attach to (--pid) or to
// launch (-- COMMAND...), --duration, and running a session until it finishes or is interrupted.

#include "Commands.h"
#include "UnixSignalWatcher.h"
#include "core/Result.h"

#include <QEventLoop>
#include <QStringList>
#include <QTextStream>

#include <sys/types.h>

namespace wpm {

class CommandLine;

struct TargetArguments {
    pid_t pid = 0;
    QStringList command;
    double durationSeconds = 0; // 0 when --duration is not given
};

// `commandName` ("sample", "record") is named in the usage message; a duration above
// `maxDurationSeconds` is refused.
Result<TargetArguments> parseTargetArguments(
    const CommandLine& commandLine, const QString& commandName, double maxDurationSeconds);

class ServerSession;

// Shows the server's console on ours, each line marked "| ".
void echoServerConsole(ServerSession& server, QObject& context, QTextStream& out, QTextStream& err);

// "Stopped: <reason>." (a reason may already end with a period).
QString stoppedLine(const QString& reason);

// Runs `session` — start(), stopEarly(int) on SIGINT/SIGTERM, until finished(int) — and returns
// the exit status it finished with.
template <typename Session> int runSession(Session& session)
{
    UnixSignalWatcher watcher;
    QEventLoop loop;
    int status = ExitOk;
    QObject::connect(&session, &Session::finished, &loop, [&](int exitStatus) {
        status = exitStatus;
        loop.quit();
    });
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &session,
        [&session](int signalNumber) { session.stopEarly(signalNumber); });
    session.start();
    loop.exec();
    return status;
}

} // namespace wpm
