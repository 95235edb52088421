// Running threads sampled by the kernel (perf_event_open) instead of stopped: a KernelSampler's samples of a real
// target's running thread unwind to its known call chain; a thread that waits gives none; the Sampler takes most
// samples of a running thread from the kernel, and where the kernel refuses, says why once and stops threads as
// before.

#include "SamplerRecording.h"
#include "StackChecks.h"
#include "TargetProcess.h"
#include "TargetThreads.h"
#include "core/MonotonicClock.h"
#include "sampling/KernelSampler.h"
#include "sampling/Sampler.h"
#include "sampling/Unwinder.h"

#include <QTest>

#include <cerrno>
#include <cstddef>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace wpm;
using namespace wpm::test;

namespace {

const QString kTarget = QStringLiteral(WPM_NATIVE_TARGET);

Recording record(pid_t pid, bool kernelSampling, int milliseconds)
{
    SamplerOptions options;
    options.rateHz = 200;
    options.maxOverhead = 0.5; // these tests check where samples come from, not the adaptive rate
    options.kernelSampling = kernelSampling;
    return wpm::test::record(pid, options, milliseconds);
}

// How many of a thread's stored samples show the whole chain, complete.
int completeChains(const Recording& recording, pid_t tid, QString& firstBad)
{
    const QStringList modules = recording.store->modules();
    Symbolizer symbolizer;
    int good = 0;
    for (const StoredSample& stored : recording.store->window(0, std::numeric_limits<qint64>::max(), tid)) {
        const QStringList functions = functionsOf(stored.stack, modules, symbolizer);
        if (stored.stack.complete && containsInOrder(functions, chainFunctions()))
            ++good;
        else if (firstBad.isEmpty())
            firstBad = functions.join(QStringLiteral(" <- "));
    }
    return good;
}

// From here on, perf_event_open fails in every thread of this process with EACCES, as it does for a user that
// kernel.perf_event_paranoid=3 (Debian's default) keeps from it.
bool refusePerfEvents()
{
    sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_perf_event_open, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    sock_fprog program { sizeof filter / sizeof filter[0], filter };
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
        && syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &program) == 0;
}

} // namespace

