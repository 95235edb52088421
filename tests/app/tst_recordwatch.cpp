// Function watch under `web-perfmonitor record` (--watch NAME[=SECONDS]): the native test target's
// threads run known functions; a call that stays on a thread's stack longer than its threshold
// gets a report of that call, a short one gets none. The same for a Python function (module:qualname)
// of a Flask app run by Debian's python3, in each python_sampling mode, beside its slow-request reports.

#include "FoldedReport.h"
#include "RecordingProcess.h"
#include "capture/FunctionWatcher.h"

#include <QTemporaryDir>
#include <QTest>

using namespace wpm;
using namespace wpm::test;

namespace {

const QString kExecutable = QStringLiteral(WPM_EXECUTABLE);
const QString kNativeTarget = QStringLiteral(WPM_NATIVE_TARGET);
const QString kApps = QStringLiteral(WPM_HTTP_APPS);
const QString kPython = QStringLiteral("/usr/bin/python3");

// The one report in logPath whose file name holds `marker`, with `suffix`; empty unless exactly one.
QString onlyReport(const QString& logPath, const QString& marker, const QString& suffix = QStringLiteral(".folded"))
{
    const QStringList found = QDir(logPath).entryList({ QStringLiteral("*") + marker + QStringLiteral("*") + suffix });
    return found.size() == 1 ? QDir(logPath).filePath(found.first()) : QString();
}

bool allPython(const FoldedReport& report)
{
    return report.share([](const FoldedReport::Stack& stack) {
        return std::ranges::all_of(stack.frames, [](const Frame& frame) { return frame.kind == FrameKind::Python; });
    }) == 1.0;
}

} // namespace

