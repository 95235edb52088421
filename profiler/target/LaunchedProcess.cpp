#include "LaunchedProcess.h"

#include "ProcFs.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstring>
#include <limits>
#include <unistd.h>

namespace wpm {

namespace {

int toMilliseconds(double seconds)
{
    return int(std::clamp(std::lround(seconds * 1000.0), 0L, long(std::numeric_limits<int>::max())));
}

QString directoryShown(const QString& workingDirectory)
{
    return QDir::toNativeSeparators(workingDirectory.isEmpty() ? QDir::currentPath() : workingDirectory);
}

// "SIGSEGV (11)"
QString signalDescription(int signalNumber)
{
    const char* abbreviation = ::sigabbrev_np(signalNumber);
    if (!abbreviation)
        return QString::number(signalNumber);
    return QStringLiteral("SIG%1 (%2)").arg(QLatin1StringView(abbreviation)).arg(signalNumber);
}

Status checkWorkingDirectory(const QString& program, const QString& directory)
{
    if (directory.isEmpty())
        return success();
    const QFileInfo info(directory);
    if (!info.exists()) {
        return Error { QCoreApplication::translate("wpm::LaunchedProcess",
            "Cannot launch %1: the working directory %2 does not exist. Create it or choose another one.")
                           .arg(program, directory) };
    }
    if (!info.isDir()) {
        return Error { QCoreApplication::translate("wpm::LaunchedProcess",
            "Cannot launch %1: the working directory %2 is not a directory. Choose a directory.")
                           .arg(program, directory) };
    }
    if (!info.isExecutable()) {
        return Error { QCoreApplication::translate("wpm::LaunchedProcess",
            "Cannot launch %1: the working directory %2 cannot be entered (permission denied). Fix its "
            "permissions or choose another one.")
                           .arg(program, directory) };
    }
    return success();
}

// The absolute path to execute. Resolved here rather than by QProcess so that a missing or non-executable
// program gets a message naming it, the PATH searched or the directory.
Result<QString> resolveProgram(const QString& program, const LaunchSpec& spec)
{
    if (!program.contains(QLatin1Char('/'))) {
        const QString path = spec.environment.contains(QStringLiteral("PATH"))
            ? spec.environment.value(QStringLiteral("PATH"))
            : qEnvironmentVariable("PATH");
        const QString found = QStandardPaths::findExecutable(program, path.split(QLatin1Char(':'), Qt::SkipEmptyParts));
        if (found.isEmpty()) {
            return Error { QCoreApplication::translate("wpm::LaunchedProcess",
                "Cannot launch %1: no such program was found in PATH (%2). Check its spelling, install it, or "
                "give its full path.")
                               .arg(program, path) };
        }
        return found;
    }
    // A relative path is relative to the working directory, where the child runs.
    const QFileInfo info(QDir(directoryShown(spec.workingDirectory)).absoluteFilePath(program));
    if (!info.exists()) {
        return Error { QCoreApplication::translate(
            "wpm::LaunchedProcess", "Cannot launch %1: %2 does not exist (looked from %3). Check the path.")
                           .arg(program, info.absoluteFilePath(), directoryShown(spec.workingDirectory)) };
    }
    if (info.isDir() || !info.isExecutable()) {
        return Error { QCoreApplication::translate("wpm::LaunchedProcess",
            "Cannot launch %1: %2 is not an executable program. Make it executable (chmod +x %2) or run it "
            "through its interpreter (for example python3 %2).")
                           .arg(program, info.absoluteFilePath()) };
    }
    return info.absoluteFilePath();
}

} // namespace

LaunchedProcess::LaunchedProcess(QObject* parent)
    : QObject(parent)
    , m_process(new QProcess(this))
    , m_killTimer(new QTimer(this))
{
    m_killTimer->setSingleShot(true);
    m_killTimer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early, cutting the grace short
    connect(m_killTimer, &QTimer::timeout, this, &LaunchedProcess::killRemainingGroup);
    connect(m_process, &QProcess::started, this, &LaunchedProcess::onStarted);
    connect(m_process, &QProcess::errorOccurred, this, &LaunchedProcess::onErrorOccurred);
    connect(m_process, &QProcess::finished, this, &LaunchedProcess::onFinished);
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] { readChannel(QProcess::StandardOutput); });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] { readChannel(QProcess::StandardError); });
}

LaunchedProcess::~LaunchedProcess()
{
    // Nothing may reach the signals of a half-destroyed object.
    m_process->disconnect(this);
    m_killTimer->stop();
    const bool running = m_process->state() != QProcess::NotRunning;
    if (!running && listProcessGroup(m_groupId).isEmpty())
        return;

    QDeadlineTimer deadline(toMilliseconds(m_destructorGraceSeconds));
    if (m_stopRequested && running)
        deadline = std::min(deadline, m_stopDeadline); // a stop() already under way keeps its own deadline
    else
        signalGroup(SIGTERM);
    if (running)
        m_process->waitForFinished(int(deadline.remainingTime()));
    // Leftover members of the group are not our children: poll for them until the deadline.
    while (!deadline.hasExpired() && !listProcessGroup(m_groupId).isEmpty())
        QThread::msleep(10);
    signalGroup(SIGKILL);
    if (m_process->state() != QProcess::NotRunning)
        m_process->waitForFinished(1000); // SIGKILL cannot be ignored; only reaping is left
}

