// The /proc text parsers on crafted texts: every field the sampler uses, a comm that would fool a naive parser,
// texts cut short or not numbers, and the three shapes of a syscall file.

#include "target/ProcText.h"

#include <QTest>

using namespace wpm;

namespace {

// A real thread's stat from this machine's kernel, with `comm` and `state` put in.
std::string statText(const std::string& comm, char state = 'S', const std::string& processor = "1")
{
    return "4242 (" + comm + ") " + state
        + " 4200 4201 4201 0 -1 4194368 150 0 0 0 37 12 0 0 20 0 3 0 7071 318869504 5120 18446744073709551615 "
          "1 1 0 0 0 0 0 16781312 2 0 0 0 17 "
        + processor + " 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
}

} // namespace

class TestProcText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsEveryFieldTheSamplerUses();
    void commMayHoldAnything_data();
    void commMayHoldAnything();
    void flagsMarkKernelAndExitingThreads();
    void rejectsTextsThatAreNoStat_data();
    void rejectsTextsThatAreNoStat();
    void olderKernelsWithoutTheProcessorField();
    void readsTheThreeShapesOfASyscallFile();
    void rejectsTextsThatAreNoSyscallFile();
    void parsesIds();
};

void TestProcText::readsEveryFieldTheSamplerUses()
{
    const std::string text = statText("python3", 'R');
    const std::optional<ThreadStat> stat = parseThreadStat(text, StatName::Read);
    QVERIFY(stat);
    QCOMPARE(stat->tid, 4242);
    QCOMPARE(stat->name, QStringLiteral("python3"));
    QCOMPARE(stat->state, ThreadState::Running);
    QCOMPARE(stat->ppid, 4200);
    QCOMPARE(stat->processGroup, 4201);
    QCOMPARE(stat->utimeTicks, quint64(37));
    QCOMPARE(stat->stimeTicks, quint64(12));
    QCOMPARE(stat->processor, 1);
    QCOMPARE(stat->runnableOn(), 1);
    QVERIFY(!stat->isKernelThread);
    QVERIFY(!stat->isExiting);

    // Without the name: the same fields, and no string made.
    const std::optional<ThreadStat> nameless = parseThreadStat(text, StatName::Skip);
    QVERIFY(nameless);
    QVERIFY(nameless->name.isEmpty());
    QCOMPARE(nameless->utimeTicks, quint64(37));
    QCOMPARE(nameless->processor, 1);

    const std::optional<ThreadStat> sleeping = parseThreadStat(statText("python3", 'S'), StatName::Skip);
    QCOMPARE(sleeping->state, ThreadState::Sleeping);
    QCOMPARE(sleeping->runnableOn(), -1);
    QCOMPARE(parseThreadStat(statText("x", 'D'), StatName::Skip)->state, ThreadState::DiskSleep);
    QCOMPARE(parseThreadStat(statText("x", 't'), StatName::Skip)->state, ThreadState::TracingStop);
    QCOMPARE(parseThreadStat(statText("x", 'Z'), StatName::Skip)->state, ThreadState::Zombie);
    QCOMPARE(parseThreadStat(statText("x", '?'), StatName::Skip)->state, ThreadState::Unknown);
}

void TestProcText::commMayHoldAnything_data()
{
    QTest::addColumn<QString>("comm");
    QTest::newRow("spaces and parentheses") << QStringLiteral("a b) (c");
    QTest::newRow("looks like more fields") << QStringLiteral("p) R 1 2 (q)");
    QTest::newRow("empty") << QString();
    QTest::newRow("utf-8") << QStringLiteral("gunicorn: wörker");
}

void TestProcText::commMayHoldAnything()
{
    QFETCH(QString, comm);
    const std::optional<ThreadStat> stat = parseThreadStat(statText(comm.toStdString(), 'R'), StatName::Read);
    QVERIFY(stat);
    QCOMPARE(stat->name, comm);
    QCOMPARE(stat->state, ThreadState::Running);
    QCOMPARE(stat->ppid, 4200);
    QCOMPARE(stat->processor, 1);
}

void TestProcText::flagsMarkKernelAndExitingThreads()
{
    std::string kernel = statText("kworker/0:1");
    kernel.replace(kernel.find(" 4194368 "), 9, " 2129984 "); // PF_KTHREAD | PF_NOFREEZE | ...
    QVERIFY(parseThreadStat(kernel, StatName::Skip)->isKernelThread);

    std::string exiting = statText("worker");
    exiting.replace(exiting.find(" 4194368 "), 9, " 4194372 "); // | PF_EXITING
    const std::optional<ThreadStat> stat = parseThreadStat(exiting, StatName::Skip);
    QVERIFY(stat->isExiting);
    QVERIFY(!stat->isKernelThread);
}

