#pragma once
// A test target started with QProcess: waits for its "ready pid=<pid>" line and stops it at the end.

#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

class TargetProcess {
public:
    explicit TargetProcess(const QString& program, const QStringList& arguments = {})
    {
        m_process.setProgram(program);
        m_process.setArguments(arguments);
        m_process.start();
    }
    ~TargetProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000))
                m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // Reads output until the ready line; returns false after the timeout.
    bool waitReady(int timeoutMs = 10000)
    {
        static const QRegularExpression ready(QStringLiteral("ready pid=(\\d+)"));
        static const QRegularExpression child(QStringLiteral("child pid=(\\d+)"));
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (m_process.canReadLine() || m_process.waitForReadyRead(100)) {
                while (m_process.canReadLine()) {
                    const QString line = QString::fromUtf8(m_process.readLine());
                    m_output += line;
                    if (auto match = child.match(line); match.hasMatch())
                        m_childPid = match.captured(1).toInt();
                    if (ready.match(line).hasMatch())
                        return true;
                }
            }
            if (m_process.state() == QProcess::NotRunning)
                return false;
        }
        return false;
    }

    pid_t pid() const { return pid_t(m_process.processId()); }
    pid_t childPid() const { return m_childPid; }
    QProcess& process() { return m_process; }
    QString output() const { return m_output; }

    // The native thread ids the target printed as "thread <name> tid=<id>" lines before it was ready, by name.
    QHash<QString, pid_t> reportedThreads() const
    {
        static const QRegularExpression pattern(QStringLiteral("thread (\\w+) tid=(\\d+)"));
        QHash<QString, pid_t> threads;
        for (const QRegularExpressionMatch& match : pattern.globalMatch(m_output))
            threads.insert(match.captured(1), pid_t(match.captured(2).toInt()));
        return threads;
    }

private:
    QProcess m_process;
    QString m_output;
    pid_t m_childPid = 0;
};
