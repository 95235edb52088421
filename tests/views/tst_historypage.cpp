// The history page over a real history: reports written by ReportWriter into a temporary log_path and
// indexed by ReportHistory, loaded off the GUI thread; the model under QAbstractItemModelTester; the
// filters and sorting; "Export zip" read back by Python's zipfile; delete; reindex.

#include "HistoryFilterModel.h"
#include "HistoryModel.h"
#include "HistoryPage.h"
#include "ReportTestTrees.h"
#include "history/ReportHistory.h"
#include "report/ReportWriter.h"

#include <QAbstractItemModelTester>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEngineView>

using namespace wpm;

class TestHistoryPage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_logs;
    QStringList m_ids; // as written: /api/users/1 (200, 1.5 s), /api/users/2 (500, 3 s), /static/app.js (404, 0.8 s)

    void writeReport(const QString& url, int status, double seconds, const QDateTime& time)
    {
        ReportMetadata meta = reporttest::metadata(url);
        meta.status = status;
        meta.durationS = seconds;
        meta.time = time;
        const Result<ReportFiles> written
            = ReportWriter::write(reporttest::foldedTree(QStringLiteral("flask-request.folded")), meta, m_logs.path());
        QVERIFY2(written, written ? "" : qPrintable(written.error().message));
        Result<std::unique_ptr<ReportHistory>> history = ReportHistory::open(m_logs.path(), { 7, {} });
        QVERIFY2(history, history ? "" : qPrintable(history.error().message));
        QVERIFY((*history)->addReport(written->baseName, meta));
        m_ids.append(written->baseName);
    }

    static void loadInto(HistoryPage& page, const QString& logPath)
    {
        QSignalSpy loaded(&page, &HistoryPage::entriesLoaded);
        page.setHistory(logPath, { 7, {} });
        QVERIFY(loaded.wait(10000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_logs.isValid());
        const QDateTime day(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);
        writeReport(QStringLiteral("/api/users/1"), 200, 1.5, day);
        writeReport(QStringLiteral("/api/users/2"), 500, 3.0, day.addDays(1));
        writeReport(QStringLiteral("/static/app.js"), 404, 0.8, day.addDays(3));
    }

    void modelShowsTheHistory()
    {
        HistoryPage page;
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(
            page.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        loadInto(page, m_logs.path());
        HistoryModel* model = page.model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(
            model->index(0, HistoryModel::EndpointColumn).data().toString(), QStringLiteral("GET /api/users/{id}"));
        QCOMPARE(model->index(1, HistoryModel::StatusColumn).data().toInt(), 500);
        // The second report of the endpoint within the 7-day window was held back.
        QCOMPARE(model->index(0, HistoryModel::NotifyColumn).data().toString(), QStringLiteral("notified"));
        QVERIFY(
            model->index(1, HistoryModel::NotifyColumn).data().toString().startsWith(QStringLiteral("de-duplicated")));
        QCOMPARE(model->endpoints(),
            QStringList({ QStringLiteral("GET /api/users/{id}"), QStringLiteral("GET /static/app.js") }));
    }

    void notificationOutcomesReplaceTheDecision()
    {
        HistoryPage page;
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        HistoryModel* model = page.model();
        // An outcome that arrives before its row is kept for it.
        model->setNotificationOutcome(
            m_ids.at(0), QStringLiteral("notice_list[0] mattermost"), QStringLiteral("Mattermost: sent"));
        loadInto(page, m_logs.path());
        const QModelIndex notify = model->index(0, HistoryModel::NotifyColumn);
        QCOMPARE(notify.data().toString(), QStringLiteral("Mattermost: sent"));
        // Then each outcome as it arrives: the row's cell changes, and only that one.
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        model->setNotificationOutcome(
            m_ids.at(0), QStringLiteral("notice_list[1] email"), QStringLiteral("e-mail: failed - no route to host"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), notify);
        QCOMPARE(changed.first().at(1).toModelIndex(), notify);
        QCOMPARE(notify.data().toString(), QStringLiteral("Mattermost: sent; e-mail: failed - no route to host"));
        // A notifier's newer outcome replaces its older one.
        model->setNotificationOutcome(
            m_ids.at(0), QStringLiteral("notice_list[1] email"), QStringLiteral("e-mail: sent"));
        QCOMPARE(notify.data().toString(), QStringLiteral("Mattermost: sent; e-mail: sent"));
        QVERIFY(model->index(1, HistoryModel::NotifyColumn).data().toString().startsWith(QStringLiteral("de-dup")));
    }

    void filtersAndSorts()
    {
        HistoryPage page;
        loadInto(page, m_logs.path());
        HistoryFilterModel* filter = page.filterModel();
        filter->setEndpoint(QStringLiteral("GET /api/users/{id}"));
        QCOMPARE(filter->rowCount(), 2);
        filter->setEndpoint({});
        filter->setText(QStringLiteral("APP.JS"));
        QCOMPARE(filter->rowCount(), 1);
        filter->setText({});
        filter->setStatusClass(HistoryFilterModel::StatusClass::ServerError);
        QCOMPARE(filter->rowCount(), 1);
        QCOMPARE(filter->index(0, HistoryModel::UrlColumn).data().toString(), QStringLiteral("/api/users/2"));
        filter->setStatusClass(HistoryFilterModel::StatusClass::Any);
        filter->setDateRange(QDate(2026, 11, 21), QDate(2026, 11, 22)); // local dates: noon UTC stays that day here
        QCOMPARE(filter->rowCount(), 1);
        filter->setDateRange({}, {});
        QCOMPARE(filter->rowCount(), 3);

        // Duration sorts by the number, not by its text ("0.800 s" < "1.500 s" < "3.000 s" either way, so
        // descending order is checked against the raw values).
        page.table()->sortByColumn(HistoryModel::DurationColumn, Qt::DescendingOrder);
        QCOMPARE(filter->index(0, HistoryModel::UrlColumn).data().toString(), QStringLiteral("/api/users/2"));
        QCOMPARE(filter->index(2, HistoryModel::UrlColumn).data().toString(), QStringLiteral("/static/app.js"));
        page.table()->sortByColumn(HistoryModel::StatusColumn, Qt::AscendingOrder);
        QCOMPARE(filter->index(0, HistoryModel::StatusColumn).data().toInt(), 200);
    }

    void exportsAZip()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("reading the zip back needs python3 on PATH");
        HistoryPage page;
        loadInto(page, m_logs.path());
        page.selectReport(m_ids.at(1));
        QCOMPARE(page.selectedReportId(), m_ids.at(1));
        QTemporaryDir out;
        const QString zipPath = out.filePath(QStringLiteral("report.zip"));
        QSignalSpy exported(&page, &HistoryPage::exportFinished);
        page.exportSelectedTo(zipPath);
        QVERIFY(exported.wait(10000));
        QProcess check;
        check.start(python, { QStringLiteral("-m"), QStringLiteral("zipfile"), QStringLiteral("-t"), zipPath });
        QVERIFY(check.waitForFinished(30000));
        QCOMPARE(check.exitCode(), 0);
        QProcess list;
        list.start(python, { QStringLiteral("-m"), QStringLiteral("zipfile"), QStringLiteral("-l"), zipPath });
        QVERIFY(list.waitForFinished(30000));
        QVERIFY(QString::fromUtf8(list.readAllStandardOutput()).contains(m_ids.at(1) + QStringLiteral(".html")));
    }

    void previewsAndDeletes()
    {
        // A copy of the history, so the other tests keep their three reports.
        QTemporaryDir copy;
        for (const QString& name : QDir(m_logs.path()).entryList(QDir::Files))
            QVERIFY(QFile::copy(QDir(m_logs.path()).filePath(name), copy.filePath(name)));
        HistoryPage page;
        loadInto(page, copy.path());
        page.selectReport(m_ids.at(0));
        QTRY_COMPARE(page.preview()->url(), QUrl::fromLocalFile(copy.filePath(m_ids.at(0) + QStringLiteral(".html"))));

        QSignalSpy removed(&page, &HistoryPage::removeFinished);
        QSignalSpy loaded(&page, &HistoryPage::entriesLoaded);
        page.removeSelected();
        // The worker reloads right after removing: both signals may arrive in one pass of the event loop.
        QVERIFY(removed.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 10000);
        QCOMPARE(page.model()->rowCount(), 2);
        QCOMPARE(page.model()->rowOf(m_ids.at(0)), -1);
        for (const QString& name : reportFileNames(m_ids.at(0)))
            QVERIFY2(!QFile::exists(copy.filePath(name)), qPrintable(name));

        // Reindex rebuilds the same two rows from the files.
        QSignalSpy reindexed(&page, &HistoryPage::reindexFinished);
        page.reindex();
        QVERIFY(reindexed.wait(10000));
        QCOMPARE(reindexed.first().first().toLongLong(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 10000);
        QCOMPARE(page.model()->rowCount(), 2);
    }

    void anotherLogPathReplacesTheOld()
    {
        QTemporaryDir empty;
        HistoryPage page;
        QSignalSpy loaded(&page, &HistoryPage::entriesLoaded);
        page.setHistory(m_logs.path(), { 7, {} });
        QTest::qWait(50); // the first history may have been loaded and queued for the page by now
        page.setHistory(empty.path(), { 7, {} });
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && loaded.last().first().toInt() == 0, 10000);
        QTest::qWait(200);
        QCOMPARE(page.model()->rowCount(), 0); // nothing of the old log path arrives late
        QCOMPARE(loaded.last().first().toInt(), 0);
    }

    void cancelledReindexChangesNothing()
    {
        QTemporaryDir copy;
        for (const QString& name : QDir(m_logs.path()).entryList(QDir::Files))
            QVERIFY(QFile::copy(QDir(m_logs.path()).filePath(name), copy.filePath(name)));
        QVERIFY(QFile::remove(copy.filePath(m_ids.at(2) + QStringLiteral(".html")))); // the index no longer matches
        Result<std::unique_ptr<ReportHistory>> history = ReportHistory::open(copy.path(), { 7, {} });
        QVERIFY(history);
        const std::atomic_bool cancel = true;
        const Result<ReindexSummary> cancelled = (*history)->reindex({}, &cancel);
        QVERIFY(!cancelled);
        QVERIFY2(
            cancelled.error().message.contains(QStringLiteral("cancelled")), qPrintable(cancelled.error().message));
        QCOMPARE((*history)->entries()->size(), 3);
        QVERIFY((*history)->reindex({}, nullptr));
        QCOMPARE((*history)->entries()->size(), 2);
    }
};

QTEST_MAIN(TestHistoryPage)
#include "tst_historypage.moc"
