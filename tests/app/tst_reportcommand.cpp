// `web-perfmonitor report list|show|export|reindex` end to end, run as a process over real report files,
// and `record` adding each report it writes to the history with its de-duplication decision.

#include "ExecutableRun.h"
#include "RecordingProcess.h"
#include "ReportTestTrees.h"
#include "history/HistoryDatabase.h"
#include "report/ReportWriter.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = wpm::test::ExecutableRun;

Run report(const QString& logPath, const QStringList& arguments)
{
    return wpm::test::runExecutable(QStringLiteral(WPM_EXECUTABLE),
        QStringList { QStringLiteral("report") } + arguments + QStringList { QStringLiteral("--log-path"), logPath });
}

QString writeReport(const QString& dir, const QString& url, const QDateTime& time)
{
    static const wpm::CallTree tree = reporttest::foldedTree(QStringLiteral("native-small.folded"));
    wpm::ReportMetadata meta = reporttest::metadata(url);
    meta.time = time;
    const wpm::Result<wpm::ReportFiles> files = wpm::ReportWriter::write(tree, meta, dir);
    if (!files)
        qFatal("%s", qPrintable(files.error().message));
    return files->baseName;
}

QJsonArray listed(const QString& logPath)
{
    const Run run = report(logPath, { QStringLiteral("list"), QStringLiteral("--json") });
    if (run.exitCode != 0)
        qWarning() << run.err;
    return QJsonDocument::fromJson(run.out.toUtf8()).array();
}

const QDateTime kStart(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);

} // namespace

class TestReportCommand : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listRebuildsAMissingDatabase();
    void listJsonHoldsEveryRow();
    void showBySuffix();
    void exportWritesAZipThatUnzipReads();
    void clearErrors();
    void reindexRestoresTheRowsAfterTheDatabaseIsDeleted();
    void emptyLogPathSaysSo();
    void usageErrors_data();
    void usageErrors();
    void recordAddsEachReportWithItsDeduplication();

private:
    QTemporaryDir m_logs;
    QStringList m_ids;
};

void TestReportCommand::initTestCase()
{
    m_ids.append(writeReport(m_logs.path(), QStringLiteral("/users/1"), kStart));
    m_ids.append(writeReport(m_logs.path(), QStringLiteral("/users/2?x=<script>"), kStart.addDays(1)));
    m_ids.append(writeReport(m_logs.path(), QStringLiteral("/orders"), kStart.addDays(2)));
}

void TestReportCommand::listRebuildsAMissingDatabase()
{
    const Run run = report(m_logs.path(), { QStringLiteral("list") });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(QLatin1String("missing: it was rebuilt from 3 report(s)")), qPrintable(run.err));
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5); // header, three reports, count
    QVERIFY(lines.at(1).startsWith(m_ids.at(0).right(6)));
    QVERIFY2(lines.at(1).contains(QLatin1String("GET /users/{id}")), qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).contains(QLatin1String("suppressed")), qPrintable(lines.at(2)));
    QVERIFY2(lines.at(3).contains(QLatin1String("GET /orders")), qPrintable(lines.at(3)));
    QVERIFY(QFile::exists(QDir(m_logs.path()).filePath(QString(wpm::kHistoryFileName))));
}

void TestReportCommand::listJsonHoldsEveryRow()
{
    const QJsonArray rows = listed(m_logs.path());
    QCOMPARE(rows.size(), 3);
    const QJsonObject second = rows.at(1).toObject();
    QCOMPARE(second.value("id").toString(), m_ids.at(1));
    QCOMPARE(second.value("url").toString(), QStringLiteral("/users/2?x=<script>"));
    QCOMPARE(second.value("endpoint").toString(), QStringLiteral("GET /users/{id}"));
    QCOMPARE(second.value("status").toInt(), 200);
    QCOMPARE(second.value("duration_s").toDouble(), 1.234);
    QCOMPARE(second.value("dedup").toString(), QStringLiteral("suppressed"));
    QCOMPARE(second.value("suppressed_until").toString(), kStart.addDays(10).toString(Qt::ISODateWithMs));
    QCOMPARE(second.value("files").toArray().size(), 4);
    QVERIFY(QFile::exists(second.value("files").toArray().at(0).toString()));
}

void TestReportCommand::showBySuffix()
{
    const Run run = report(m_logs.path(), { QStringLiteral("show"), m_ids.at(1).right(6) });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("GET /users/2?x=<script>")), qPrintable(run.out));
    QVERIFY(run.out.contains(QLatin1String("suppressed until 2026-11-11 12:00:00")));
    QVERIFY(run.out.contains(QDir(m_logs.path()).absoluteFilePath(m_ids.at(1) + ".speedscope.json")));
}

