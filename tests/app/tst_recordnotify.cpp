// `web-perfmonitor record` notifying for real: a Python server recorded through the proxy, notice_list
// pointing at the loopback Mattermost/webhook recorder and a command. A slow request is posted once with
// its zip (the one kept in log_path), the next one to the same endpoint is suppressed, and a notifier that
// is down leaves "failed" with a reason in the history while the report is still written.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kExecutable = u"" WPM_EXECUTABLE ""_s;

int get(quint16 port, const QByteArray& target)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(5000))
        return -1;
    socket.write("GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (socket.waitForReadyRead(10000))
        answer += socket.readAll();
    return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : -1;
}

// Runs `record` over upstream.py with `noticeList`, sends `targets` and stops; returns the console.
QString record(const QString& logPath, const QString& noticeList, const QList<QByteArray>& targets)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(kExecutable,
        { u"record"_s, u"--log-path"_s, logPath, u"--threshold-seconds"_s, u"0.2"_s, u"--notice-list"_s, noticeList,
            u"--"_s, u"/usr/bin/python3"_s, u"" WPM_HTTP_UPSTREAM ""_s });
    static const QRegularExpression address(u"http://127\\.0\\.0\\.1:(\\d+)"_s);
    QString output;
    quint16 port = 0;
    QElapsedTimer timer;
    timer.start();
    while (port == 0 && timer.elapsed() < 20000 && process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(500);
        output += QString::fromUtf8(process.readAll());
        if (const QRegularExpressionMatch match = address.match(output); match.hasMatch())
            port = quint16(match.captured(1).toUInt());
    }
    for (const QByteArray& target : targets)
        output += u"GET %1 -> %2\n"_s.arg(QString::fromUtf8(target)).arg(port ? get(port, target) : -1);
    QTest::qWait(1000); // the first notification is sent while recording, not at stop
    process.terminate();
    process.waitForFinished(30000);
    return output + QString::fromUtf8(process.readAll());
}

QString run(const QStringList& arguments)
{
    QProcess process;
    process.start(kExecutable, arguments);
    process.waitForFinished(30000);
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

QStringList reportIds(const QString& logPath)
{
    QStringList ids;
    for (const QString& html : QDir(logPath).entryList({ u"*.html"_s }, QDir::Files, QDir::Name))
        ids.append(html.chopped(5));
    return ids;
}

QString webhookAt(quint16 port)
{
    const QJsonObject webhook { { u"type"_s, u"webhook"_s }, { u"url"_s, u"http://127.0.0.1:%1/hook"_s.arg(port) } };
    return QString::fromUtf8(QJsonDocument(QJsonArray { webhook }).toJson(QJsonDocument::Compact));
}

// Mattermost and webhook on the recorder, and a command that writes its environment to `commandCopy`.
QString everyChannel(quint16 port, const QString& commandCopy)
{
    const QJsonObject mattermost { { u"type"_s, u"mattermost"_s },
        { u"server_url"_s, u"http://127.0.0.1:%1"_s.arg(port) }, { u"token"_s, u"tok-7"_s },
        { u"channel_id"_s, u"perf"_s } };
    const QJsonObject webhook { { u"type"_s, u"webhook"_s }, { u"url"_s, u"http://127.0.0.1:%1/hook"_s.arg(port) },
        { u"format"_s, u"text"_s } };
    const QJsonObject command { { u"type"_s, u"command"_s },
        { u"argv"_s, QJsonArray { u"/bin/sh"_s, u"-c"_s, u"env > \"$0\""_s, commandCopy } } };
    return QString::fromUtf8(QJsonDocument(QJsonArray { mattermost, webhook, command }).toJson(QJsonDocument::Compact));
}

} // namespace

