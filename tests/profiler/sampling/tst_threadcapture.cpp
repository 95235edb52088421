// One thread stopped, copied and let go, against the real native target: the thread runs on untraced after
// every capture, each snapshot is its own copy of the stack (the capture reads into a buffer it keeps), and a
// thread queued on the sampler's own CPU is awaited asleep rather than by a spin it could never end; a stack through
// a signal frame unwinds whole, and a copy of it cut short never passes for a whole one.

#include "StackChecks.h"
#include "TargetProcess.h"
#include "TargetThreads.h"
#include "sampling/ThreadCapture.h"
#include "sampling/Unwinder.h"

#include <QTest>

#include <algorithm>
#include <cstring>
#include <sched.h>

using namespace wpm;
using namespace wpm::test;

namespace {

const QString kTarget = QStringLiteral(WPM_NATIVE_TARGET);

double medianOf(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[values.size() / 2];
}

// Pins a thread (0: the calling one) to one CPU for the scope, then gives it back its former CPUs.
class PinnedThread {
public:
    PinnedThread(pid_t tid, int cpu)
        : m_tid(tid)
    {
        sched_getaffinity(tid, sizeof m_former, &m_former);
        cpu_set_t only;
        CPU_ZERO(&only);
        CPU_SET(cpu, &only);
        m_pinned = sched_setaffinity(tid, sizeof only, &only) == 0;
    }
    ~PinnedThread() { sched_setaffinity(m_tid, sizeof m_former, &m_former); }
    bool pinned() const { return m_pinned; }

private:
    pid_t m_tid;
    cpu_set_t m_former {};
    bool m_pinned = false;
};

} // namespace

