// bench_gui_latency: how long the workbench's GUI thread is kept from its event loop while recording.
// Opens the main window (offscreen unless a display is given) on the Live page; a 2 ms timer measures by
// how much each of its ticks is late (time the GUI thread could not run), first for N s with the window
// idle (the machine's own noise), then for N s recording the demo server at the asked sampling rate
// while demo traffic is sent round after round.
// Goal (issue 8): never blocked longer than 50 ms. Last line: one JSON object.
//
// Usage: bench_gui_latency [--seconds N] [--rate HZ]

#include "DemoServer.h"
#include "FlameGraphView.h"
#include "LivePage.h"
#include "MainWindow.h"
#include "SamplingStatusWidget.h"
#include "TargetPage.h"
#include "WorkbenchSession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace wpm;

namespace {

double percentile(QList<double> values, double share)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(share * double(values.size()))));
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (geteuid() == 0)
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1"); // Chromium refuses root otherwise
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // leaves the user's settings alone
    int seconds = 20;
    int rate = 1000;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args.at(i) == QLatin1String("--seconds"))
            seconds = std::max(1, args.at(i + 1).toInt());
        else if (args.at(i) == QLatin1String("--rate"))
            rate = std::max(1, args.at(i + 1).toInt());
    }

    QTemporaryDir logs;
    MonitorConfig config;
    config.logPath = logs.path();
    config.samplingRateHz = rate;
    config.thresholdSeconds = 0.5;
    MainWindow window(config);
    window.resize(1400, 900);
    window.show();
    window.findChild<QTabWidget*>()->setCurrentWidget(window.livePage());

    // The probe: a 2 ms timer; by how much each tick is late is time the GUI thread could not run.
    constexpr int kProbeMs = 2;
    QList<double> idleLateMs; // baseline: the same window, not recording (the machine's own noise)
    QList<double> recordingLateMs;
    QList<double>* lateMs = &idleLateMs;
    QElapsedTimer clock;
    qint64 previous = -1;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (previous >= 0)
            lateMs->append(std::max(0.0, double(now - previous) / 1e6 - kProbeMs));
        previous = now;
    });
    const auto measure = [&](QList<double>* into) {
        lateMs = into;
        previous = -1;
        clock.start();
        probe.start(kProbeMs);
    };

    int rounds = 0;
    quint64 snapshots = 0;
    int nodes = 0; // call-tree nodes of the last flame graph on screen
    QString achieved; // the status bar's rate at the end
    QTimer traffic; // another round whenever the last one is answered
    QObject::connect(&traffic, &QTimer::timeout, &app, [&] {
        if (!window.findChild<DemoTraffic*>()->isSending()) {
            window.sendDemoTraffic();
            ++rounds;
        }
    });
    const auto finish = [&] {
        probe.stop();
        traffic.stop();
        achieved = window.samplingStatus()->rateText();
        if (LiveProfiler* live = window.session() ? window.session()->liveProfiler() : nullptr)
            snapshots = live->snapshots();
        window.livePage()->flameGraph()->page()->runJavaScript(
            QStringLiteral("window.wpmLive ? wpmLive.nodes : 0"), [&](const QVariant& value) {
                nodes = value.toInt();
                window.stopRecording();
            });
    };
    QTimer ready; // recording is measured from the moment the proxy runs
    QObject::connect(&ready, &QTimer::timeout, &app, [&] {
        if (window.targetPage()->proxyUrl().isEmpty())
            return;
        ready.stop();
        measure(&recordingLateMs);
        traffic.start(100);
        QTimer::singleShot(seconds * 1000, &app, finish);
    });
    QTimer::singleShot(2000, &app, [&] { measure(&idleLateMs); }); // once the page has loaded
    QTimer::singleShot(2000 + seconds * 1000, &app, [&] {
        probe.stop();
        window.launchDemo();
        ready.start(50);
    });
    QObject::connect(&window, &MainWindow::recordingStopped, &app, &QApplication::quit);
    QTimer::singleShot((2 * seconds + 60) * 1000, &app, &QApplication::quit); // the demo never listened
    app.exec();

    const auto report = [](const char* name, const QList<double>& late) {
        const double maxMs = late.isEmpty() ? 0 : *std::max_element(late.begin(), late.end());
        const auto over50 = std::count_if(late.begin(), late.end(), [](double ms) { return ms > 50; });
        std::printf("%-9s lateness: median %.2f ms, p99 %.2f ms, max %.2f ms; %lld of %lld ticks later than 50 ms\n",
            name, percentile(late, 0.5), percentile(late, 0.99), maxMs, static_cast<long long>(over50),
            static_cast<long long>(late.size()));
        return QStringLiteral("{\"median\":%1,\"p99\":%2,\"max\":%3,\"over_50ms\":%4}")
            .arg(percentile(late, 0.5), 0, 'f', 2)
            .arg(percentile(late, 0.99), 0, 'f', 2)
            .arg(maxMs, 0, 'f', 2)
            .arg(over50);
    };
    std::printf("%d s idle, then %d s recording the demo (%d traffic rounds), sampling %s; %llu live snapshots, "
                "the last one %d nodes\n",
        seconds, seconds, rounds, qPrintable(achieved), static_cast<unsigned long long>(snapshots), nodes);
    const QString idle = report("idle", idleLateMs);
    const QString recording = report("recording", recordingLateMs);
    std::printf("{\"idle_ms\":%s,\"recording_ms\":%s,\"rate_hz\":%d,\"snapshots\":%llu,\"nodes\":%d}\n",
        qPrintable(idle), qPrintable(recording), rate, static_cast<unsigned long long>(snapshots), nodes);
    return recordingLateMs.isEmpty() ? 1 : 0;
}
