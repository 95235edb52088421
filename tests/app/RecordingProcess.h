#pragma once
// For the tests of `web-perfmonitor record`: the command running a server under its proxy, plain
// HTTP/1.1 requests through that proxy, and a written report read back.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>

#include <algorithm>
#include <memory>
#include <vector>

namespace wpm::test {

struct HttpAnswer {
    int status = -1; // -1: no HTTP answer
    QByteArray body;
    qint64 elapsedMs = 0; // as the client saw it
};

// Sends one GET and waits for the whole answer (Connection: close).
inline HttpAnswer httpGet(quint16 port, const QByteArray& target)
{
    HttpAnswer answer;
    QElapsedTimer timer;
    timer.start();
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return answer;
    socket.write("GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    QByteArray bytes;
    while (socket.waitForReadyRead(10000))
        bytes += socket.readAll();
    bytes += socket.readAll();
    answer.elapsedMs = timer.elapsed();
    if (bytes.startsWith("HTTP/1.1 "))
        answer.status = bytes.mid(9, 3).toInt();
    if (const qsizetype end = bytes.indexOf("\r\n\r\n"); end >= 0)
        answer.body = bytes.mid(end + 4);
    return answer;
}

// Sends every GET at once, each on its own connection, and waits for all the answers.
inline QList<HttpAnswer> httpGetConcurrently(quint16 port, const QList<QByteArray>& targets)
{
    QElapsedTimer timer;
    timer.start();
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (const QByteArray& target : targets) {
        auto& socket = sockets.emplace_back(std::make_unique<QTcpSocket>());
        socket->connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket->waitForConnected(5000))
            return {};
        socket->write("GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        socket->flush();
    }
    QList<HttpAnswer> answers(targets.size());
    QList<QByteArray> received(targets.size());
    while (timer.elapsed() < 20000) {
        bool open = false;
        for (size_t i = 0; i < sockets.size(); ++i) {
            QTcpSocket& socket = *sockets[i];
            if (socket.state() != QAbstractSocket::UnconnectedState) {
                open = true;
                socket.waitForReadyRead(5);
            }
            if (const QByteArray bytes = socket.readAll(); !bytes.isEmpty()) {
                received[qsizetype(i)] += bytes;
                answers[qsizetype(i)].elapsedMs = timer.elapsed();
            }
        }
        if (!open)
            break;
    }
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const QByteArray& bytes = received[i];
        if (bytes.startsWith("HTTP/1.1 "))
            answers[i].status = bytes.mid(9, 3).toInt();
        if (const qsizetype end = bytes.indexOf("\r\n\r\n"); end >= 0)
            answers[i].body = bytes.mid(end + 4);
    }
    return answers;
}

// Whether `python` imports every one of `modules` (the framework tests skip without them).
inline bool pythonImports(const QString& python, const QStringList& modules)
{
    QProcess process;
    process.start(python, { QStringLiteral("-c"), QStringLiteral("import ") + modules.join(u',') });
    return process.waitForFinished(20000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// The number after "NAME=" in an answer's body (the test apps name their pid and tid), -1 when there is none.
inline qint64 bodyField(const QByteArray& body, const QByteArray& name)
{
    const QRegularExpression field(QString::fromLatin1(name) + QStringLiteral("=(\\d+)"));
    const QRegularExpressionMatch match = field.match(QString::fromUtf8(body));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

// `web-perfmonitor record --log-path DIR OPTIONS -- SERVER...`, with the proxy port it printed.
struct RecordingProcess {
    QProcess process;
    quint16 port = 0;
    QString output;

    bool start(const QString& executable, const QStringList& options, const QString& logPath,
        const QStringList& serverCommand, const QString& workingDirectory = {})
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setWorkingDirectory(workingDirectory);
        process.start(executable,
            QStringList { QStringLiteral("record"), QStringLiteral("--log-path"), logPath } + options
                + QStringList { QStringLiteral("--") } + serverCommand);
        // Servers print their own address first: take the one record asks requests to go to.
        static const QRegularExpression address(QStringLiteral("send requests to http://127\\.0\\.0\\.1:(\\d+)"));
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 30000) {
            process.waitForReadyRead(500);
            output += QString::fromUtf8(process.readAll());
            if (const QRegularExpressionMatch match = address.match(output); match.hasMatch()) {
                port = quint16(match.captured(1).toUInt());
                return true;
            }
            if (process.state() == QProcess::NotRunning)
                return false;
        }
        return false;
    }

    int stop()
    {
        process.terminate();
        process.waitForFinished(15000);
        output += QString::fromUtf8(process.readAll());
        return process.exitCode();
    }

    // The last lines of the console, for failure messages.
    QString tail(int lines = 12) const
    {
        const QStringList all = output.trimmed().split(u'\n');
        return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(u'\n');
    }

    // The console line of the report on `method target`, empty when there is none.
    QString slowLine(const QString& methodAndTarget) const
    {
        const QString start = QStringLiteral("Slow: ") + methodAndTarget + u' ';
        for (const QString& line : output.split(u'\n'))
            if (line.startsWith(start))
                return line;
        return {};
    }

    // From a slow line's "N samples from thread(s) TID (n), TID (n): FILE": samples by thread.
    static QHash<qint64, quint64> samplesByThread(const QString& slowLine)
    {
        QHash<qint64, quint64> byThread;
        static const QRegularExpression entry(QStringLiteral("(\\d+) \\((\\d+)\\)"));
        const qsizetype from = slowLine.indexOf(QStringLiteral("thread(s) "));
        if (from < 0)
            return byThread;
        const QString list = slowLine.mid(from, slowLine.indexOf(QStringLiteral(": "), from) - from);
        for (const QRegularExpressionMatch& match : entry.globalMatch(list))
            byThread.insert(match.captured(1).toLongLong(), match.captured(2).toULongLong());
        return byThread;
    }
};

// The "| Key | value |" rows of a Markdown report's metadata table.
inline QHash<QString, QString> markdownMetadata(const QString& path)
{
    QHash<QString, QString> rows;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    static const QRegularExpression row(QStringLiteral("^\\| ([A-Za-z]+) \\| (.*) \\|$"));
    for (const QString& line : QString::fromUtf8(file.readAll()).split(u'\n'))
        if (const QRegularExpressionMatch match = row.match(line); match.hasMatch())
            rows.insert(match.captured(1), match.captured(2));
    return rows;
}

} // namespace wpm::test
