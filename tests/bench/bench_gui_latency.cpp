// bench_gui_latency: how long the workbench's GUI thread is kept from its event loop while recording.
// Opens the main window (offscreen unless a display is given) on the Live page; a 2 ms timer measures by
// how much each of its ticks is late (time the GUI thread could not run), first for N s with the window
// idle (the machine's own noise), then for N s recording tests/targets/http/wide_tree_app.py at the asked
// sampling rate while demo traffic is sent round after round. The recorded phase starts once the live flame
// graph on screen holds at least 20,000 nodes (the goal's size); fewer at its end fails the benchmark.
// Goal (issue 8): never blocked longer than 50 ms. Last line: one JSON object.
//
// The sampler's overhead budget (max_performance_overhead, default 5%) would hold the rate far below 1 kHz on
// a busy machine; the benchmark lifts it (--max-overhead, default 0.5) so that the rate asked is the rate run.
//
// Usage: bench_gui_latency [--seconds N] [--rate HZ] [--max-overhead FRACTION]

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

#include <fcntl.h>
#include <functional>
#include <unistd.h>

using namespace wpm;

namespace {

constexpr int kGoalNodes = 20000;
constexpr int kGrowSeconds = 90; // at most, for the flame graph to reach kGoalNodes once the proxy runs

// One probe tick: by how much it was late, and how the GUI thread spent that interval, from its schedstat
// (time on a CPU, time runnable but waiting for one); the rest of the interval it was blocked or asleep.
struct Tick {
    double lateMs = 0;
    double runningMs = 0;
    double waitingMs = 0;
};

// The calling thread's schedstat: nanoseconds on a CPU and waiting for one.
std::pair<qint64, qint64> threadSchedstat(int fd)
{
    char text[128] = {};
    if (::pread(fd, text, sizeof text - 1, 0) <= 0)
        return { 0, 0 };
    qint64 running = 0;
    qint64 waiting = 0;
    std::sscanf(text, "%lld %lld", &running, &waiting);
    return { running, waiting };
}

QList<double> field(const QList<Tick>& ticks, double Tick::*member)
{
    QList<double> values;
    for (const Tick& tick : ticks)
        values.append(tick.*member);
    return values;
}

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
    double maxOverhead = 0.5;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args.at(i) == QLatin1String("--seconds"))
            seconds = std::max(1, args.at(i + 1).toInt());
        else if (args.at(i) == QLatin1String("--rate"))
            rate = std::max(1, args.at(i + 1).toInt());
        else if (args.at(i) == QLatin1String("--max-overhead"))
            maxOverhead = std::clamp(args.at(i + 1).toDouble(), 0.01, 0.99);
    }

    QTemporaryDir logs;
    MonitorConfig config;
    config.logPath = logs.path();
    config.samplingRateHz = rate;
    config.maxPerformanceOverhead = maxOverhead;
    config.thresholdSeconds = 0.5;
    MainWindow window(config);
    window.resize(1400, 900);
    window.show();
    window.findChild<QTabWidget*>()->setCurrentWidget(window.livePage());

    // The probe: a 2 ms timer; by how much each tick is late is time the GUI thread could not run.
    constexpr int kProbeMs = 2;
    QList<Tick> idleTicks; // baseline: the same window, not recording (the machine's own noise)
    QList<Tick> recordingTicks;
    QList<Tick>* ticks = &idleTicks;
    const int schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    QElapsedTimer clock;
    qint64 previous = -1;
    std::pair<qint64, qint64> previousSched;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        const std::pair<qint64, qint64> sched = threadSchedstat(schedstat);
        if (previous >= 0) {
            ticks->append({ std::max(0.0, double(now - previous) / 1e6 - kProbeMs),
                double(sched.first - previousSched.first) / 1e6, double(sched.second - previousSched.second) / 1e6 });
        }
        previous = now;
        previousSched = sched;
    });
    const auto measure = [&](QList<Tick>* into) {
        ticks = into;
        previous = -1;
        clock.start();
        probe.start(kProbeMs);
    };

    int rounds = 0;
    quint64 snapshots = 0;
    int startNodes = 0; // call-tree nodes of the flame graph on screen when the recorded phase starts
    int nodes = 0; // ... and when it ends
    QString achieved; // the status bar's rate at the end
    SamplerStats atStart; // the sampler's counters when the recorded phase starts, and at its end
    SamplerStats atEnd;
    const auto samplerStats
        = [&] { return window.session() ? window.session()->recording()->server()->stats() : SamplerStats {}; };
    FlameGraphView* flame = window.livePage()->flameGraph();
    const auto readNodes = [&](const std::function<void(int)>& then) {
        flame->page()->runJavaScript(QStringLiteral("window.wpmLive ? wpmLive.nodes : 0"),
            [then](const QVariant& value) { then(value.toInt()); });
    };
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
        atEnd = samplerStats();
        if (LiveProfiler* live = window.session() ? window.session()->liveProfiler() : nullptr)
            snapshots = live->snapshots() - snapshots;
        readNodes([&](int count) {
            nodes = count;
            window.stopRecording();
        });
    };
    QTimer grown; // the recorded phase starts once the flame graph on screen is the goal's size
    QElapsedTimer growing;
    QObject::connect(&grown, &QTimer::timeout, &app, [&] {
        readNodes([&](int count) {
            if (!grown.isActive())
                return; // an answer to an earlier poll
            if (count < kGoalNodes && growing.elapsed() < kGrowSeconds * 1000)
                return;
            grown.stop();
            startNodes = count;
            atStart = samplerStats();
            if (LiveProfiler* live = window.session() ? window.session()->liveProfiler() : nullptr)
                snapshots = live->snapshots();
            measure(&recordingTicks);
            QTimer::singleShot(seconds * 1000, &app, finish);
        });
    });
    QTimer ready; // traffic starts once the proxy runs
    QObject::connect(&ready, &QTimer::timeout, &app, [&] {
        if (window.targetPage()->proxyUrl().isEmpty())
            return;
        ready.stop();
        traffic.start(100);
        growing.start();
        grown.start(500);
    });
    QTimer::singleShot(2000, &app, [&] { measure(&idleTicks); }); // once the page has loaded
    QTimer::singleShot(2000 + seconds * 1000, &app, [&] {
        probe.stop();
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        window.startRecording(0, LaunchSpec { { python, QStringLiteral(WPM_WIDE_TREE_APP) }, {} });
        ready.start(50);
    });
    QString stopReason; // why the recording stopped, and what the Target page said
    QObject::connect(&window, &MainWindow::recordingStopped, &app, [&](const QString& reason) {
        stopReason = window.targetPage()->message().isEmpty()
            ? reason
            : reason + QStringLiteral(": ") + window.targetPage()->message();
        app.quit();
    });
    QTimer::singleShot((2 * seconds + kGrowSeconds + 60) * 1000, &app, &QApplication::quit); // it never listened
    app.exec();

    // Lateness is the GUI thread kept from its event loop: by its own work (running), or by the machine
    // (waiting for a CPU, or blocked). Running longer than 50 ms in one interval is the workbench's fault.
    const auto report = [](const char* name, const QList<Tick>& measured) {
        const QList<double> late = field(measured, &Tick::lateMs);
        const QList<double> running = field(measured, &Tick::runningMs);
        const double maxLate = late.isEmpty() ? 0 : *std::max_element(late.begin(), late.end());
        const double maxRunning = running.isEmpty() ? 0 : *std::max_element(running.begin(), running.end());
        const auto over50 = std::count_if(late.begin(), late.end(), [](double ms) { return ms > 50; });
        const auto running50 = std::count_if(running.begin(), running.end(), [](double ms) { return ms > 50; });
        double overRunning = 0; // how the ticks later than 50 ms were spent
        double overWaiting = 0;
        double overLate = 0;
        for (const Tick& tick : measured) {
            if (tick.lateMs > 50) {
                overLate += tick.lateMs;
                overRunning += tick.runningMs;
                overWaiting += tick.waitingMs;
            }
        }
        std::printf("%-9s lateness: median %.2f ms, p99 %.2f ms, max %.2f ms; %lld of %lld ticks later than 50 ms "
                    "(%.0f ms late in all: GUI thread running %.0f ms, waiting for a CPU %.0f ms, blocked %.0f ms); "
                    "longest run between two ticks %.2f ms, %lld longer than 50 ms\n",
            name, percentile(late, 0.5), percentile(late, 0.99), maxLate, static_cast<long long>(over50),
            static_cast<long long>(late.size()), overLate, overRunning, overWaiting,
            std::max(0.0, overLate - overRunning - overWaiting), maxRunning, static_cast<long long>(running50));
        return QStringLiteral("{\"median\":%1,\"p99\":%2,\"max\":%3,\"over_50ms\":%4,\"max_running\":%5,"
                              "\"running_over_50ms\":%6}")
            .arg(percentile(late, 0.5), 0, 'f', 2)
            .arg(percentile(late, 0.99), 0, 'f', 2)
            .arg(maxLate, 0, 'f', 2)
            .arg(over50)
            .arg(maxRunning, 0, 'f', 2)
            .arg(running50);
    };
    const double achievedHz = double(atEnd.ticks - atStart.ticks) / seconds;
    std::printf(
        "%d s idle, then %d s recording wide_tree_app.py (%d traffic rounds): %.0f sampling ticks a second "
        "(asked %d; the status bar said \"%s\" at the end, overhead %.1f%%); %llu live snapshots; flame graph on "
        "screen: %d nodes at the start, %d at the end\n",
        seconds, seconds, rounds, achievedHz, rate, qPrintable(achieved), atEnd.overhead * 100,
        static_cast<unsigned long long>(snapshots), startNodes, nodes);
    const QString idle = report("idle", idleTicks);
    const QString recording = report("recording", recordingTicks);
    if (std::min(startNodes, nodes) < kGoalNodes)
        std::fprintf(
            stderr, "FAILED: the flame graph on screen held fewer than %d nodes while recording\n", kGoalNodes);
    std::printf("{\"idle_ms\":%s,\"recording_ms\":%s,\"rate_hz\":%d,\"achieved_hz\":%.0f,\"snapshots\":%llu,"
                "\"nodes_start\":%d,\"nodes_end\":%d}\n",
        qPrintable(idle), qPrintable(recording), rate, achievedHz, static_cast<unsigned long long>(snapshots),
        startNodes, nodes);
    return recordingTicks.isEmpty() || std::min(startNodes, nodes) < kGoalNodes ? 1 : 0;
}
