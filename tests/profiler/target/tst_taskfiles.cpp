// TaskFiles against real processes: the kept files read the same as ProcFs's one-shot readers and stay fresh,
// threads that end read as gone and have their files closed, a process that is gone lists nothing, and past the
// descriptor budget threads are still read (by opening their files each time) while no more are kept.

#include "TestChild.h"
#include "target/ProcFs.h"
#include "target/TaskFiles.h"

#include <QDir>
#include <QTest>

#include <algorithm>

#include <sys/resource.h>
#include <sys/syscall.h>

using namespace wpm;
using namespace Qt::StringLiterals;

namespace {

const QString python = u"/usr/bin/python3"_s;

// N threads asleep until a line arrives on stdin, then they end; one thread spinning. Prints the native ids of main,
// the spinner and the sleepers on one line.
const QString threadsScript = uR"(
import sys, threading
count = int(sys.argv[1])
release = threading.Event()
def spin():
    while True:
        pass
sleepers = [threading.Thread(target=release.wait, daemon=True) for _ in range(count)]
spinner = threading.Thread(target=spin, daemon=True)
for t in sleepers + [spinner]:
    t.start()
print(threading.get_native_id(), spinner.native_id, *[t.native_id for t in sleepers], flush=True)
sys.stdin.readline()
release.set()
for t in sleepers:
    t.join()
print("released", flush=True)
sys.stdin.readline()
)"_s;

struct ThreadsChild {
    TestChild child;
    pid_t spinner = 0;
    QList<pid_t> sleepers;

    explicit ThreadsChild(int sleeperCount)
        : child(python, { u"-c"_s, threadsScript, QString::number(sleeperCount) })
    {
        const QList<QByteArray> ids = child.readLine().split(' ');
        if (ids.size() != sleeperCount + 2)
            return;
        spinner = ids[1].toInt();
        for (qsizetype i = 2; i < ids.size(); ++i)
            sleepers.append(ids[i].toInt());
    }
};

int openDescriptors()
{
    return int(QDir(u"/proc/self/fd"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System).size());
}

} // namespace

class TestTaskFiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsWhatTheOneShotReadersRead();
    void keptFilesAreReadAfresh();
    void endedThreadsReadAsGoneAndTheirFilesClose();
    void processThatIsGoneListsNothing();
    void pastTheBudgetThreadsAreStillRead();
};

void TestTaskFiles::initTestCase()
{
    // A small open-file limit, set before the budget is first asked for: 50 descriptors, so that a child with a few
    // dozen threads goes past it.
    rlimit limit {};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
    limit.rlim_cur = std::min<rlim_t>(200, limit.rlim_max);
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &limit), 0);
    QCOMPARE(TaskFiles::descriptorBudget(), int(limit.rlim_cur / 4));
}

void TestTaskFiles::readsWhatTheOneShotReadersRead()
{
    ThreadsChild threads(2);
    QCOMPARE(threads.sleepers.size(), 2);
    const pid_t pid = threads.child.pid();
    TaskFiles files(pid);

    std::vector<pid_t> tids;
    QVERIFY(files.listThreads(tids));
    const QList<pid_t> listed = listThreads(pid);
    QCOMPARE(QList<pid_t>(tids.begin(), tids.end()), listed);
    QCOMPARE(tids.size(), size_t(4));

    for (const pid_t tid : tids) {
        const std::optional<ThreadStat> kept = files.stat(tid);
        const std::optional<ThreadStat> oneShot = readThreadStat(pid, tid);
        QVERIFY(kept && oneShot);
        QCOMPARE(kept->tid, tid);
        QCOMPARE(kept->ppid, oneShot->ppid);
        QCOMPARE(kept->processGroup, oneShot->processGroup);
        QVERIFY(kept->name.isEmpty()); // not read on this path
    }
    // The sleepers wait in futex(2) at a place that stays put; the spinner runs.
    QTRY_VERIFY_WITH_TIMEOUT(files.syscallPosition(threads.sleepers[0]).number == SYS_futex, 3000);
    const SyscallPosition waiting = files.syscallPosition(threads.sleepers[0]);
    QVERIFY(waiting.sp != 0 && waiting.pc != 0);
    QCOMPARE(files.syscallPosition(threads.sleepers[0]), waiting);
    QCOMPARE(waiting.number, readSyscallNumber(pid, threads.sleepers[0]).value_or(-3));
    QTRY_COMPARE_WITH_TIMEOUT(files.stat(threads.spinner)->state, ThreadState::Running, 3000);
    QCOMPARE(files.syscallPosition(threads.spinner).number, -2);
    QVERIFY(files.keptDescriptors() >= 5);
}