void TestProcText::rejectsTextsThatAreNoStat_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("no comm") << QByteArray("4242 S 4200 4201\n");
    QTest::newRow("no tid") << QByteArray("(x) S 4200 4201 4201 0 -1 0 0 0 0 0 37 12\n");
    QTest::newRow("tid not a number") << QByteArray("42a (x) S 4200 4201 4201 0 -1 0 0 0 0 0 37 12\n");
    QTest::newRow("cut before stime") << QByteArray("4242 (x) S 4200 4201 4201 0 -1 0 0 0 0 0 37\n");
    QTest::newRow("state of two letters") << QByteArray("4242 (x) SS 4200 4201 4201 0 -1 0 0 0 0 0 37 12\n");
    QTest::newRow("ppid not a number") << QByteArray("4242 (x) S 4x00 4201 4201 0 -1 0 0 0 0 0 37 12\n");
    QTest::newRow("utime not a number") << QByteArray("4242 (x) S 4200 4201 4201 0 -1 0 0 0 0 0 3.7 12\n");
}

void TestProcText::rejectsTextsThatAreNoStat()
{
    QFETCH(QByteArray, text);
    QCOMPARE(parseThreadStat(std::string_view(text.constData(), size_t(text.size())), StatName::Read), std::nullopt);
}

void TestProcText::olderKernelsWithoutTheProcessorField()
{
    const std::optional<ThreadStat> stat
        = parseThreadStat("4242 (x) R 4200 4201 4201 0 -1 0 0 0 0 0 37 12\n", StatName::Skip);
    QVERIFY(stat);
    QCOMPARE(stat->stimeTicks, quint64(12));
    QCOMPARE(stat->processor, -1);
    QCOMPARE(stat->runnableOn(), -1);
}

void TestProcText::readsTheThreeShapesOfASyscallFile()
{
    const std::optional<SyscallPosition> blocked
        = parseSyscallPosition("230 0x1 0x0 0x7ffd6c1b9d70 0x0 0x0 0x0 0x7ffd6c1b9d48 0x7f3e2a8e4a55\n");
    QVERIFY(blocked);
    QCOMPARE(blocked->number, 230);
    QVERIFY(blocked->blocked());
    QCOMPARE(blocked->sp, quint64(0x7ffd6c1b9d48));
    QCOMPARE(blocked->pc, quint64(0x7f3e2a8e4a55));

    const std::optional<SyscallPosition> outside = parseSyscallPosition("-1 0x7ffd6c1b9d48 0x55d0c0de1000\n");
    QVERIFY(outside);
    QCOMPARE(outside->number, -1);
    QVERIFY(!outside->blocked());
    QCOMPARE(outside->pc, quint64(0x55d0c0de1000));

    const std::optional<SyscallPosition> running = parseSyscallPosition("running\n");
    QVERIFY(running);
    QCOMPARE(running->number, -2);
    QVERIFY(!running->blocked());
}

void TestProcText::rejectsTextsThatAreNoSyscallFile()
{
    QCOMPARE(parseSyscallPosition(""), std::nullopt);
    QCOMPARE(parseSyscallPosition("230\n"), std::nullopt);
    QCOMPARE(parseSyscallPosition("230 0x1 0xzz 0x7f3e2a8e4a55\n"), std::nullopt);
    QCOMPARE(parseSyscallPosition("-7 0x1 0x2\n"), std::nullopt);
    QCOMPARE(parseSyscallPosition("walking 0x1 0x2\n"), std::nullopt);
}

void TestProcText::parsesIds()
{
    QCOMPARE(parseId("4242"), 4242);
    QCOMPARE(parseId("1"), 1);
    QCOMPARE(parseId("0"), 0);
    QCOMPARE(parseId("-5"), 0);
    QCOMPARE(parseId("self"), 0);
    QCOMPARE(parseId("12a"), 0);
    QCOMPARE(parseId(""), 0);
    QCOMPARE(parseId("99999999999"), 0); // overflows pid_t
}

QTEST_GUILESS_MAIN(TestProcText)
#include "tst_proctext.moc"
