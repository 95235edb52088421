// Tests for the history database over real report files in a QTemporaryDir: rows added as reports are
// written, de-duplication that survives a restart, rebuilding from the files when the database is
// missing or corrupt, retention removing files and rows, and writers in several threads at once.

#include "ReportTestTrees.h"
#include "history/EndpointPattern.h"
#include "history/ReportHistory.h"
#include "report/ReportWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace wpm;

namespace {

const QDateTime kStart(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);

std::unique_ptr<ReportHistory> openHistory(const QString& dir, HistoryOptions options = { 10, {} })
{
    Result<std::unique_ptr<ReportHistory>> history = ReportHistory::open(dir, options);
    if (!history)
        qFatal("%s", qPrintable(history.error().message));
    return std::move(history).value();
}

ReportMetadata requestAt(const QString& url, const QDateTime& time)
{
    ReportMetadata meta = reporttest::metadata(url);
    meta.time = time;
    return meta;
}

// Writes a real report and adds it to the history, as `record` does.
HistoryEntry writeAndAdd(ReportHistory& history, const QString& url, const QDateTime& time)
{
    static const CallTree tree = reporttest::foldedTree(QStringLiteral("native-small.folded"));
    const ReportMetadata meta = requestAt(url, time);
    const Result<ReportFiles> files = ReportWriter::write(tree, meta, history.directory().path());
    if (!files)
        qFatal("%s", qPrintable(files.error().message));
    Result<HistoryEntry> entry = history.addReport(files->baseName, meta);
    if (!entry)
        qFatal("%s", qPrintable(entry.error().message));
    return std::move(entry).value();
}

QList<HistoryEntry> allEntries(const ReportHistory& history)
{
    Result<QList<HistoryEntry>> entries = history.entries();
    if (!entries)
        qFatal("%s", qPrintable(entries.error().message));
    return std::move(entries).value();
}

// Every field a row holds, one line per report, to compare two histories.
QStringList describe(const QList<HistoryEntry>& entries)
{
    QStringList lines;
    for (const HistoryEntry& e : entries) {
        lines.append(QStringList { e.id, e.time.toString(Qt::ISODateWithMs), e.endpoint, e.method, e.url,
            QString::number(e.status), QString::number(e.durationS), QString::number(e.thresholdS),
            QString::number(e.samples), QString::number(e.bytes),
            e.dedup.status == DedupStatus::Notify ? "notify" : "suppressed",
            e.dedup.suppressedUntil.toString(Qt::ISODateWithMs) }
                         .join(u'|'));
    }
    return lines;
}

// The child side of writersInSeveralProcesses: writes and adds `count` reports of one endpoint.
int addReportsAsAnotherProcess(const QString& dir, int count)
{
    auto history = openHistory(dir);
    for (int i = 0; i < count; ++i)
        writeAndAdd(*history, QStringLiteral("/shared/%1").arg(i), kStart);
    return 0;
}

const char* const kChildFlag = "--add-reports-as-child";

} // namespace

class TestReportHistory : public QObject {
    Q_OBJECT

private slots:
    void rowsHoldTheReport();
    void deduplicationSurvivesARestart();
    void notificationsAreRecorded();
    void reindexAfterDeletingTheDatabaseRestoresEveryRow();
    void corruptDatabaseIsMovedAsideAndRebuilt();
    void reindexSkipsFilesThatAreNotReports();
    void findBySuffixAndUnknownId();
    void retentionRemovesOldestFilesAndRows();
    void writersInSeveralThreads();
    void writersInSeveralProcesses();
};