void TestTaskFiles::keptFilesAreReadAfresh()
{
    ThreadsChild threads(1);
    QVERIFY(threads.spinner > 0);
    TaskFiles files(threads.child.pid());
    const std::optional<ThreadStat> first = files.stat(threads.spinner);
    QVERIFY(first);
    QCOMPARE(files.keptDescriptors(), 1);
    // The spinner's CPU time grows while the same descriptor is read again.
    QTRY_VERIFY_WITH_TIMEOUT(files.stat(threads.spinner)->utimeTicks >= first->utimeTicks + 10, 3000);
    QCOMPARE(files.keptDescriptors(), 1);
}

void TestTaskFiles::endedThreadsReadAsGoneAndTheirFilesClose()
{
    ThreadsChild threads(3);
    QCOMPARE(threads.sleepers.size(), 3);
    const int before = openDescriptors();
    {
        TaskFiles files(threads.child.pid());
        std::vector<pid_t> tids;
        QVERIFY(files.listThreads(tids));
        for (const pid_t tid : tids) {
            QVERIFY(files.stat(tid));
            files.syscallPosition(tid);
        }
        const qsizetype keptWithSleepers = files.keptDescriptors();
        QCOMPARE(keptWithSleepers, 2 * 5); // the spinner's syscall file too: it reads "running"
        QCOMPARE(openDescriptors(), before + 1 + int(keptWithSleepers)); // and the task directory

        threads.child.process().write("\n");
        QCOMPARE(threads.child.readLine(), "released"_ba);
        for (const pid_t sleeper : std::as_const(threads.sleepers)) {
            // Python's join returns as the thread finishes its Python part: the kernel's thread ends a moment later.
            QTRY_COMPARE_WITH_TIMEOUT(files.stat(sleeper), std::nullopt, 3000);
            QCOMPARE(files.syscallPosition(sleeper).number, -2);
        }
        QVERIFY(files.listThreads(tids));
        QCOMPARE(tids.size(), size_t(2));
        QCOMPARE(files.keptDescriptors(), 4); // main's and the spinner's
        QVERIFY(files.stat(threads.spinner));
    }
    QCOMPARE(openDescriptors(), before);
}

void TestTaskFiles::processThatIsGoneListsNothing()
{
    ThreadsChild threads(1);
    const pid_t pid = threads.child.pid();
    QVERIFY(pid > 0);
    TaskFiles files(pid);
    std::vector<pid_t> tids;
    QVERIFY(files.listThreads(tids));
    QVERIFY(files.stat(pid));
    threads.child.kill(); // killed and reaped

    QVERIFY(!files.listThreads(tids));
    QVERIFY(tids.empty());
    QCOMPARE(files.stat(pid), std::nullopt);
    QCOMPARE(files.syscallPosition(pid).number, -2);

    for (const pid_t invalid : { 0, -1 }) {
        TaskFiles none(invalid);
        QVERIFY(!none.listThreads(tids));
        QCOMPARE(none.stat(invalid), std::nullopt);
    }
}

void TestTaskFiles::pastTheBudgetThreadsAreStillRead()
{
    const int budget = TaskFiles::descriptorBudget();
    ThreadsChild threads(budget + 10);
    QCOMPARE(threads.sleepers.size(), budget + 10);
    TaskFiles files(threads.child.pid());
    std::vector<pid_t> tids;
    QVERIFY(files.listThreads(tids));
    QCOMPARE(tids.size(), size_t(budget + 12));
    for (int round = 0; round < 2; ++round) {
        for (const pid_t tid : tids) {
            QVERIFY2(files.stat(tid), qPrintable(u"thread %1, round %2"_s.arg(tid).arg(round)));
            if (threads.sleepers.contains(tid))
                QCOMPARE(files.syscallPosition(tid).number, SYS_futex);
        }
    }
    QCOMPARE(files.keptDescriptors(), budget);

    // A second process's files get no more while the first keeps them all, and are read all the same.
    ThreadsChild other(1);
    TaskFiles otherFiles(other.child.pid());
    QVERIFY(otherFiles.stat(other.spinner));
    QCOMPARE(otherFiles.keptDescriptors(), 0);
}

QTEST_GUILESS_MAIN(TestTaskFiles)
#include "tst_taskfiles.moc"
