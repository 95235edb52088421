// `web-perfmonitor record` end to end: a real HTTP server launched through it, requests sent
// through its proxy; slow requests give a report of the serving thread's work, fast and
// filtered-out ones give none.

#include "FoldedReport.h"
#include "RecordingProcess.h"

#include <QTemporaryDir>
#include <QTest>

using namespace wpm::test;

namespace {

const QString kExecutable = QStringLiteral(WPM_EXECUTABLE);
const QString kUpstream = QStringLiteral(WPM_HTTP_UPSTREAM);

struct Recording : RecordingProcess {
    bool start(const QStringList& options, const QString& logPath)
    {
        return RecordingProcess::start(
            kExecutable, options, logPath, { QStringLiteral("/usr/bin/python3"), kUpstream });
    }
};

int get(quint16 port, const QByteArray& target)
{
    return httpGet(port, target).status;
}

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
        // A fresh log path gets a new history, which has nothing to say of a database that was never there.
        QVERIFY2(!recording.output.contains(QStringLiteral("history database")), qPrintable(recording.output));
        QVERIFY(QFile::exists(QDir(logs.path()).filePath(QStringLiteral("web-perfmonitor-history.sqlite"))));

        // The handler sleeps: its share of the report's samples, sitting in clock_nanosleep.
        const FoldedReport report = FoldedReport::read(QDir(logs.path()).filePath(reports.first()));
        QVERIFY(report.total > 0);
        const double share = report.shareUnder(QStringLiteral("clock_nanosleep"));
        qInfo("handler's share of the report's samples: %.1f%% of %llu", share * 100, report.total);
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