void LaunchedProcess::start(const LaunchSpec& spec)
{
    const QString program = spec.argv.value(0);
    if (m_process->state() != QProcess::NotRunning) {
        failLater(QCoreApplication::translate(
            "wpm::LaunchedProcess", "Cannot launch %1: the workbench is already running %2 (PID %3). Stop it first.")
                      .arg(program, m_program)
                      .arg(m_process->processId()));
        return;
    }
    if (program.isEmpty()) {
        failLater(QCoreApplication::translate("wpm::LaunchedProcess",
            "Cannot launch the server: its command is empty. Give the command that starts it, for example "
            "python3 app.py."));
        return;
    }
    if (const Status directory = checkWorkingDirectory(program, spec.workingDirectory); !directory) {
        failLater(directory.error().message);
        return;
    }
    const Result<QString> resolved = resolveProgram(program, spec);
    if (!resolved) {
        failLater(resolved.error().message);
        return;
    }

    m_program = program;
    m_console.clear();
    m_stdout = LineSplitter();
    m_stderr = LineSplitter();
    m_stopRequested = false;
    m_killTimer->stop();
    m_pid = 0;
    m_groupId = 0;

    m_process->setProgram(*resolved);
    m_process->setArguments(spec.argv.mid(1));
    m_process->setWorkingDirectory(spec.workingDirectory);
    m_process->setProcessEnvironment(spec.environment);
    m_process->setStandardInputFile(QProcess::nullDevice()); // a server reads no console input
    // Its own process group, so that stop() reaches the workers and helpers it starts too.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    m_process->start(QIODevice::ReadOnly);
    if (const auto child = pid_t(m_process->processId()); child > 0) {
        ::setpgid(child, child); // also from the parent: whichever runs first, the group exists before stop()
        m_groupId = ::getpgid(child) == child ? child : 0;
    }
}

void LaunchedProcess::stop(double gracefulSeconds)
{
    const bool running = m_process->state() != QProcess::NotRunning;
    if (!running && listProcessGroup(m_groupId).isEmpty())
        return;
    m_stopRequested = running || m_stopRequested;
    const int milliseconds = toMilliseconds(gracefulSeconds);
    m_stopDeadline = QDeadlineTimer(milliseconds);
    signalGroup(SIGTERM);
    signalGroup(SIGCONT); // a stopped process acts on SIGTERM only once continued
    m_killTimer->start(milliseconds);
}

bool LaunchedProcess::isRunning() const
{
    return m_process->state() == QProcess::Running;
}

void LaunchedProcess::failLater(const QString& message)
{
    // Queued: the caller sees the outcome of start() the same way whether it failed early or late.
    QMetaObject::invokeMethod(
        this, [this, message] { Q_EMIT startFailed(message); }, Qt::QueuedConnection);
}

void LaunchedProcess::onStarted()
{
    m_pid = pid_t(m_process->processId());
    m_groupId = ::getpgid(m_pid) == m_pid ? m_pid : 0;
    Q_EMIT started(m_pid);
}

void LaunchedProcess::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return; // crashes and the rest arrive through finished()
    m_groupId = 0;
    Q_EMIT startFailed(QCoreApplication::translate(
        "wpm::LaunchedProcess", "Cannot launch %1 in %2: %3. Check that it is a program this system can run.")
                           .arg(m_program, directoryShown(m_process->workingDirectory()), m_process->errorString()));
}

void LaunchedProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readChannel(QProcess::StandardOutput);
    readChannel(QProcess::StandardError);
    flushChannels();
    m_pid = 0;
    if (listProcessGroup(m_groupId).isEmpty()) {
        // Nothing left to stop: forget the group so that its number, once free, is never signalled.
        m_killTimer->stop();
        m_groupId = 0;
    }

    const QString name = QFileInfo(m_program).fileName();
    const bool crashed = status == QProcess::CrashExit;
    QString description;
    if (crashed && m_stopRequested) {
        description
            = QCoreApplication::translate("wpm::LaunchedProcess", "%1 was stopped by the workbench with signal %2.")
                  .arg(name, signalDescription(exitCode));
    } else if (crashed) {
        description = QCoreApplication::translate("wpm::LaunchedProcess", "%1 was killed by signal %2.")
                          .arg(name, signalDescription(exitCode));
    } else {
        description
            = QCoreApplication::translate("wpm::LaunchedProcess", "%1 exited with status %2.").arg(name).arg(exitCode);
    }
    Q_EMIT finished(exitCode, crashed, description);
}

void LaunchedProcess::readChannel(QProcess::ProcessChannel channel)
{
    const bool isError = channel == QProcess::StandardError;
    const QByteArray data = isError ? m_process->readAllStandardError() : m_process->readAllStandardOutput();
    if (data.isEmpty())
        return;
    for (const QString& line : (isError ? m_stderr : m_stdout).feed(data))
        addLine(line, isError);
}

void LaunchedProcess::flushChannels()
{
    if (const std::optional<QString> line = m_stdout.flush())
        addLine(*line, false);
    if (const std::optional<QString> line = m_stderr.flush())
        addLine(*line, true);
}

void LaunchedProcess::addLine(const QString& line, bool isError)
{
    m_console.append(ConsoleLine { line, isError });
    Q_EMIT outputAvailable(line, isError);
}

bool LaunchedProcess::signalGroup(int signalNumber) const
{
    // Never signal our own group: if setpgid failed, signal the leader alone.
    if (m_groupId > 1 && m_groupId != ::getpgrp())
        return ::kill(-m_groupId, signalNumber) == 0;
    const auto leader = pid_t(m_process->processId());
    return leader > 1 && ::kill(leader, signalNumber) == 0;
}

void LaunchedProcess::killRemainingGroup()
{
    signalGroup(SIGKILL);
}

} // namespace wpm
