#pragma once
// A server the workbench launches and owns: started in its own process group, its console captured line by
// line into a bounded buffer, stopped (with its group) by SIGTERM then SIGKILL. Lives in the thread that creates it.

#include "ConsoleBuffer.h"
#include "LineSplitter.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTimer>

#include <sys/types.h>

namespace wpm {

struct LaunchSpec {
    QStringList argv; // program (found in the environment's PATH when it has no '/') and its arguments
    QString workingDirectory; // empty: the workbench's own
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

class LaunchedProcess : public QObject {
    Q_OBJECT

public:
    explicit LaunchedProcess(QObject* parent = nullptr);
    // Stops the server and its group, blocking at most destructorGraceSeconds() (plus the SIGKILL's reaping).
    ~LaunchedProcess() override;

    // Emits started or startFailed, always later from the event loop, never from within start.
    void start(const LaunchSpec& spec);

    // SIGTERM to the process group now, SIGKILL to what is left of it after gracefulSeconds. Returns at once.
    void stop(double gracefulSeconds);

    pid_t pid() const { return m_pid; } // 0 unless running
    bool isRunning() const;
    QString program() const { return m_program; }

    const ConsoleBuffer& console() const { return m_console; }
    void setConsoleLimits(qsizetype maxLines, qsizetype maxBytes) { m_console.setLimits(maxLines, maxBytes); }

    double destructorGraceSeconds() const { return m_destructorGraceSeconds; }
    void setDestructorGraceSeconds(double seconds) { m_destructorGraceSeconds = seconds; }

Q_SIGNALS:
    void started(pid_t pid);
    void startFailed(const QString& message);
    void outputAvailable(const QString& line, bool isError);
    // exitCode is the exit status, or the signal number when crashed (killed by a signal).
    void finished(int exitCode, bool crashed, const QString& description);

private:
    void failLater(const QString& message);
    void onStarted();
    void onErrorOccurred(QProcess::ProcessError error);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void readChannel(QProcess::ProcessChannel channel);
    void flushChannels();
    void addLine(const QString& line, bool isError);
    bool signalGroup(int signalNumber) const;
    void killRemainingGroup();

    QProcess* m_process;
    QTimer* m_killTimer; // the SIGKILL at the end of the grace period
    QDeadlineTimer m_stopDeadline { QDeadlineTimer::Forever };
    ConsoleBuffer m_console;
    LineSplitter m_stdout;
    LineSplitter m_stderr;
    QString m_program;
    pid_t m_pid = 0;
    pid_t m_groupId = 0; // survives the leader, so that its leftover children can still be stopped
    bool m_stopRequested = false;
    double m_destructorGraceSeconds = 5.0;
};

} // namespace wpm