void TestReportHistory::rowsHoldTheReport()
{
    QTemporaryDir dir;
    auto history = openHistory(dir.path());
    QVERIFY(history->openNote().isEmpty());
    QVERIFY(QFile::exists(dir.filePath(QString(kHistoryFileName))));
    const HistoryEntry added = writeAndAdd(*history, QStringLiteral("/api/users/42?page=2"), kStart);
    const QList<HistoryEntry> entries = allEntries(*history);
    QCOMPARE(entries.size(), 1);
    const HistoryEntry& row = entries.first();
    QCOMPARE(row.id, added.id);
    QCOMPARE(row.endpoint, QStringLiteral("GET /api/users/{id}"));
    QCOMPARE(row.url, QStringLiteral("/api/users/42?page=2"));
    QCOMPARE(row.time, kStart);
    QCOMPARE(row.status, 200);
    QCOMPARE(row.durationS, 1.234);
    QCOMPARE(row.thresholdS, 0.5);
    QCOMPARE(row.samples, quint64(103));
    qint64 bytes = 0;
    for (const QString& name : row.fileNames()) {
        QVERIFY2(QFile::exists(dir.filePath(name)), qPrintable(name));
        bytes += QFileInfo(dir.filePath(name)).size();
    }
    QCOMPARE(row.bytes, bytes);
    QCOMPARE(row.dedup.status, DedupStatus::Notify);
}

void TestReportHistory::deduplicationSurvivesARestart()
{
    QTemporaryDir dir;
    {
        auto history = openHistory(dir.path());
        QCOMPARE(writeAndAdd(*history, QStringLiteral("/users/1"), kStart).dedup.status, DedupStatus::Notify);
    }
    auto history = openHistory(dir.path()); // a new process would see the same file
    const QString endpoint = endpointPattern(QStringLiteral("GET"), QStringLiteral("/users/2"));
    const Result<DedupDecision> decided = history->decide(endpoint, kStart.addDays(1));
    QVERIFY(decided);
    QCOMPARE(decided->status, DedupStatus::Suppressed);
    QCOMPARE(decided->suppressedUntil, kStart.addDays(10));

    const HistoryEntry second = writeAndAdd(*history, QStringLiteral("/users/2"), kStart.addDays(1));
    QCOMPARE(second.dedup.status, DedupStatus::Suppressed);
    QCOMPARE(second.dedup.suppressedUntil, kStart.addDays(10));
    QVERIFY(QFile::exists(dir.filePath(second.id + ".html"))); // written even though suppressed
    QCOMPARE(writeAndAdd(*history, QStringLiteral("/other"), kStart.addDays(2)).dedup.status, DedupStatus::Notify);
    QCOMPARE(writeAndAdd(*history, QStringLiteral("/users/3"), kStart.addDays(10)).dedup.status, DedupStatus::Notify);
    QCOMPARE(
        writeAndAdd(*history, QStringLiteral("/users/4"), kStart.addDays(12)).dedup.status, DedupStatus::Suppressed);
}

void TestReportHistory::notificationsAreRecorded()
{
    QTemporaryDir dir;
    auto history = openHistory(dir.path());
    const HistoryEntry entry = writeAndAdd(*history, QStringLiteral("/slow"), kStart);
    QVERIFY(history->recordNotification(entry.id, "mattermost", NotificationResult::Sent, {}, kStart));
    QVERIFY(history->recordNotification(
        entry.id, "email", NotificationResult::Failed, "SMTP server refused the login", kStart.addSecs(1)));
    QVERIFY(
        history->recordNotification(entry.id, "webhook", NotificationResult::NotSent, "shutdown", kStart.addSecs(2)));
    const Result<QList<NotificationRecord>> records = history->notifications(entry.id);
    QVERIFY(records);
    QCOMPARE(records->size(), 3);
    QCOMPARE(records->at(2).outcome, NotificationResult::NotSent);
    QCOMPARE(records->at(0).notifier, QStringLiteral("mattermost"));
    QCOMPARE(records->at(0).outcome, NotificationResult::Sent);
    QCOMPARE(records->at(1).outcome, NotificationResult::Failed);
    QCOMPARE(records->at(1).reason, QStringLiteral("SMTP server refused the login"));
    QCOMPARE(records->at(1).time, kStart.addSecs(1));

    // An explicit reindex keeps the outcomes of the reports that are still there.
    QVERIFY(history->reindex());
    QCOMPARE(history->notifications(entry.id)->size(), 3);
}

