// Notification outcomes shown as they arrive: the window records the real demo server with two real
// `command` notifiers (tests/targets/notify/record_notification.sh, which succeeds, and one that fails); a
// slow request's report is written and the window's console, status bar and History row show "command:
// sent" and "command: failed - <why>". A second slow request of the same endpoint within the alert window
// shows "suppressed by the alert window".

#include "ConsoleView.h"
#include "HistoryModel.h"
#include "HistoryPage.h"
#include "LivePage.h"
#include "MainWindow.h"
#include "RequestsModel.h"
#include "TargetPage.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace wpm;
using namespace Qt::StringLiterals;

namespace {

NotifierSettings commandNotifier(const QStringList& argv)
{
    return { u"command"_s, QJsonObject { { u"argv"_s, QJsonArray::fromStringList(argv) } } };
}

} // namespace

class TestMainWindowNotify : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"python3"_s).isEmpty())
            QSKIP("the demo server needs python3 on PATH");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QSettings().setValue(u"welcome/demoOffered"_s, true);
    }

    void outcomesShowAsTheyArrive()
    {
        QTemporaryDir logs;
        QTemporaryDir notified; // what record_notification.sh writes
        QVERIFY(logs.isValid() && notified.isValid());
        qputenv("OUT_DIR", QFile::encodeName(notified.path())); // the launched notifier inherits it
        MonitorConfig config;
        config.logPath = logs.path();
        config.thresholdSeconds = 0.5;
        config.alertWindowDays = 1;
        config.noticeList = { commandNotifier({ u"/bin/sh"_s, QStringLiteral(WPM_RECORD_NOTIFICATION) }),
            commandNotifier({ u"/bin/sh"_s, u"-c"_s, u"echo ticket system unreachable >&2; exit 3"_s }) };
        MainWindow window(config);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.launchDemo();
        QTRY_VERIFY_WITH_TIMEOUT(!window.targetPage()->proxyUrl().isEmpty(), 30000);

        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        const auto slowRequest = [&] {
            QNetworkReply* reply = network.get(QNetworkRequest(QUrl(window.targetPage()->proxyUrl() + u"cpu"_s)));
            QSignalSpy replied(reply, &QNetworkReply::finished);
            QVERIFY(replied.wait(15000));
            QCOMPARE(reply->error(), QNetworkReply::NoError);
            reply->deleteLater();
        };
        const auto reportOfRow = [&](int row) {
            const QModelIndex index = window.livePage()->requestsModel()->index(row, 0);
            return QFileInfo(index.data(RequestsModel::ReportPathRole).toString()).completeBaseName();
        };
        ConsoleView* console = window.targetPage()->console();
        HistoryModel* history = window.historyPage()->model();
        const auto notifyColumn = [&](const QString& reportId) {
            return history->index(history->rowOf(reportId), HistoryModel::NotifyColumn).data().toString();
        };

        // The first slow request notifies: one notifier sends, the other fails, each shown as it arrives.
        slowRequest();
        QTRY_VERIFY_WITH_TIMEOUT(!reportOfRow(0).isEmpty(), 15000);
        const QString first = reportOfRow(0);
        QTRY_VERIFY_WITH_TIMEOUT(console->text().contains(u"command: sent"_s), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(console->text().contains(u"command: failed - "_s)
                && console->text().contains(u"ticket system unreachable"_s),
            15000);
        QVERIFY(QFile::exists(notified.filePath(u"stdin"_s))); // the notifier really ran
        QVERIFY2(window.statusBar()->currentMessage().startsWith(u"command: "_s),
            qPrintable(window.statusBar()->currentMessage()));
        QTRY_VERIFY_WITH_TIMEOUT(history->rowOf(first) >= 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            notifyColumn(first).contains(u"command: sent"_s) && notifyColumn(first).contains(u"command: failed - "_s),
            10000);

        // The same endpoint again, within the alert window: suppressed, and shown so.
        slowRequest();
        QTRY_VERIFY_WITH_TIMEOUT(!reportOfRow(1).isEmpty(), 15000);
        const QString second = reportOfRow(1);
        QVERIFY(second != first);
        QTRY_VERIFY_WITH_TIMEOUT(console->text().contains(u"command: suppressed by the alert window"_s), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(history->rowOf(second) >= 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(notifyColumn(second), u"command: suppressed by the alert window"_s, 10000);
        QVERIFY(!notifyColumn(first).contains(u"suppressed"_s)); // each row shows its own report's outcomes

        QSignalSpy stopped(&window, &MainWindow::recordingStopped);
        window.stopRecording();
        QVERIFY(stopped.wait(20000));
    }
};

QTEST_MAIN(TestMainWindowNotify)
#include "tst_mainwindow_notify.moc"
