// Unwinder on snapshots whose registers are garbage, as a thread caught mid-exec or a corrupt frame pointer gives
// them: the unwind ends, incomplete, and reads nothing outside the copied stack. A read near the top of the address
// space once wrapped the bounds check and crashed the workbench (tst_mainwindow_recording, in a full test run).
// And the signal masking libunwind does around each frame: answered without a system call while unwinding, the
// thread's mask unchanged, every other sigprocmask call the C library's.

#include "sampling/ModuleMap.h"
#include "sampling/QuietSignalMask.h"
#include "sampling/Unwinder.h"

#include <QTest>

#include <cerrno>
#include <csignal>
#include <ucontext.h>
#include <unistd.h>

using namespace wpm;

class TestUnwinder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void garbageRegistersEndTheUnwind_data();
    void garbageRegistersEndTheUnwind();
    void unwindingMakesNoSignalMaskSystemCalls();
    void sigprocmaskOutsideUnwindsIsTheCLibrarys();
};

namespace {

bool blocked(int signal)
{
    sigset_t mask;
    pthread_sigmask(SIG_SETMASK, nullptr, &mask);
    return sigismember(&mask, signal) == 1;
}

// This thread as a sampled one: its registers here, and a copy of its stack from here to the stack's end.
__attribute__((noinline)) StackSnapshot snapshotOfThisThread(const ModuleMap& modules)
{
    ucontext_t context;
    getcontext(&context);
    StackSnapshot snapshot;
    snapshot.pid = getpid();
    snapshot.tid = gettid();
    const greg_t* r = context.uc_mcontext.gregs;
    snapshot.registers.rip = quint64(r[REG_RIP]);
    snapshot.registers.rsp = quint64(r[REG_RSP]);
    snapshot.registers.rbp = quint64(r[REG_RBP]);
    snapshot.registers.rbx = quint64(r[REG_RBX]);
    snapshot.registers.r12 = quint64(r[REG_R12]);
    snapshot.registers.r13 = quint64(r[REG_R13]);
    snapshot.registers.r14 = quint64(r[REG_R14]);
    snapshot.registers.r15 = quint64(r[REG_R15]);
    const MemoryMapping* stack = modules.find(snapshot.registers.rsp);
    if (stack == nullptr)
        return snapshot;
    snapshot.stackStart = snapshot.registers.rsp;
    snapshot.stack
        = QByteArray(reinterpret_cast<const char*>(snapshot.stackStart), qsizetype(stack->end - snapshot.stackStart));
    return snapshot;
}

} // namespace

void TestUnwinder::garbageRegistersEndTheUnwind_data()
{
    QTest::addColumn<quint64>("rip");
    QTest::addColumn<quint64>("rbp");
    QTest::addColumn<bool>("stackAtTheTop"); // the copy itself ends at the top of the address space
    constexpr quint64 kUnmapped = 0x1000;
    const quint64 top = ~quint64(0);
    QTest::newRow("frame pointer at the last byte") << kUnmapped << top << false;
    QTest::newRow("frame pointer 8 bytes below the top") << kUnmapped << top - 7 << false;
    QTest::newRow("frame pointer 16 bytes below the top") << kUnmapped << top - 15 << false;
    QTest::newRow("stack copy at the top, frame pointer in it") << kUnmapped << top - 31 << true;
    QTest::newRow("null frame pointer") << kUnmapped << quint64(0) << false;
}

void TestUnwinder::garbageRegistersEndTheUnwind()
{
    QFETCH(quint64, rip);
    QFETCH(quint64, rbp);
    QFETCH(bool, stackAtTheTop);
    ElfImageCache images;
    const Result<ModuleMap> modules = ModuleMap::read(getpid(), images);
    QVERIFY(modules.ok());
    StackSnapshot snapshot;
    snapshot.pid = getpid();
    snapshot.tid = gettid();
    snapshot.stack = QByteArray(stackAtTheTop ? 64 : 1024, '\xff'); // every word a garbage address too
    snapshot.stackStart = stackAtTheTop ? ~quint64(0) - 63 : 0x7fff00000000;
    snapshot.registers.rip = rip;
    snapshot.registers.rsp = snapshot.stackStart + 128 % quint64(snapshot.stack.size());
    snapshot.registers.rbp = rbp;
    Unwinder unwinder;
    const UnwindResult unwound = unwinder.unwind(snapshot, *modules, 64);
    QVERIFY(!unwound.complete);
    QVERIFY(!unwound.pcs.isEmpty());
    QCOMPARE(unwound.pcs.front(), rip);
}

void TestUnwinder::unwindingMakesNoSignalMaskSystemCalls()
{
    ElfImageCache images;
    const Result<ModuleMap> modules = ModuleMap::read(getpid(), images);
    QVERIFY(modules.ok());
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, nullptr);
    const StackSnapshot snapshot = snapshotOfThisThread(*modules);
    QVERIFY(!snapshot.stack.isEmpty());
    Unwinder unwinder;
    const quint64 before = QuietSignalMask::answeredCalls();
    const UnwindResult unwound = unwinder.unwind(snapshot, *modules);
    const quint64 answered = QuietSignalMask::answeredCalls() - before;
    qInfo("%lld frames, %llu sigprocmask calls answered here", qlonglong(unwound.pcs.size()), answered);
    QVERIFY(unwound.complete);
    QVERIFY(unwound.pcs.size() >= 5);
    // libunwind's cache asks for the mask around its lookups: two calls for each step at least.
    QVERIFY(answered >= 2 * quint64(unwound.pcs.size() - 1));
    QVERIFY(blocked(SIGUSR1)); // the mask as it was
    QVERIFY(!blocked(SIGUSR2));
    pthread_sigmask(SIG_UNBLOCK, &usr1, nullptr);
}

void TestUnwinder::sigprocmaskOutsideUnwindsIsTheCLibrarys()
{
    const quint64 before = QuietSignalMask::answeredCalls();
    sigset_t usr2, old;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    QCOMPARE(sigprocmask(SIG_BLOCK, &usr2, &old), 0);
    QVERIFY(blocked(SIGUSR2));
    QCOMPARE(sigismember(&old, SIGUSR2), 0);
    QCOMPARE(sigprocmask(SIG_SETMASK, &old, nullptr), 0);
    QVERIFY(!blocked(SIGUSR2));
    errno = 0;
    QCOMPARE(sigprocmask(12345, &usr2, nullptr), -1);
    QCOMPARE(errno, EINVAL);
    QCOMPARE(QuietSignalMask::answeredCalls(), before);
}

QTEST_GUILESS_MAIN(TestUnwinder)
#include "tst_unwinder.moc"