void TestReportHistory::reindexAfterDeletingTheDatabaseRestoresEveryRow()
{
    QTemporaryDir dir;
    QStringList before;
    {
        auto history = openHistory(dir.path());
        for (int i = 0; i < 6; ++i)
            writeAndAdd(*history, QStringLiteral("/items/%1").arg(i % 3 ? i : 7), kStart.addDays(i * 4));
        writeAndAdd(*history, QStringLiteral("/<script>alert(1)</script>"), kStart.addSecs(5));
        before = describe(allEntries(*history));
    }
    QCOMPARE(before.size(), 7);
    QVERIFY(before.join(u'\n').contains(QLatin1String("suppressed"))); // the replay has something to replay
    for (const char* suffix : { "", "-wal", "-shm" })
        QFile::remove(dir.filePath(QString(kHistoryFileName) + QLatin1String(suffix)));

    auto history = openHistory(dir.path());
    QVERIFY2(history->openNote().contains(QLatin1String("missing")), qPrintable(history->openNote()));
    QVERIFY2(history->openNote().contains(QLatin1String("7")), qPrintable(history->openNote()));
    QCOMPARE(describe(allEntries(*history)), before);
}

void TestReportHistory::corruptDatabaseIsMovedAsideAndRebuilt()
{
    QTemporaryDir dir;
    QStringList before;
    {
        auto history = openHistory(dir.path());
        writeAndAdd(*history, QStringLiteral("/a"), kStart);
        writeAndAdd(*history, QStringLiteral("/b"), kStart.addSecs(1));
        before = describe(allEntries(*history));
    }
    const QString path = dir.filePath(QString(kHistoryFileName));
    for (const char* suffix : { "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    const QByteArray garbage = QByteArray("this is not an SQLite database ").repeated(200);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(garbage);
    file.close();

    auto history = openHistory(dir.path());
    QVERIFY2(history->openNote().contains(QLatin1String("damaged")), qPrintable(history->openNote()));
    QCOMPARE(describe(allEntries(*history)), before);
    const QStringList aside = QDir(dir.path()).entryList({ QString(kHistoryFileName) + ".corrupt-*" });
    QCOMPARE(aside.size(), 1);
    QFile kept(dir.filePath(aside.first()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), garbage); // moved, not lost
}

void TestReportHistory::reindexSkipsFilesThatAreNotReports()
{
    QTemporaryDir dir;
    auto history = openHistory(dir.path());
    writeAndAdd(*history, QStringLiteral("/a"), kStart);
    QFile stray(dir.filePath("notes.html"));
    QVERIFY(stray.open(QIODevice::WriteOnly));
    stray.write("<html><body>not a report</body></html>");
    stray.close();
    const Result<ReindexSummary> summary = history->reindex();
    QVERIFY(summary);
    QCOMPARE(summary->indexed, 1);
    QCOMPARE(summary->skipped.size(), 1);
    QVERIFY2(summary->skipped.first().contains(QLatin1String("notes.html")), qPrintable(summary->skipped.first()));
}

void TestReportHistory::findBySuffixAndUnknownId()
{
    QTemporaryDir dir;
    auto history = openHistory(dir.path());
    const HistoryEntry entry = writeAndAdd(*history, QStringLiteral("/a"), kStart);
    QCOMPARE(history->find(entry.id)->id, entry.id);
    QCOMPARE(history->find(entry.id.right(6))->id, entry.id);
    const Result<HistoryEntry> unknown = history->find(QStringLiteral("nope"));
    QVERIFY(!unknown);
    QVERIFY2(unknown.error().message.contains(QLatin1String("report list")), qPrintable(unknown.error().message));
}

void TestReportHistory::retentionRemovesOldestFilesAndRows()
{
    QTemporaryDir dir;
    auto history = openHistory(dir.path(), { 0, { 0, 2, 0 } });
    QStringList ids;
    for (int i = 0; i < 4; ++i) {
        ids.append(writeAndAdd(*history, QStringLiteral("/r%1").arg(i), kStart.addSecs(i)).id);
        QFile zip(dir.filePath(reportZipName(ids.last()))); // as a notification leaves it
        QVERIFY(zip.open(QIODevice::WriteOnly));
    }
    const Result<QStringList> removed = history->applyRetention(kStart.addSecs(10));
    QVERIFY(removed);
    QCOMPARE(*removed, ids.mid(0, 2));
    QStringList kept;
    for (const HistoryEntry& entry : allEntries(*history))
        kept.append(entry.id);
    QCOMPARE(kept, ids.mid(2));
    for (int i = 0; i < 4; ++i) {
        for (const QString& name : reportFileNamesAndZip(ids.at(i)))
            QCOMPARE(QFile::exists(dir.filePath(name)), i >= 2);
    }
}

void TestReportHistory::writersInSeveralThreads()
{
    // Each thread has its own connection; BEGIN IMMEDIATE and the busy timeout serialize the writes,
    // so one endpoint reported at one moment by every thread notifies exactly once.
    QTemporaryDir dir;
    openHistory(dir.path()); // create the file before the race
    constexpr int kThreads = 4;
    constexpr int kReportsEach = 25;
    QList<QThread*> threads;
    QAtomicInt failures;
    for (int t = 0; t < kThreads; ++t) {
        threads.append(QThread::create([&dir, &failures, t] {
            auto history = openHistory(dir.path());
            for (int i = 0; i < kReportsEach; ++i) {
                const QString id = QStringLiteral("20261101-120000-000_GET_x_%1%2").arg(t).arg(i, 5, 10, QChar(u'0'));
                if (!history->addReport(id, requestAt(QStringLiteral("/x/%1").arg(i), kStart)))
                    failures.fetchAndAddRelaxed(1);
            }
        }));
        threads.last()->start();
    }
    for (QThread* thread : threads) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QCOMPARE(failures.loadRelaxed(), 0);
    auto history = openHistory(dir.path());
    const QList<HistoryEntry> entries = allEntries(*history);
    QCOMPARE(entries.size(), kThreads * kReportsEach);
    const auto notified = std::count_if(
        entries.cbegin(), entries.cend(), [](const HistoryEntry& e) { return e.dedup.status == DedupStatus::Notify; });
    QCOMPARE(notified, 1);
}

void TestReportHistory::writersInSeveralProcesses()
{
    // Real processes (this executable again), each with its own connection, while this one reads.
    QTemporaryDir dir;
    openHistory(dir.path());
    constexpr int kProcesses = 3;
    constexpr int kReportsEach = 15;
    QList<QProcess*> children;
    for (int p = 0; p < kProcesses; ++p) {
        children.append(new QProcess(this));
        children.last()->setProcessChannelMode(QProcess::ForwardedChannels);
        children.last()->start(QCoreApplication::applicationFilePath(),
            { QString::fromLatin1(kChildFlag), dir.path(), QString::number(kReportsEach) });
        QVERIFY(children.last()->waitForStarted(10000));
    }
    auto reader = openHistory(dir.path());
    qsizetype seen = 0;
    QElapsedTimer timer;
    timer.start();
    const auto running = [&children] {
        return std::any_of(children.cbegin(), children.cend(),
            [](const QProcess* child) { return child->state() != QProcess::NotRunning; });
    };
    while (running() && timer.elapsed() < 60000) {
        const Result<QList<HistoryEntry>> entries = reader->entries(); // WAL: readers never wait for writers
        QVERIFY2(entries, entries ? "" : qPrintable(entries.error().message));
        QVERIFY(entries->size() >= seen);
        seen = entries->size();
        QTest::qWait(5);
    }
    QVERIFY2(!running(), "the writer processes did not finish within 60 s");
    for (QProcess* child : children) {
        QCOMPARE(child->exitStatus(), QProcess::NormalExit);
        QCOMPARE(child->exitCode(), 0);
        delete child;
    }
    const QList<HistoryEntry> entries = allEntries(*reader);
    QCOMPARE(entries.size(), kProcesses * kReportsEach);
    const auto notified = std::count_if(
        entries.cbegin(), entries.cend(), [](const HistoryEntry& e) { return e.dedup.status == DedupStatus::Notify; });
    QCOMPARE(notified, 1);
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], kChildFlag) == 0)
        return addReportsAsAnotherProcess(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toInt());
    TestReportHistory test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_reporthistory.moc"
