// The workbench at work: the main window launches the real demo server (python3), its console shows
// up, a request through the proxy lands in the requests table, demo traffic makes slow requests whose
// reports are written and shown, the live flame graph page receives changing profiles, and the status
// bar shows the sampler's figures.

#include "../views/PageScript.h"
#include "ConsoleView.h"
#include "DarkPalette.h"
#include "DemoServer.h"
#include "FlameGraphView.h"
#include "HistoryModel.h"
#include "HistoryPage.h"
#include "LivePage.h"
#include "MainWindow.h"
#include "RequestsModel.h"
#include "SamplingStatusWidget.h"
#include "TargetPage.h"
#include "Translations.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEngineView>

using namespace wpm;

namespace {

QVariant evaluate(QWebEngineView* view, const QString& script)
{
    return evaluateInPage(view->page(), script);
}

// A string of the window as the user sees it (translated when WPM_SCREENSHOT_LANG chose a language).
QString shown(const char* context, const char* source, int n = -1)
{
    return QCoreApplication::translate(context, source, nullptr, n);
}

// With WPM_SCREENSHOT_DIR set, the window is saved there as <name>.png (for the README and reviews;
// scripts/screenshots.sh runs this test under Xvfb: in English, with WPM_SCREENSHOT_LANG=zh_CN, and with
// WPM_SCREENSHOT_PALETTE=dark).
void screenshot(QWidget& window, const QString& name)
{
    const QString directory = qEnvironmentVariable("WPM_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        window.grab().save(QDir(directory).filePath(name + QStringLiteral(".png")));
}

} // namespace

class TestMainWindowRecording : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("the demo server needs python3 on PATH");
        QStandardPaths::setTestModeEnabled(true); // settings and the demo's folder away from the user's
        QSettings().clear();
        if (qEnvironmentVariable("WPM_SCREENSHOT_PALETTE") == QLatin1String("dark")) // before any widget exists
            QApplication::setPalette(test::darkPalette());
        if (const QString language = qEnvironmentVariable("WPM_SCREENSHOT_LANG"); !language.isEmpty()) {
            const Result<QString> installed = installTranslations(*qApp, language);
            QVERIFY2(installed.ok(), qPrintable(installed ? QString() : installed.error().message));
        }
    }

    void demoRecordsRequestsLive()
    {
        QTemporaryDir logs;
        QVERIFY(logs.isValid());
        MonitorConfig config;
        config.logPath = logs.path();
        config.thresholdSeconds = 0.5;
        MainWindow window(config);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // First start: the demo is offered; launching it records the real demo server.
        auto* offer = window.findChild<QPushButton*>(QStringLiteral("demoOfferLaunch"));
        QVERIFY(offer);
        offer->click();
        QVERIFY(window.isRecording());
        QTRY_VERIFY_WITH_TIMEOUT(!window.targetPage()->proxyUrl().isEmpty(), 30000);
        QVERIFY(window.targetPage()->message().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            window.targetPage()->console()->text().contains(QStringLiteral("demo server listening on")), 10000);
        QVERIFY(!QSettings().value(QStringLiteral("welcome/demoOffered")).toString().isEmpty());

        // One request of ours through the proxy: a row in the table, and a log line in the console.
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QNetworkReply* reply = network.get(QNetworkRequest(QUrl(window.targetPage()->proxyUrl() + "fast?from=test")));
        QSignalSpy replied(reply, &QNetworkReply::finished);
        QVERIFY(replied.wait(10000));
        QCOMPARE(reply->readAll(), QByteArray("{\"ok\": true}"));
        RequestsModel* requests = window.livePage()->requestsModel();
        QTRY_COMPARE_WITH_TIMEOUT(requests->rowCount(), 1, 5000);
        QCOMPARE(requests->index(0, RequestsModel::MethodColumn).data().toString(), QStringLiteral("GET"));
        QCOMPARE(requests->index(0, RequestsModel::UrlColumn).data().toString(), QStringLiteral("/fast?from=test"));
        QCOMPARE(requests->index(0, RequestsModel::StatusColumn).data().toString(), QStringLiteral("200"));
        QVERIFY(!requests->index(0, 0).data(RequestsModel::IsSlowRole).toBool());
        QTRY_VERIFY(
            window.targetPage()->console()->text().contains(QStringLiteral("\"GET /fast?from=test HTTP/1.1\" 200")));

        // The live flame graph receives snapshots, and they change while the server runs.
        FlameGraphView* flame = window.livePage()->flameGraph();
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluate(flame, QStringLiteral("window.wpmLive ? wpmLive.totalSamples : 0")).toInt() > 0, 15000);
        const int firstSamples = evaluate(flame, QStringLiteral("wpmLive.totalSamples")).toInt();
        QTRY_VERIFY_WITH_TIMEOUT(evaluate(flame, QStringLiteral("wpmLive.totalSamples")).toInt() > firstSamples, 5000);
        QVERIFY(evaluate(flame, QStringLiteral("wpmLive.nodes")).toInt() > 1);
        screenshot(window, QStringLiteral("target-page"));

        // The status bar shows the sampler's figures.
        QTRY_VERIFY_WITH_TIMEOUT(!window.samplingStatus()->rateText().isEmpty(), 5000);
        QVERIFY(window.samplingStatus()->samplesText().endsWith(
            shown("wpm::SamplingStatusWidget", "%n sample(s)", 1000).remove(QStringLiteral("1000"))));

        // Demo traffic: every endpoint once; the slow ones get a report that the details pane shows.
        window.sendDemoTraffic();
        const int sent = 1 + int(DemoTraffic::paths().size());
        QTRY_COMPARE_WITH_TIMEOUT(requests->rowCount(), sent, 30000);
        int cpuRow = -1;
        for (int row = 0; row < requests->rowCount(); ++row) {
            if (requests->index(row, RequestsModel::UrlColumn).data().toString() == QLatin1String("/cpu"))
                cpuRow = row;
        }
        QVERIFY(cpuRow >= 0);
        QVERIFY(requests->index(cpuRow, 0).data(RequestsModel::IsSlowRole).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(
            !requests->index(cpuRow, 0).data(RequestsModel::ReportPathRole).toString().isEmpty(), 15000);
        const QString report = requests->index(cpuRow, 0).data(RequestsModel::ReportPathRole).toString();
        QVERIFY2(QFileInfo(report).dir() == QDir(logs.path()), qPrintable(report));
        window.livePage()->requestsTable()->setCurrentIndex(requests->index(cpuRow, 0));
        QWebEngineView* details = window.livePage()->reportView();
        QTRY_VERIFY_WITH_TIMEOUT(details->isVisible() && details->url() == QUrl::fromLocalFile(report), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluate(details, QStringLiteral("window.wpmReport ? wpmReport.tree.totalSamples : 0")).toInt() > 0, 15000);
        QCOMPARE(evaluate(details, QStringLiteral("wpmReport.tree.meta.url")).toString(), QStringLiteral("/cpu"));
        screenshot(window, QStringLiteral("live-page"));

        // The window's report is in the history, with its de-duplication decision, and the History page shows it.
        HistoryModel* history = window.historyPage()->model();
        const QString reportId = QFileInfo(report).completeBaseName();
        QTRY_VERIFY_WITH_TIMEOUT(history->rowOf(reportId) >= 0, 10000);
        const HistoryEntry* entry = history->entry(history->rowOf(reportId));
        QCOMPARE(entry->url, QStringLiteral("/cpu"));
        QCOMPARE(entry->endpoint, QStringLiteral("GET /cpu"));
        QVERIFY(entry->durationS > config.thresholdSeconds);
        QCOMPARE(history->index(history->rowOf(reportId), HistoryModel::NotifyColumn).data().toString(),
            shown("wpm::HistoryModel", "notified"));

        // "Selected request": the flame graph shows that request's window only.
        const int allSamples = evaluate(flame, QStringLiteral("wpmLive.totalSamples")).toInt();
        window.livePage()->sourceCombo()->setCurrentIndex(LivePage::SelectedRequest);
        QTRY_VERIFY_WITH_TIMEOUT(evaluate(flame, QStringLiteral("wpmLive.totalSamples")).toInt() < allSamples, 5000);

        // "Selected thread": one of the sampled threads, listed from the snapshots.
        auto* threads = window.livePage()->findChildren<QComboBox*>().value(1);
        QVERIFY(threads && threads != window.livePage()->sourceCombo());
        QVERIFY(threads->count() >= 2); // the demo's main thread and a handler thread at least
        const int requestSamples = evaluate(flame, QStringLiteral("wpmLive.totalSamples")).toInt();
        window.livePage()->sourceCombo()->setCurrentIndex(LivePage::SelectedThread);
        QVERIFY(threads->isEnabled());
        QCOMPARE(window.livePage()->currentSource().thread,
            std::optional<pid_t>(pid_t(threads->currentData().toLongLong())));
        // A thread's samples keep growing while the request's window is fixed.
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluate(flame, QStringLiteral("wpmLive.totalSamples")).toInt() != requestSamples, 5000);
        QVERIFY(evaluate(flame, QStringLiteral("wpmLive.totalSamples")).toInt() > 0);

        // The History page previews the window's report.
        window.findChild<QTabWidget*>()->setCurrentWidget(window.historyPage());
        window.historyPage()->selectReport(reportId);
        QWebEngineView* preview = window.historyPage()->preview();
        QTRY_COMPARE_WITH_TIMEOUT(preview->url(), QUrl::fromLocalFile(report), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluate(preview, QStringLiteral("window.wpmReport ? wpmReport.tree.totalSamples : 0")).toInt() > 0, 15000);
        screenshot(window, QStringLiteral("history-page"));

        QSignalSpy stopped(&window, &MainWindow::recordingStopped);
        window.stopRecording();
        QVERIFY(stopped.wait(15000));
        QVERIFY(!window.isRecording());
        QString notRecording = shown("wpm::MainWindow", "Not recording (%1)");
        notRecording.truncate(notRecording.indexOf(QLatin1String("%1"))); // the reason follows
        QVERIFY2(window.statusBar()->currentMessage().startsWith(notRecording),
            qPrintable(window.statusBar()->currentMessage()));
    }
};

QTEST_MAIN(TestMainWindowRecording)
#include "tst_mainwindow_recording.moc"
