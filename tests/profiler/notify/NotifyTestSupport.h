#pragma once
// What the notifier tests share: a loopback server script started as a real process (it prints
// "PORT <n>"), a payload whose zip is made by Python's zipfile, and reading back what a server recorded.

#include "notify/NotificationPayload.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>

#include <sys/prctl.h>

namespace wpm::test {

inline const QString python = QStringLiteral("/usr/bin/python3");
inline const QString targetsDir = QStringLiteral(WPM_SOURCE_DIR "/tests/targets/notify");

class LoopbackServer {
public:
    ~LoopbackServer() { stop(); }

    // Starts `python3 script args...`; false (with the reason in error()) when it does not print its port.
    bool start(const QString& script, const QStringList& arguments)
    {
        m_process.setProgram(python);
        m_process.setArguments(QStringList { targetsDir + u'/' + script } + arguments);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        // A test that crashes must not leave its server running.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process.start();
        if (!m_process.waitForStarted(5000))
            return fail(m_process.errorString());
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(10000))
                return fail(QString::fromUtf8(m_process.readAllStandardError()));
        }
        const QByteArray line = m_process.readLine().trimmed();
        if (!line.startsWith("PORT "))
            return fail(QString::fromUtf8(line + m_process.readAllStandardError()));
        m_port = line.mid(5).toUShort();
        return true;
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    quint16 port() const { return m_port; }
    QString url(const QString& path = {}) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
    }
    const QString& error() const { return m_error; }

private:
    bool fail(const QString& error)
    {
        m_error = error;
        return false;
    }

    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

// A port nothing listens on: bound by the kernel then released.
inline quint16 closedPort()
{
    QProcess probe;
    probe.start(python,
        { QStringLiteral("-c"),
            QStringLiteral("import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); "
                           "print(s.getsockname()[1])") });
    probe.waitForFinished(5000);
    return probe.readAllStandardOutput().trimmed().toUShort();
}

// Report files in dir and a zip of them made by `python3 -m zipfile -c`, the caller's job in production.
inline NotificationPayload makePayload(const QDir& dir, const QString& reportId = QStringLiteral("r-42"))
{
    NotificationPayload payload;
    payload.reportId = reportId;
    payload.title = QStringLiteral("Slow request: GET /api/users took 2.345 s");
    payload.endpoint = QStringLiteral("GET /api/users");
    payload.url = QStringLiteral("http://127.0.0.1:5000/api/users?page=2");
    payload.durationSeconds = 2.345;
    payload.thresholdSeconds = 1;
    payload.markdown
        = QStringLiteral("# Slow request: GET /api/users\n\n| function | share |\n|---|---|\n| `handler` | 99% |\n");
    payload.htmlPath = dir.filePath(reportId + QStringLiteral(".html"));
    const QString markdownPath = dir.filePath(reportId + QStringLiteral(".md"));
    QFile html(payload.htmlPath);
    if (html.open(QIODevice::WriteOnly))
        html.write("<!DOCTYPE html><html><body><h1>Slow request</h1></body></html>\n");
    QFile markdown(markdownPath);
    if (markdown.open(QIODevice::WriteOnly))
        markdown.write(payload.markdown.toUtf8());
    payload.zipPath = dir.filePath(reportId + QStringLiteral(".zip"));
    QProcess zip;
    zip.setWorkingDirectory(dir.path());
    zip.start(python,
        { QStringLiteral("-m"), QStringLiteral("zipfile"), QStringLiteral("-c"), payload.zipPath,
            reportId + QStringLiteral(".html"), reportId + QStringLiteral(".md") });
    zip.waitForFinished(10000);
    return payload;
}

// The entry names of a zip, listed by `python3 -m zipfile -l` (independent of the code under test).
inline QStringList zipEntries(const QString& zipPath)
{
    QProcess list;
    list.start(python,
        { QStringLiteral("-c"),
            QStringLiteral("import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
                           "assert z.testzip() is None; print('\\n'.join(z.namelist()))"),
            zipPath });
    list.waitForFinished(10000);
    if (list.exitCode() != 0)
        return { QStringLiteral("unreadable zip: ") + QString::fromUtf8(list.readAllStandardError()) };
    return QString::fromUtf8(list.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

// One JSON object per line, as the loopback HTTP server records its calls.
inline QList<QJsonObject> recordedCalls(const QString& path)
{
    QList<QJsonObject> calls;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return calls;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            calls.append(QJsonDocument::fromJson(line).object());
    }
    return calls;
}

} // namespace wpm::test