class TestThreadCapture : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void threadRunsOnUntracedAfterEachCapture()
    {
        TargetProcess target(kTarget, { QStringLiteral("--no-churn") });
        QVERIFY(target.waitReady());
        const pid_t chain = threadsByName(target.pid()).value(QStringLiteral("chain"));
        QVERIFY(chain != 0);
        ElfImageCache images;
        Result<ModuleMap> modules = ModuleMap::read(target.pid(), images);
        QVERIFY(modules);
        ThreadCapture capture;
        const quint64 cpuBefore = readThreadStat(target.pid(), chain)->utimeTicks;
        for (int i = 0; i < 50; ++i) {
            const CaptureResult result = capture.capture(target.pid(), chain, *modules);
            QCOMPARE(result.outcome, CaptureOutcome::Captured);
            QVERIFY(result.stoppedNs > 0);
            const StackSnapshot& snapshot = result.snapshot;
            // The stack pointer lies inside the copy, with the red zone below it.
            QVERIFY(snapshot.registers.rsp >= snapshot.stackStart + 128);
            QVERIFY(snapshot.registers.rsp < snapshot.stackStart + quint64(snapshot.stack.size()));
            QVERIFY(tracedTasks(target.pid()).isEmpty());
            QTest::qWait(2);
        }
        // Still burning CPU: it was let go every time (utime counts in 10 ms ticks).
        QTRY_VERIFY(readThreadStat(target.pid(), chain)->utimeTicks > cpuBefore + 5);
        const std::optional<ThreadStat> stat = readThreadStat(target.pid(), chain);
        QVERIFY(stat && stat->state != ThreadState::TracingStop && stat->state != ThreadState::Stopped);
    }

    void eachSnapshotIsItsOwnCopy()
    {
        TargetProcess target(kTarget, { QStringLiteral("--no-churn") });
        QVERIFY(target.waitReady());
        const QHash<QString, pid_t> threads = threadsByName(target.pid());
        ElfImageCache images;
        Result<ModuleMap> modules = ModuleMap::read(target.pid(), images);
        QVERIFY(modules);
        ThreadCapture capture;
        const CaptureResult chain = capture.capture(target.pid(), threads.value(QStringLiteral("chain")), *modules);
        QCOMPARE(chain.outcome, CaptureOutcome::Captured);
        const QByteArray chainStack(chain.snapshot.stack.constData(), chain.snapshot.stack.size()); // a deep copy
        const CaptureResult sleeper = capture.capture(target.pid(), threads.value(QStringLiteral("sleeper")), *modules);
        QCOMPARE(sleeper.outcome, CaptureOutcome::Captured);
        // The second capture read another stack into the same kept buffer: the first snapshot did not change.
        QVERIFY(chain.snapshot.stack.constData() != sleeper.snapshot.stack.constData());
        QCOMPARE(chain.snapshot.stack, chainStack);
        // And both are whole: unwound from their copies down to start_thread.
        Unwinder unwinder;
        QVERIFY(unwinder.unwind(chain.snapshot, *modules).complete);
        QVERIFY(unwinder.unwind(sleeper.snapshot, *modules).complete);
    }

    void signalFrameUnwindsWholeOrIncomplete()
    {
        TargetProcess target(kTarget, { QStringLiteral("--in-handler"), QStringLiteral("--no-churn") });
        QVERIFY(target.waitReady());
        const pid_t tid = threadsByName(target.pid()).value(QStringLiteral("inhandler"));
        QVERIFY(tid != 0);
        ElfImageCache images;
        const Result<ModuleMap> modules = ModuleMap::read(target.pid(), images);
        QVERIFY(modules.ok());
        ThreadCapture capture;
        const CaptureResult captured = capture.capture(target.pid(), tid, *modules);
        QCOMPARE(captured.outcome, CaptureOutcome::Captured);

        // Through the handler's frame, the kernel's signal frame, and on into the code the signal interrupted.
        const QStringList expected { "nanosleep", "wpm_target::waitInSignalHandler(int)", "pthread_kill",
            "wpm_target::raiseSignalToSelf()", "wpm_target::inHandlerThread(void*)", "start_thread" };
        Unwinder unwinder;
        Symbolizer symbolizer;
        const UnwindResult whole = unwinder.unwind(captured.snapshot, *modules);
        const QStringList functions = functionsOf(whole.pcs, *modules, symbolizer);
        QVERIFY2(whole.complete && containsInOrder(functions, expected), qPrintable(functions.join(u" <- ")));

        // The same thread as it returns from the handler: at the signal trampoline's first instruction, the stack
        // pointer just past the handler's return address (the one word of the copy that holds the trampoline's pc).
        const qsizetype trampoline = functions.indexOf(QStringLiteral("wpm_target::waitInSignalHandler(int)")) + 1;
        QVERIFY(trampoline > 0 && trampoline < whole.pcs.size());
        StackSnapshot returning = captured.snapshot;
        returning.registers.rip = whole.pcs[trampoline];
        for (qsizetype at = 0; at + 8 <= returning.stack.size(); at += 8) {
            quint64 word = 0;
            std::memcpy(&word, returning.stack.constData() + at, sizeof word);
            if (word == returning.registers.rip)
                returning.registers.rsp = returning.stackStart + quint64(at) + 8;
        }
        QVERIFY2(returning.registers.rsp != captured.snapshot.registers.rsp, qPrintable(functions.join(u" <- ")));
        const QStringList interrupted = expected.mid(2);
        const UnwindResult fromTrampoline = unwinder.unwind(returning, *modules);
        const QStringList trampolineNames = functionsOf(fromTrampoline.pcs, *modules, symbolizer);
        QVERIFY2(fromTrampoline.complete && containsInOrder(trampolineNames, interrupted),
            qPrintable(trampolineNames.join(u" <- ")));

        // Cut anywhere, a copy gives an incomplete stack or the whole one: never a short one that says it is whole.
        // (From the trampoline, libunwind ends the stack without an error when the saved registers are missing, as
        // in a kernel sample, whose copy is sized by earlier unwinds.)
        for (const StackSnapshot* snapshot : { &captured.snapshot, static_cast<const StackSnapshot*>(&returning) }) {
            const QStringList wanted = snapshot == &returning ? interrupted : expected;
            for (qsizetype cut = 8; cut < snapshot->stack.size(); cut += 8) {
                StackSnapshot shorter = *snapshot;
                shorter.stack.truncate(cut);
                const UnwindResult unwound = unwinder.unwind(shorter, *modules);
                const QStringList names = functionsOf(unwound.pcs, *modules, symbolizer);
                QVERIFY2(!unwound.complete || containsInOrder(names, wanted),
                    qPrintable(QStringLiteral("%1 bytes: %2").arg(cut).arg(names.join(u" <- "))));
            }
        }
    }

    void threadQueuedOnOurCpuIsAwaitedAsleep()
    {
        // The chain thread and this one on the same CPU: while we run, the chain waits for us, so it can only stop
        // once we sleep. Told so, the capture waits asleep at once instead of spinning first.
        TargetProcess target(kTarget, { QStringLiteral("--no-churn"), QStringLiteral("--no-signals") });
        QVERIFY(target.waitReady());
        const pid_t chain = threadsByName(target.pid()).value(QStringLiteral("chain"));
        ElfImageCache images;
        Result<ModuleMap> modules = ModuleMap::read(target.pid(), images);
        QVERIFY(modules);
        const int cpu = sched_getcpu();
        PinnedThread pinnedSelf(0, cpu);
        PinnedThread pinnedChain(chain, cpu);
        QVERIFY(pinnedSelf.pinned() && pinnedChain.pinned());
        QTest::qWait(20); // both migrated

        ThreadCapture capture;
        QList<double> toldUs, notToldUs;
        for (int i = 0; i < 40; ++i) {
            const bool told = i % 2 == 0;
            const CaptureResult result = capture.capture(target.pid(), chain, *modules, false, {}, told ? cpu : -1);
            QCOMPARE(result.outcome, CaptureOutcome::Captured);
            (told ? toldUs : notToldUs).append(double(result.stoppedNs) / 1000.0);
            QTest::qWait(2);
        }
        qInfo("stop median, chain queued on our CPU: %.1f µs told, %.1f µs not told", medianOf(toldUs),
            medianOf(notToldUs));
        QVERIFY(medianOf(toldUs) < medianOf(notToldUs));
        QVERIFY(tracedTasks(target.pid()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestThreadCapture)
#include "tst_threadcapture.moc"
