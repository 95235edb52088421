// `web-perfmonitor record` end to end: a real HTTP server launched through it, requests sent
// through its proxy; slow requests give a report of the serving thread's work, fast and
// filtered-out ones give none.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kExecutable = QStringLiteral(WPM_EXECUTABLE);
const QString kUpstream = QStringLiteral(WPM_HTTP_UPSTREAM);

// Sends one GET through the proxy and waits for the whole answer (the server closes nothing).
int get(quint16 port, const QByteArray& target)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return -1;
    socket.write("GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (socket.waitForReadyRead(10000))
        answer += socket.readAll();
    answer += socket.readAll();
    return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : -1;
}

struct Recording {
    QProcess process;
    quint16 port = 0;
    QString output;

    bool start(const QStringList& options, const QString& logPath)
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(kExecutable,
            QStringList { QStringLiteral("record"), QStringLiteral("--log-path"), logPath } + options
                + QStringList { QStringLiteral("--"), QStringLiteral("/usr/bin/python3"), kUpstream });
        static const QRegularExpression address(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)"));
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
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
};

} // namespace

class TestRecordCommand : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void slowRequestsAreReportedFastOnesAreNot()
    {
        QTemporaryDir logs;
        QVERIFY(logs.isValid());
        Recording recording;
        QVERIFY2(recording.start({ QStringLiteral("--threshold-seconds"), QStringLiteral("0.3") }, logs.path()),
            qPrintable(recording.output));
        QTest::qWait(1200); // a second of the server idling: how its threads wait when not serving
        QCOMPARE(get(recording.port, "/fast"), 200);
        QCOMPARE(get(recording.port, "/slow?ms=100"), 200);
        QCOMPARE(get(recording.port, "/slow?ms=900"), 200);
        QTest::qWait(500);
        QCOMPARE(recording.stop(), 0);

        const QStringList reports = QDir(logs.path()).entryList({ QStringLiteral("*.folded") });
        QVERIFY2(reports.size() == 1, qPrintable(recording.output));
        QVERIFY(reports.first().contains(QStringLiteral("_GET_slow_")));
        const QString base = reports.first().chopped(int(QStringLiteral(".folded").size()));
        for (const QString& suffix :
            { QStringLiteral(".html"), QStringLiteral(".md"), QStringLiteral(".speedscope.json") })
            QVERIFY2(QFile::exists(QDir(logs.path()).filePath(base + suffix)), qPrintable(base + suffix));
        QVERIFY(recording.output.contains(QStringLiteral("Slow: GET /slow?ms=900")));
        QVERIFY(recording.output.contains(QStringLiteral("3 requests, 1 slower than the threshold")));

        // The handler sleeps: its share of the report's samples, sitting in clock_nanosleep.
        QFile report(QDir(logs.path()).filePath(reports.first()));
        QVERIFY(report.open(QIODevice::ReadOnly));
        quint64 total = 0;
        quint64 sleeping = 0;
        for (const QByteArray& line : report.readAll().split('\n')) {
            const qsizetype space = line.lastIndexOf(' ');
            if (space < 0)
                continue;
            const quint64 count = line.mid(space + 1).toULongLong();
            total += count;
            if (line.contains("clock_nanosleep"))
                sleeping += count;
        }
        QVERIFY(total > 0);
        const double share = double(sleeping) / double(total);
        qInfo("handler's share of the report's samples: %.1f%% (%llu of %llu)", share * 100, sleeping, total);
        QVERIFY2(share >= 0.9, qPrintable(QString::number(share)));
    }

    void blacklistedRequestsAreNotReported()
    {
        QTemporaryDir logs;
        Recording recording;
        QVERIFY(recording.start({ QStringLiteral("--threshold-seconds"), QStringLiteral("0.2"),
                                    QStringLiteral("--url-blacklist"), QStringLiteral("/slow") },
            logs.path()));
        QCOMPARE(get(recording.port, "/slow?ms=400"), 200);
        QTest::qWait(300);
        QCOMPARE(recording.stop(), 0);
        QVERIFY(QDir(logs.path()).entryList(QDir::Files).isEmpty());
        QVERIFY2(
            recording.output.contains(QStringLiteral("1 left out by the URL filters")), qPrintable(recording.output));
    }
};

QTEST_GUILESS_MAIN(TestRecordCommand)
#include "tst_recordcommand.moc"