class TestRecordWatch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesMatchTheirOverloads()
    {
        QVERIFY(FunctionWatcher::matches(QStringLiteral("ns::f(int)"), QStringLiteral("ns::f")));
        QVERIFY(FunctionWatcher::matches(QStringLiteral("ns::f(int)"), QStringLiteral("ns::f(int)")));
        QVERIFY(FunctionWatcher::matches(QStringLiteral("views:index"), QStringLiteral("views:index")));
        QVERIFY(!FunctionWatcher::matches(QStringLiteral("ns::f(int)"), QStringLiteral("ns::f(long)")));
        QVERIFY(!FunctionWatcher::matches(QStringLiteral("ns::format(int)"), QStringLiteral("ns::f")));
        QVERIFY(!FunctionWatcher::matches(QStringLiteral("ns::f"), QStringLiteral("ns::f(int)")));
    }

    void pythonNamesMatchModuleAndQualname()
    {
        QVERIFY(FunctionWatcher::isPythonName(QStringLiteral("app:slow_view")));
        QVERIFY(!FunctionWatcher::isPythonName(QStringLiteral("ns::f")));
        QVERIFY(!FunctionWatcher::isPythonName(QStringLiteral(":f")));
        QVERIFY(!FunctionWatcher::isPythonName(QStringLiteral("a:b:c")));
        const PythonFrame view { QStringLiteral("Views.slow"), QStringLiteral("/srv/pkg/views.py"), 12 };
        QVERIFY(FunctionWatcher::matchesPython(view, QStringLiteral("pkg.views:Views.slow")));
        QVERIFY(FunctionWatcher::matchesPython(view, QStringLiteral("views:Views.slow")));
        QVERIFY(!FunctionWatcher::matchesPython(view, QStringLiteral("iews:Views.slow")));
        QVERIFY(!FunctionWatcher::matchesPython(view, QStringLiteral("other.views:Views.slow")));
        QVERIFY(!FunctionWatcher::matchesPython(view, QStringLiteral("views:slow")));
        QVERIFY(!FunctionWatcher::matchesPython(view, QStringLiteral("pkg::views")));
        const PythonFrame package { QStringLiteral("index"), QStringLiteral("pkg/__init__.py"), 3 };
        QVERIFY(FunctionWatcher::matchesPython(package, QStringLiteral("pkg:index")));
        // Before 3.11 a frame names the function alone: the qualname's last part stands for it.
        const PythonFrame old { QStringLiteral("slow"), QStringLiteral("/srv/pkg/views.py"), 12 };
        QVERIFY(FunctionWatcher::matchesPython(old, QStringLiteral("pkg.views:Views.slow")));
        QVERIFY(!FunctionWatcher::matchesPython(old, QStringLiteral("pkg.views:Views.slower")));
    }

    void longCallsAreReportedShortOnesAreNot()
    {
        QTemporaryDir logs;
        QVERIFY(logs.isValid());
        RecordingProcess recording;
        // The target serves no HTTP: an upstream is named so that record does not wait for one.
        QVERIFY2(recording.start(kExecutable,
                     { QStringLiteral("--upstream"), QStringLiteral("127.0.0.1:9"), QStringLiteral("--duration"),
                         QStringLiteral("2"), QStringLiteral("--watch"), QStringLiteral("wpm_target::chainLevel07=0.5"),
                         QStringLiteral("--watch"), QStringLiteral("wpm_target::churnWorker(int)=0.3") },
                     logs.path(), { kNativeTarget, QStringLiteral("--no-signals") }),
            qPrintable(recording.output));
        QVERIFY(recording.process.waitForFinished(20000));
        recording.output += QString::fromUtf8(recording.process.readAll());
        QCOMPARE(recording.process.exitCode(), 0);

        // chainLevel07 never returns: one call, as long as the recording, ended by its end.
        const QStringList reports = QDir(logs.path()).entryList({ QStringLiteral("*.folded") });
        QVERIFY2(reports.size() == 1, qPrintable(recording.tail()));
        QVERIFY(reports.first().contains(QStringLiteral("_CALL_wpm_target_chainLevel07_")));
        static const QRegularExpression line(
            QStringLiteral("Long call: wpm_target::chainLevel07 stayed ([0-9.]+) s on thread (\\d+)"));
        const QRegularExpressionMatch match = line.match(recording.output);
        QVERIFY2(match.hasMatch(), qPrintable(recording.tail()));
        QVERIFY2(match.captured(1).toDouble() >= 1.0, qPrintable(match.captured(0)));

        // The report holds that call: every sample under chainLevel07, its callees below it.
        const FoldedReport report = FoldedReport::read(QDir(logs.path()).filePath(reports.first()));
        QVERIFY(report.total > 0);
        QCOMPARE(report.shareUnder(QStringLiteral("wpm_target::chainLevel07(int)")), 1.0);
        QVERIFY(report.shareUnder(QStringLiteral("wpm_target::chainLevel20(int)")) > 0.9);
        QVERIFY2(!recording.output.contains(QStringLiteral("churnWorker")), qPrintable(recording.tail()));
    }

    void pythonWatchOnFlask_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("mixed") << QStringLiteral("mixed");
        QTest::newRow("nonblocking") << QStringLiteral("nonblocking");
    }

    void pythonWatchOnFlask()
    {
        QFETCH(QString, mode);
        if (!QFile::exists(kPython) || !pythonImports(kPython, { QStringLiteral("flask") }))
            QSKIP(qPrintable(kPython + QStringLiteral(" cannot import flask: install Debian's python3-flask")));
        QTemporaryDir logs;
        QVERIFY(logs.isValid());
        RecordingProcess recording;
        QVERIFY2(
            recording.start(kExecutable,
                { QStringLiteral("--threshold-seconds"), QStringLiteral("0.5"), QStringLiteral("--python-sampling"),
                    mode, QStringLiteral("--watch"), QStringLiteral("handler_work:burn_cpu=0.3") },
                logs.path(),
                { kPython, QStringLiteral("-m"), QStringLiteral("flask"), QStringLiteral("--app"),
                    kApps + QStringLiteral("/flask_app.py"), QStringLiteral("run"), QStringLiteral("--port"),
                    QStringLiteral("0") }),
            qPrintable(recording.output));
        QTest::qWait(1200); // the server idling: how its threads wait when not serving

        const HttpAnswer longCall = httpGet(recording.port, "/cpu?ms=900");
        QCOMPARE(longCall.status, 200);
        QCOMPARE(httpGet(recording.port, "/cpu?ms=100").status, 200); // shorter than the watch's 0.3 s
        QCOMPARE(httpGet(recording.port, "/sleep?ms=700").status, 200);
        QTest::qWait(500);
        QCOMPARE(recording.stop(), 0);

        // One long call of burn_cpu, on the thread that served /cpu?ms=900, its tree all under burn_cpu.
        QCOMPARE(QDir(logs.path()).entryList({ QStringLiteral("*_CALL_*.folded") }).size(), 1);
        static const QRegularExpression line(
            QStringLiteral("Long call: handler_work:burn_cpu stayed ([0-9.]+) s on thread (\\d+)"));
        const QRegularExpressionMatch match = line.match(recording.output);
        QVERIFY2(match.hasMatch(), qPrintable(recording.tail()));
        QVERIFY2(match.captured(1).toDouble() >= 0.8, qPrintable(match.captured(0)));
        QCOMPARE(match.captured(2).toLongLong(), bodyField(longCall.body, "tid"));
        const FoldedReport call = FoldedReport::read(onlyReport(logs.path(), QStringLiteral("_CALL_")));
        QVERIFY(call.total > 0);
        QCOMPARE(call.shareUnder(QStringLiteral("burn_cpu")), 1.0);
        QCOMPARE(call.shareUnder(QStringLiteral("cpu_bound")), 1.0);

        // The slow requests' reports hold their handlers, with native frames only when asked for.
        const FoldedReport cpu = FoldedReport::read(onlyReport(logs.path(), QStringLiteral("_GET_cpu_")));
        const FoldedReport sleep = FoldedReport::read(onlyReport(logs.path(), QStringLiteral("_GET_sleep_")));
        qInfo("%s: the call %.0f%% under burn_cpu (%llu samples); /cpu %.0f%% under cpu_bound, /sleep %.0f%% under "
              "sleep_bound",
            qPrintable(mode), call.shareUnder(QStringLiteral("burn_cpu")) * 100, qulonglong(call.total),
            cpu.shareUnder(QStringLiteral("cpu_bound")) * 100, sleep.shareUnder(QStringLiteral("sleep_bound")) * 100);
        QVERIFY2(cpu.shareUnder(QStringLiteral("cpu_bound")) >= 0.9, qPrintable(recording.tail()));
        QVERIFY2(sleep.shareUnder(QStringLiteral("sleep_bound")) >= 0.9, qPrintable(recording.tail()));
        QCOMPARE(allPython(sleep), mode == QStringLiteral("nonblocking"));
    }
};

QTEST_GUILESS_MAIN(TestRecordWatch)
#include "tst_recordwatch.moc"
