// The sampler against a real multi-threaded target: complete, ordered, demangled stacks for every
// kind of thread; signals and thread churn survived; child processes followed; the target left
// running and untraced; errors before "running"; Python frames only asked of a native target: native stacks; vDSO
// frames named.

#include "SamplerRecording.h"
#include "StackChecks.h"
#include "TargetProcess.h"
#include "TargetThreads.h"
#include "sampling/Sampler.h"
#include "symbols/Symbolizer.h"
#include "target/ProcFs.h"

#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace wpm;
using namespace wpm::test;

namespace {

const QString kTarget = QStringLiteral(WPM_NATIVE_TARGET);

Recording record(pid_t pid, int rateHz, int milliseconds, PythonReading python = PythonReading::Mixed)
{
    SamplerOptions options;
    options.pythonReading = python;
    options.rateHz = rateHz;
    options.maxOverhead = 0.5; // these tests check stacks, not the adaptive rate
    return wpm::test::record(pid, options, milliseconds);
}

} // namespace

class TestSampler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyThreadKindHasCompleteOrderedStacks()
    {
        TargetProcess target(kTarget);
        QVERIFY(target.waitReady());
        const QHash<QString, pid_t> threads = threadsByName(target.pid());
        for (const char* name : { "chain", "sleeper", "condvar", "piperead", "churn" })
            QVERIFY2(threads.contains(QString::fromLatin1(name)), name);

        const Recording recording = record(target.pid(), 200, 1500);
        // 300 ticks are asked for; a loaded machine (parallel tests) may fall behind, but not that far.
        QVERIFY2(recording.stats.ticks > 50, qPrintable(QString::number(recording.stats.ticks)));
        const QStringList modules = recording.store->modules();
        Symbolizer symbolizer;

        struct Expectation {
            const char* thread;
            QStringList innermostFirst; // must appear in this order
        };
        const QList<Expectation> expectations {
            { "chain", chainFunctions() },
            { "sleeper", { "nanosleep", "wpm_target::sleepInNanosleep()", "start_thread" } },
            { "condvar", { "wpm_target::waitOnCondition()", "start_thread" } },
            { "piperead", { "read", "wpm_target::blockInPipeRead()", "start_thread" } },
        };
        for (const Expectation& expectation : expectations) {
            const pid_t tid = threads.value(QString::fromLatin1(expectation.thread));
            const QList<StoredSample> samples = recording.store->window(0, std::numeric_limits<qint64>::max(), tid);
            QVERIFY2(samples.size() > 50, expectation.thread);
            int good = 0;
            QString firstBad;
            for (const StoredSample& stored : samples) {
                const QStringList functions = functionsOf(stored.stack, modules, symbolizer);
                if (containsInOrder(functions, expectation.innermostFirst) && stored.stack.complete)
                    ++good;
                else if (firstBad.isEmpty())
                    firstBad = functions.join(QStringLiteral(" <- "));
            }
            // At least 99.9% complete and correct: with a few hundred samples, that is all of them.
            const int allowedBad = int(samples.size() / 1000);
            QVERIFY2(samples.size() - good <= allowedBad,
                qPrintable(QStringLiteral("%1: %2 of %3 samples good; first bad: %4")
                               .arg(QString::fromLatin1(expectation.thread))
                               .arg(good)
                               .arg(samples.size())
                               .arg(firstBad)));
        }

        // Blocked threads are mostly reused, not stopped again.
        QVERIFY(recording.stats.reusedSamples > 0);
        // The target was left running and untraced, and still handles its signals.
        QVERIFY(tracedTasks(target.pid()).isEmpty());
        QVERIFY(target.process().state() == QProcess::Running);
        target.process().terminate();
        QVERIFY(target.process().waitForFinished(5000));
        QCOMPARE(target.process().exitCode(), 0);
        QVERIFY(QString::fromUtf8(target.process().readAll()).contains(QStringLiteral("signals=")));
    }

    void vdsoFramesAreNamed()
    {
        // clock_gettime runs in the kernel's vDSO, which has no file: its frames are named from a copy of the image,
        // one frame per function rather than one per address.
        TargetProcess target(kTarget, { QStringLiteral("--clock"), QStringLiteral("--no-churn") });
        QVERIFY(target.waitReady());
        const pid_t tid = threadsByName(target.pid()).value(QStringLiteral("clock"));
        QVERIFY(tid > 0);
        const Recording recording = record(target.pid(), 200, 800);
        const QStringList modules = recording.store->modules();
        Symbolizer symbolizer;
        const QList<StoredSample> samples = recording.store->window(0, std::numeric_limits<qint64>::max(), tid);
        QVERIFY(samples.size() > 20);
        int inVdso = 0;
        for (const StoredSample& stored : samples) {
            const QStringList functions = functionsOf(stored.stack, modules, symbolizer);
            QVERIFY2(containsInOrder(functions, { "wpm_target::readClockForever()", "start_thread" }),
                qPrintable(functions.join(QStringLiteral(" <- "))));
            const FrameAddress& leaf = stored.stack.frames.first();
            if (modules.value(qsizetype(leaf.module)) != QLatin1String("[vdso]"))
                continue;
            ++inVdso;
            QVERIFY2(functions.first().contains(QLatin1String("clock_gettime")), qPrintable(functions.first()));
        }
        // The loop does little but call clock_gettime: most of its samples are in the vDSO.
        QVERIFY2(inVdso * 4 > samples.size(), qPrintable(QStringLiteral("%1 of %2").arg(inVdso).arg(samples.size())));
    }

    void groupStopIsLeftAsItWas()
    {
        // A server stopped by SIGSTOP (Ctrl+Z) stays stopped while sampled and after, and runs on SIGCONT.
        TargetProcess target(kTarget, { QStringLiteral("--no-churn") });
        QVERIFY(target.waitReady());
        const pid_t pid = target.pid();
        QVERIFY(::kill(pid, SIGSTOP) == 0);
        QTRY_VERIFY(readThreadStat(pid, pid) && readThreadStat(pid, pid)->state == ThreadState::Stopped);
        const Recording recording = record(pid, 200, 500);
        QVERIFY(recording.stats.samples > 0);
        QVERIFY(tracedTasks(pid).isEmpty());
        for (pid_t tid : listThreads(pid))
            QCOMPARE(readThreadStat(pid, tid)->state, ThreadState::Stopped);
        QVERIFY(::kill(pid, SIGCONT) == 0);
        QTRY_VERIFY(readThreadStat(pid, pid) && readThreadStat(pid, pid)->state != ThreadState::Stopped);
        QVERIFY(target.process().state() == QProcess::Running);
    }

    void adaptiveRateHoldsTheOverheadBudget_data()
    {
        QTest::addColumn<bool>("kernelSampling");
        QTest::newRow("ptrace") << false;
        QTest::newRow("kernel") << true;
    }

    void adaptiveRateHoldsTheOverheadBudget()
    {
        QFETCH(bool, kernelSampling);
        TargetProcess target(kTarget, { QStringLiteral("--no-churn"), QStringLiteral("--chain2") });
        QVERIFY(target.waitReady());
        auto store = std::make_shared<SampleStore>();
        SamplerOptions options;
        options.rateHz = 2000;
        options.maxOverhead = 0.01; // far below what 2 kHz costs, so the rate must come down
        options.kernelSampling = kernelSampling;
        Sampler sampler(store, options);
        QVERIFY(sampler.start(target.pid()).ok());
        QTest::qWait(2500);
        sampler.stop();
        const SamplerStats stats = sampler.stats();
        // The rate follows the stops' cost in both ways: a kernel sample costs a thread less than a stop.
        QVERIFY2(stats.effectiveHz < 1000, qPrintable(QString::number(stats.effectiveHz)));
        QVERIFY(stats.samples > 0);
        qInfo("%.0f Hz; %llu samples, %llu by the kernel; overhead %.2f%%", stats.effectiveHz, stats.samples,
            stats.kernelSamples, stats.overhead * 100);
        if (kernelSampling) {
            // The two chain threads run all along: after their first stop, the kernel samples them.
            const QHash<QString, pid_t> threads = threadsByName(target.pid());
            qsizetype running = 0;
            for (const QString& name : { QStringLiteral("chain"), QStringLiteral("chain2") })
                running += store->window(0, std::numeric_limits<qint64>::max(), threads.value(name)).size();
            QVERIFY2(running > 10 && double(stats.kernelSamples) >= 0.8 * double(running),
                qPrintable(QStringLiteral("%1 of the chain threads' %2").arg(stats.kernelSamples).arg(running)));
            return;
        }
        // Measured over the whole run, from the real stop times, including the start at 2 kHz. (With kernel
        // samples, the few stops left are mostly the first ones, slower than the rest: their mean over the run says
        // little about the cost of a tick.)
        QVERIFY2(stats.overhead <= 0.015, qPrintable(QString::number(stats.overhead)));
    }

    void followsChildProcesses()
    {
        TargetProcess target(kTarget, { QStringLiteral("--fork-child"), QStringLiteral("--no-churn") });
        QVERIFY(target.waitReady());
        QVERIFY(target.childPid() > 0);
        const Recording recording = record(target.pid(), 100, 1000);
        const QList<StoredSample> all = recording.store->window(0, std::numeric_limits<qint64>::max());
        const bool childSampled = std::any_of(
            all.begin(), all.end(), [&](const StoredSample& stored) { return stored.sample.pid == target.childPid(); });
        QVERIFY(childSampled);
        QVERIFY(tracedTasks(target.childPid()).isEmpty());
        QVERIFY(tracedTasks(target.pid()).isEmpty());
    }

    void noticesTheTargetExiting()
    {
        TargetProcess target(kTarget, { QStringLiteral("--seconds"), QStringLiteral("1") });
        QVERIFY(target.waitReady());
        const pid_t pid = target.pid();
        auto store = std::make_shared<SampleStore>();
        Sampler sampler(store, SamplerOptions {});
        // The sampler emits from its own thread: take the signal queued into this one.
        QList<qint64> exited;
        QStringList failures;
        connect(&sampler, &Sampler::processExited, this, [&exited](qint64 gone) { exited.append(gone); });
        connect(&sampler, &Sampler::samplingFailed, this, [&failures](const QString& why) { failures.append(why); });
        QVERIFY(sampler.start(pid).ok());
        QTRY_VERIFY2_WITH_TIMEOUT(!exited.isEmpty(), qPrintable(failures.join(u'\n')), 5000);
        QCOMPARE(exited.first(), qint64(pid));
        // The exit status stays with the target's parent (QProcess here): the sampler never reaps it.
        if (target.process().state() != QProcess::NotRunning)
            QVERIFY(target.process().waitForFinished(5000));
        QCOMPARE(target.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(target.process().exitCode(), 0);
        sampler.stop();
    }

    void pythonOnlyFallsBackToNativeStacks()
    {
        // Python frames only were asked for, and the target runs no Python: native stacks, said once.
        TargetProcess target(kTarget, { QStringLiteral("--no-churn") });
        QVERIFY(target.waitReady());
        const Recording recording = record(target.pid(), 200, 600, PythonReading::NonBlocking);
        QVERIFY(recording.stats.samples > 0);
        QCOMPARE(recording.stats.unwoundStacks, recording.stats.samples - recording.stats.reusedSamples);
        QCOMPARE(recording.stats.warnings.size(), 1);
        QVERIFY2(recording.stats.warnings.first().contains(QStringLiteral("python_sampling is nonblocking")),
            qPrintable(recording.stats.warnings.first()));
        QVERIFY2(recording.stats.warnings.first().contains(QString::number(target.pid())),
            qPrintable(recording.stats.warnings.first()));
        const QList<StoredSample> all = recording.store->window(0, std::numeric_limits<qint64>::max());
        QVERIFY(std::all_of(
            all.begin(), all.end(), [](const StoredSample& stored) { return !stored.stack.frames.isEmpty(); }));
    }

    void errorsBeforeRunning()
    {
        Sampler sampler(std::make_shared<SampleStore>(), SamplerOptions {});
        const Status self = sampler.start(getpid());
        QVERIFY(!self.ok());
        QVERIFY(!sampler.isRunning());
        const Status missing = sampler.start(999999999);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QStringLiteral("999999999")));
        QVERIFY(!sampler.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestSampler)
#include "tst_sampler.moc"
