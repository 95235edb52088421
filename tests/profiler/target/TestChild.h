#pragma once
// A child process for the target tests, in its own process group so that the whole tree it starts is
// killed and reaped when the test ends, pass or fail.

#include <QProcess>
#include <QTest>

#include <csignal>
#include <unistd.h>

class TestChild {
public:
    TestChild(const QString& program, const QStringList& arguments)
    {
        m_process.setProgram(program);
        m_process.setArguments(arguments);
        m_process.setChildProcessModifier([] { ::setpgid(0, 0); });
        m_process.start();
        if (m_process.waitForStarted(5000))
            m_pid = pid_t(m_process.processId());
    }
    ~TestChild() { kill(); }
    TestChild(const TestChild&) = delete;
    TestChild& operator=(const TestChild&) = delete;

    pid_t pid() const { return m_pid; } // 0 if it failed to start; kept after it exits
    QProcess& process() { return m_process; }

    // The first line it prints on stdout, or empty after timeoutMs.
    QByteArray readLine(int timeoutMs = 5000)
    {
        while (!m_process.canReadLine() && m_process.waitForReadyRead(timeoutMs)) { }
        return m_process.readLine().trimmed();
    }

    void kill()
    {
        if (m_pid > 1)
            ::kill(-m_pid, SIGKILL);
        if (m_process.state() != QProcess::NotRunning)
            m_process.waitForFinished(5000);
    }

private:
    QProcess m_process;
    pid_t m_pid = 0;
};
