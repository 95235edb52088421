// Function watch under `web-perfmonitor record` (--watch NAME[=SECONDS]): the native test target's
// threads run known functions; a call that stays on a thread's stack longer than its threshold
// gets a report of that call, a short one gets none.

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
};

QTEST_GUILESS_MAIN(TestRecordWatch)
#include "tst_recordwatch.moc"