void TestReportCommand::exportWritesAZipThatUnzipReads()
{
    QTemporaryDir out;
    const QString zip = out.filePath(QStringLiteral("report.zip"));
    const Run run = report(m_logs.path(), { QStringLiteral("export"), m_ids.at(2), QStringLiteral("-o"), zip });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("Wrote ")), qPrintable(run.out));
    QVERIFY(QFile::exists(zip));
    const QString unzip = QStandardPaths::findExecutable(QStringLiteral("unzip"));
    if (unzip.isEmpty())
        QSKIP("unzip is not installed (Debian package unzip, listed in scripts/debian-packages.txt)");
    QProcess check;
    check.start(unzip, { QStringLiteral("-l"), zip });
    QVERIFY(check.waitForFinished(30000));
    const QString listing = QString::fromUtf8(check.readAll());
    QCOMPARE(check.exitCode(), 0);
    QVERIFY2(listing.contains(m_ids.at(2) + ".html") && listing.contains(m_ids.at(2) + ".folded")
            && listing.contains("4 files"),
        qPrintable(listing));
}

void TestReportCommand::clearErrors()
{
    const Run unknown = report(m_logs.path(), { QStringLiteral("show"), QStringLiteral("123456") });
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains(QLatin1String("There is no report \"123456\"")), qPrintable(unknown.err));

    const Run unwritable = report(m_logs.path(),
        { QStringLiteral("export"), m_ids.at(0), QStringLiteral("-o"), QStringLiteral("/proc/no-such-dir/x.zip") });
    QCOMPARE(unwritable.exitCode, 1);
    QVERIFY2(unwritable.err.contains(QLatin1String("/proc/no-such-dir/x.zip cannot be written")),
        qPrintable(unwritable.err));

    const Run noOutput = report(m_logs.path(), { QStringLiteral("export"), m_ids.at(0) });
    QCOMPARE(noOutput.exitCode, 2);
    QVERIFY2(noOutput.err.contains(QLatin1String("-o FILE.zip")), qPrintable(noOutput.err));
}

void TestReportCommand::reindexRestoresTheRowsAfterTheDatabaseIsDeleted()
{
    const QJsonArray before = listed(m_logs.path());
    QCOMPARE(before.size(), 3);
    for (const char* suffix : { "", "-wal", "-shm" })
        QFile::remove(QDir(m_logs.path()).filePath(QString(wpm::kHistoryFileName) + QLatin1String(suffix)));
    const Run run = report(m_logs.path(), { QStringLiteral("reindex") });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("Indexed 3 report(s)")), qPrintable(run.out));
    QCOMPARE(listed(m_logs.path()), before);
}

void TestReportCommand::emptyLogPathSaysSo()
{
    QTemporaryDir empty;
    const Run run = report(empty.path(), { QStringLiteral("list") });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(QLatin1String("No reports in")), qPrintable(run.err));
    QCOMPARE(listed(empty.path()), QJsonArray());
}

void TestReportCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no action") << QStringList {};
    QTest::newRow("unknown action") << QStringList { "frob" };
    QTest::newRow("show without id") << QStringList { "show" };
    QTest::newRow("list with extra") << QStringList { "list", "x" };
}

void TestReportCommand::usageErrors()
{
    QFETCH(QStringList, arguments);
    const Run run = report(m_logs.path(), arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QLatin1String("Usage: web-perfmonitor report")), qPrintable(run.err));
}

void TestReportCommand::recordAddsEachReportWithItsDeduplication()
{
    QTemporaryDir logs;
    wpm::test::RecordingProcess recording;
    QVERIFY2(recording.start(QStringLiteral(WPM_EXECUTABLE),
                 { "--threshold-seconds", "0.2", "--notice-list",
                     R"([{"type":"webhook","url":"http://127.0.0.1:9/hook"}])" },
                 logs.path(), { "/usr/bin/python3", QStringLiteral(WPM_HTTP_UPSTREAM) }),
        qPrintable(recording.output));
    QCOMPARE(wpm::test::httpGet(recording.port, "/slow?ms=400").status, 200);
    // The same endpoint again: written, not notified.
    QCOMPARE(wpm::test::httpGet(recording.port, "/slow?ms=300").status, 200);
    QTest::qWait(500);
    recording.stop();
    QCOMPARE(recording.process.state(), QProcess::NotRunning);
    QVERIFY2(recording.output.contains(QLatin1String("not notified: GET /slow was reported less than 10 day(s) ago")),
        qPrintable(recording.output));

    const QJsonArray rows = listed(logs.path());
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).toObject().value("dedup").toString(), QStringLiteral("notify"));
    QCOMPARE(rows.at(1).toObject().value("dedup").toString(), QStringLiteral("suppressed"));
    QCOMPARE(rows.at(1).toObject().value("url").toString(), QStringLiteral("/slow?ms=300"));
    const Run shown = report(logs.path(), { "show", rows.at(1).toObject().value("id").toString() });
    QVERIFY2(shown.out.contains(QLatin1String("webhook suppressed: GET /slow was reported")), qPrintable(shown.out));
}

QTEST_GUILESS_MAIN(TestReportCommand)
#include "tst_reportcommand.moc"