class TestRecordNotify : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).mkpath(u"uploads"_s);
        m_recorder.start(u"/usr/bin/python3"_s,
            { u"" WPM_SOURCE_DIR "/tests/targets/notify/http_recorder.py"_s, u"--record"_s, callsPath(), u"--token"_s,
                u"tok-7"_s, u"--channel"_s, u"perf"_s, u"--files-dir"_s, m_dir.filePath(u"uploads"_s) });
        QVERIFY(m_recorder.waitForStarted(5000));
        QVERIFY(m_recorder.waitForReadyRead(10000));
        const QByteArray line = m_recorder.readLine().trimmed();
        QVERIFY2(line.startsWith("PORT "), line.constData());
        m_port = line.mid(5).toUShort();
    }

    void cleanupTestCase()
    {
        m_recorder.kill();
        m_recorder.waitForFinished(5000);
    }

    void slowRequestNotifiesOnceWithItsZip()
    {
        QTemporaryDir logs;
        const QString commandCopy = m_dir.filePath(u"command-env"_s);
        const QString noticeList = everyChannel(m_port, commandCopy);
        const QString output = record(logs.path(), noticeList, { "/slow?ms=500", "/slow?ms=400" });
        QVERIFY2(output.contains(u"notified notice_list[0] mattermost: sent\n"_s), qPrintable(output));
        QVERIFY2(output.contains(u"notified notice_list[1] webhook: sent\n"_s), qPrintable(output));
        QVERIFY2(output.contains(u"notified notice_list[2] command: sent\n"_s), qPrintable(output));
        QVERIFY2(output.contains(u"not notified: GET /slow was reported"_s), qPrintable(output));

        const QStringList ids = reportIds(logs.path());
        QCOMPARE(ids.size(), 2);
        // The zip in log_path is the one notified about; the suppressed report has none.
        QVERIFY(QFile::exists(QDir(logs.path()).filePath(ids.at(0) + u".zip"_s)));
        QVERIFY(!QFile::exists(QDir(logs.path()).filePath(ids.at(1) + u".zip"_s)));

        // One post and one upload for both requests; the upload is the report's zip with its four files.
        QFile calls(callsPath());
        QVERIFY(calls.open(QIODevice::ReadOnly));
        int posts = 0;
        int hooks = 0;
        for (const QByteArray& line : calls.readAll().split('\n')) {
            const QString path = QJsonDocument::fromJson(line).object().value(u"path"_s).toString();
            posts += path == u"/api/v4/posts"_s ? 1 : 0;
            hooks += path == u"/hook"_s ? 1 : 0;
        }
        QCOMPARE(posts, 1);
        QCOMPARE(hooks, 1);
        const QStringList uploads = QDir(m_dir.filePath(u"uploads"_s)).entryList({ u"*.zip"_s }, QDir::Files);
        QCOMPARE(uploads.size(), 1);
        QProcess list;
        list.start(
            u"/usr/bin/python3"_s, { u"-m"_s, u"zipfile"_s, u"-l"_s, m_dir.filePath(u"uploads/"_s + uploads.first()) });
        QVERIFY(list.waitForFinished(30000));
        const QString entries = QString::fromUtf8(list.readAllStandardOutput());
        for (const QString& suffix : { u".html"_s, u".md"_s, u".speedscope.json"_s, u".folded"_s })
            QVERIFY2(entries.contains(ids.at(0) + suffix), qPrintable(entries));
        QFile environment(commandCopy);
        QVERIFY(environment.open(QIODevice::ReadOnly));
        QVERIFY(environment.readAll().contains("WPM_REPORT_ZIP=" + QDir(logs.path()).filePath(ids.at(0)).toUtf8()));

        const QString shown = run({ u"report"_s, u"show"_s, ids.at(0), u"--log-path"_s, logs.path() });
        QVERIFY2(shown.contains(u"notice_list[0] mattermost sent"_s), qPrintable(shown));
        QVERIFY2(shown.contains(u"notice_list[1] webhook sent"_s), qPrintable(shown));
        QVERIFY2(shown.contains(u"notice_list[2] command sent"_s), qPrintable(shown));
        const QString suppressed = run({ u"report"_s, u"show"_s, ids.at(1), u"--log-path"_s, logs.path() });
        QVERIFY2(suppressed.contains(u"notice_list[0] mattermost suppressed"_s), qPrintable(suppressed));

        // Reindex reads reports from their HTML: the zip beside them adds none.
        run({ u"report"_s, u"reindex"_s, u"--log-path"_s, logs.path() });
        const QString listed = run({ u"report"_s, u"list"_s, u"--json"_s, u"--log-path"_s, logs.path() });
        QCOMPARE(QJsonDocument::fromJson(listed.toUtf8()).array().size(), 2);
    }

    void notifierDownFailsWithAReason()
    {
        QTcpServer closed; // a port that was just free: nothing listens there any more
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        QTemporaryDir logs;
        const QString output = record(logs.path(), webhookAt(port), { "/slow?ms=400" });
        QVERIFY2(output.contains(u"notified notice_list[0] webhook: failed: "_s), qPrintable(output));
        const QStringList ids = reportIds(logs.path());
        QCOMPARE(ids.size(), 1);
        const QString shown = run({ u"report"_s, u"show"_s, ids.at(0), u"--log-path"_s, logs.path() });
        static const QRegularExpression failed(u"notice_list\\[0\\] webhook failed: \\S+"_s);
        QVERIFY2(failed.match(shown).hasMatch(), qPrintable(shown));
    }

private:
    QString callsPath() const { return m_dir.filePath(u"calls.jsonl"_s); }

    QTemporaryDir m_dir;
    QProcess m_recorder;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(TestRecordNotify)
#include "tst_recordnotify.moc"