class TestKernelSampler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void samplesARunningThreadWithoutStoppingIt()
    {
        TargetProcess target(kTarget, { QStringLiteral("--no-churn") });
        QVERIFY(target.waitReady());
        const QHash<QString, pid_t> threads = threadsByName(target.pid());
        const pid_t chain = threads.value(QStringLiteral("chain"));
        const pid_t sleeper = threads.value(QStringLiteral("sleeper"));
        QVERIFY(chain > 0 && sleeper > 0);

        KernelSampler kernel(target.pid(), 32 * 1024);
        kernel.setPeriod(2'000'000);
        const qint64 start = monotonicNs();
        QVERIFY2(kernel.watch(chain, start, 2048), qPrintable(kernel.unavailableReason()));
        QVERIFY(kernel.watch(chain, start, 1024)); // copies enough already
        QVERIFY(kernel.watch(chain, start, 32 * 1024)); // watched anew, copying more
        QVERIFY(kernel.watch(sleeper, start, 32 * 1024));
        QCOMPARE(kernel.watchedCount(), 2);
        QTest::qWait(100);
        kernel.collect();
        const qint64 collected = monotonicNs();

        const QList<KernelSample> samples = kernel.takeSince(chain, start);
        // Every 2 ms of its running time: the ring holds the newest few of the 100 ms.
        QVERIFY2(samples.size() >= 2, qPrintable(QString::number(samples.size())));
        for (qsizetype i = 1; i < samples.size(); ++i)
            QVERIFY(samples[i - 1].timeNs < samples[i].timeNs); // oldest first
        const KernelSample* sample = &samples.last();
        QVERIFY(sample->timeNs > start && sample->timeNs <= collected);
        // Sampled every 2 ms of its running time, the newest sample is recent.
        QVERIFY2(collected - sample->timeNs < 50'000'000, qPrintable(QString::number(collected - sample->timeNs)));
        QCOMPARE(sample->snapshot.tid, chain);
        QCOMPARE(sample->snapshot.stackStart, quint64(sample->snapshot.registers.rsp));
        QVERIFY2(sample->snapshot.stack.size() > 2048, qPrintable(QString::number(sample->snapshot.stack.size())));
        QVERIFY(sample->snapshot.stack.size() <= 32 * 1024);
        QVERIFY(kernel.takeSince(chain, start).isEmpty()); // handed over once
        // A thread that sleeps all along runs too little to be sampled.
        QVERIFY(kernel.takeSince(sleeper, start).isEmpty());

        ElfImageCache images;
        Result<ModuleMap> modules = ModuleMap::read(target.pid(), images);
        QVERIFY(modules);
        Unwinder unwinder;
        const UnwindResult unwound = unwinder.unwind(sample->snapshot, *modules);
        QVERIFY(unwound.complete);
        Symbolizer symbolizer;
        const QStringList functions = functionsOf(unwound.pcs, *modules, symbolizer);
        QVERIFY2(containsInOrder(functions, chainFunctions()), qPrintable(functions.join(QStringLiteral(" <- "))));

        // The target was never traced, and watching stops with the thread.
        QVERIFY(tracedTasks(target.pid()).isEmpty());
        kernel.prune({ chain }, monotonicNs(), 10'000'000'000);
        QCOMPARE(kernel.watchedCount(), 1);
        kernel.prune({}, monotonicNs(), 10'000'000'000);
        QCOMPARE(kernel.watchedCount(), 0);
        // A thread that does not exist is not watched, and that is no refusal.
        QVERIFY(!kernel.watch(999999999, monotonicNs(), 4096));
        QVERIFY(kernel.unavailableReason().isEmpty());
    }

    void samplerTakesRunningThreadsFromTheKernel()
    {
        TargetProcess target(kTarget);
        QVERIFY(target.waitReady());
        const pid_t chain = threadsByName(target.pid()).value(QStringLiteral("chain"));

        const Recording kernel = record(target.pid(), true, 1500);
        const Recording stopped = record(target.pid(), false, 1500);
        for (const Recording* recording : { &kernel, &stopped }) {
            const qsizetype samples = recording->store->window(0, std::numeric_limits<qint64>::max(), chain).size();
            QVERIFY2(samples > 50, qPrintable(QString::number(samples)));
            QString firstBad;
            const int good = completeChains(*recording, chain, firstBad);
            QVERIFY2(samples - good <= samples / 1000,
                qPrintable(QStringLiteral("%1 of %2 good; first bad: %3").arg(good).arg(samples).arg(firstBad)));
        }
        // The chain thread runs all along: after the tick that first sees it running, the kernel samples it.
        const qsizetype chainSamples = kernel.store->window(0, std::numeric_limits<qint64>::max(), chain).size();
        qInfo("%llu kernel samples of %llu in all, %lld of the chain thread; stop median %.1f us with, %.1f us without",
            kernel.stats.kernelSamples, kernel.stats.samples, qint64(chainSamples), kernel.stats.stopUsMedian,
            stopped.stats.stopUsMedian);
        // Stopped once, when first seen running: a tick that comes before the kernel's next sample of it finds none
        // and takes two at the next, rather than stopping it (a stop or two more for an unwind left incomplete).
        QVERIFY2(chainSamples - qsizetype(kernel.stats.kernelSamples) <= 3,
            qPrintable(QStringLiteral("%1 kernel samples, %2 of the chain thread")
                           .arg(kernel.stats.kernelSamples)
                           .arg(chainSamples)));
        // One sample per period of its running time, the tick interval: as many as there were ticks.
        QVERIFY2(double(chainSamples) >= 0.85 * double(kernel.stats.ticks)
                && double(chainSamples) <= 1.1 * double(kernel.stats.ticks),
            qPrintable(QStringLiteral("%1 samples in %2 ticks").arg(chainSamples).arg(kernel.stats.ticks)));
        QVERIFY(kernel.stats.warnings.isEmpty());
        QCOMPARE(stopped.stats.kernelSamples, quint64(0));
        QVERIFY(tracedTasks(target.pid()).isEmpty());
    }

    // Last: it takes perf_event_open away from this whole process.
    void refusedKernelSamplingFallsBackToStops()
    {
        TargetProcess target(kTarget, { QStringLiteral("--no-churn") });
        QVERIFY(target.waitReady());
        const pid_t chain = threadsByName(target.pid()).value(QStringLiteral("chain"));
        QVERIFY(refusePerfEvents());

        const Recording recording = record(target.pid(), true, 800);
        QCOMPARE(recording.stats.kernelSamples, quint64(0));
        QCOMPARE(recording.stats.warnings.size(), 1);
        const QString& warning = recording.stats.warnings.first();
        QVERIFY2(warning.contains(QStringLiteral("perf_event_paranoid"))
                && warning.contains(QString::number(target.pid()))
                && warning.contains(QString::fromLocal8Bit(strerror(EACCES))),
            qPrintable(warning));
        const qsizetype samples = recording.store->window(0, std::numeric_limits<qint64>::max(), chain).size();
        QVERIFY2(samples > 20, qPrintable(QString::number(samples)));
        QString firstBad;
        QCOMPARE(completeChains(recording, chain, firstBad), int(samples));
    }
};

QTEST_GUILESS_MAIN(TestKernelSampler)
#include "tst_kernelsampler.moc"
