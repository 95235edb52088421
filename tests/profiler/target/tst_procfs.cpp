// The /proc readers against real processes: threads and their states, children and descendants, a comm that
// would fool a naive parser, system calls, and processes that vanish between two reads.

#include "TestChild.h"
#include "ZombieChild.h"
#include "target/ProcFs.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <csignal>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace wpm;
using namespace Qt::StringLiterals;

namespace {

const QString python = u"/usr/bin/python3"_s;

// Two threads asleep, one spinning; prints the native ids of main, sleepers and spinner on one line.
const QString threadsScript = uR"(
import threading, time
def spin():
    while True:
        pass
sleepers = [threading.Thread(target=time.sleep, args=(60,), daemon=True) for _ in range(2)]
spinner = threading.Thread(target=spin, daemon=True)
for t in sleepers + [spinner]:
    t.start()
print(threading.get_native_id(), *[t.native_id for t in sleepers], spinner.native_id, flush=True)
time.sleep(60)
)"_s;

bool isGone(pid_t pid)
{
    const std::optional<ThreadStat> stat = readThreadStat(pid, pid);
    return !stat || stat->state == ThreadState::Zombie || stat->state == ThreadState::Dead;
}

std::optional<ThreadState> stateOf(pid_t pid, pid_t tid)
{
    const std::optional<ThreadStat> stat = readThreadStat(pid, tid);
    return stat ? std::optional(stat->state) : std::nullopt;
}

} // namespace

class TestProcFs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listsThreadsOfAMultiThreadedProcess();
    void readsThreadStates();
    void readsStoppedAndZombieStates();
    void parsesAnyComm_data();
    void parsesAnyComm();
    void readsSyscallNumber();
    void listsChildrenAndDescendants();
    void listsProcessGroup();
    void readsProcessInfo();
    void listsProcesses();
    void recognisesKernelThread();
    void vanishedProcessReadsEmpty();
    void untracedProcessHasNoTracer();
};

void TestProcFs::listsThreadsOfAMultiThreadedProcess()
{
    TestChild child(python, { u"-c"_s, threadsScript });
    QVERIFY(child.pid() > 0);
    const QList<QByteArray> ids = child.readLine().split(' ');
    QCOMPARE(ids.size(), 4);
    QList<pid_t> expected;
    for (const QByteArray& id : ids)
        expected.append(id.toInt());
    QCOMPARE(expected.first(), child.pid());
    std::sort(expected.begin(), expected.end());

    QCOMPARE(listThreads(child.pid()), expected);
    const QList<pid_t> ours = listThreads(::getpid());
    QVERIFY(ours.contains(pid_t(::gettid())));
    QVERIFY(std::is_sorted(ours.begin(), ours.end()));
}

void TestProcFs::readsThreadStates()
{
    TestChild child(python, { u"-c"_s, threadsScript });
    QVERIFY(child.pid() > 0);
    const QList<QByteArray> ids = child.readLine().split(' ');
    QCOMPARE(ids.size(), 4);
    const pid_t sleeper = ids[1].toInt();
    const pid_t spinner = ids[3].toInt();

    QTRY_COMPARE_WITH_TIMEOUT(stateOf(child.pid(), sleeper), std::optional(ThreadState::Sleeping), 3000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(child.pid(), child.pid()), std::optional(ThreadState::Sleeping), 3000);
    // A spinning thread is runnable (R) whether or not it holds a CPU at this instant.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(child.pid(), spinner), std::optional(ThreadState::Running), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(readThreadStat(child.pid(), spinner).value_or(ThreadStat {}).utimeTicks > 0, 3000);

    const std::optional<ThreadStat> stat = readThreadStat(child.pid(), spinner);
    QVERIFY(stat);
    QCOMPARE(stat->tid, spinner);
    QCOMPARE(stat->ppid, ::getpid());
    QCOMPARE(stat->processGroup, child.pid());
    QVERIFY(!stat->isKernelThread);
    QCOMPARE(readThreadStat(child.pid(), child.pid())->name, u"python3"_s);

    // The CPU it runs on or waits for: once kept to the last CPU we may use, that one.
    cpu_set_t allowed;
    QCOMPARE(sched_getaffinity(0, sizeof allowed, &allowed), 0);
    int lastCpu = CPU_SETSIZE - 1;
    while (lastCpu > 0 && !CPU_ISSET(lastCpu, &allowed))
        --lastCpu;
    cpu_set_t only;
    CPU_ZERO(&only);
    CPU_SET(lastCpu, &only);
    QCOMPARE(sched_setaffinity(spinner, sizeof only, &only), 0);
    QTRY_COMPARE_WITH_TIMEOUT(readThreadStat(child.pid(), spinner).value_or(ThreadStat {}).processor, lastCpu, 3000);

    // The thread reading its own stat is running.
    QCOMPARE(stateOf(::getpid(), pid_t(::gettid())), std::optional(ThreadState::Running));
}

void TestProcFs::readsStoppedAndZombieStates()
{
    TestChild child(u"/bin/sleep"_s, { u"30"_s });
    QVERIFY(child.pid() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(child.pid(), child.pid()), std::optional(ThreadState::Sleeping), 3000);
    QCOMPARE(::kill(child.pid(), SIGSTOP), 0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(child.pid(), child.pid()), std::optional(ThreadState::Stopped), 3000);
    QCOMPARE(::kill(child.pid(), SIGCONT), 0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(child.pid(), child.pid()), std::optional(ThreadState::Sleeping), 3000);

    ZombieChild zombie;
    QVERIFY(zombie.pid() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(zombie.pid(), zombie.pid()), std::optional(ThreadState::Zombie), 3000);
}

void TestProcFs::parsesAnyComm_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("spaces and parentheses") << u"a b) (c"_s;
    QTest::newRow("looks like more fields") << u"p) R 1 2 (q)"_s;
    QTest::newRow("longer than comm") << u"x) y (z) w) long name"_s;
}

void TestProcFs::parsesAnyComm()
{
    QFETCH(QString, fileName);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(fileName);
    QVERIFY(QFile::copy(u"/bin/sleep"_s, path));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ExeOwner));

    TestChild child(path, { u"30"_s });
    QVERIFY(child.pid() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(child.pid(), child.pid()), std::optional(ThreadState::Sleeping), 3000);
    const std::optional<ThreadStat> stat = readThreadStat(child.pid(), child.pid());
    QVERIFY(stat);
    QCOMPARE(stat->name, fileName.left(15)); // the kernel keeps 15 bytes of the name
    QCOMPARE(stat->tid, child.pid());
    QCOMPARE(stat->ppid, ::getpid());
    QCOMPARE(stat->processGroup, child.pid());

    const std::optional<ProcessInfo> info = readProcessInfo(child.pid());
    QVERIFY(info);
    QCOMPARE(info->name, fileName.left(15));
    QCOMPARE(info->executable, QFileInfo(path).canonicalFilePath());
    QCOMPARE(info->commandLine, QStringList({ path, u"30"_s }));
}

void TestProcFs::readsSyscallNumber()
{
    TestChild child(u"/bin/sleep"_s, { u"30"_s });
    QVERIFY(child.pid() > 0);
    const auto inSleep = [&] {
        const std::optional<qint64> number = readSyscallNumber(child.pid(), child.pid());
        return number == SYS_clock_nanosleep || number == SYS_nanosleep;
    };
    QTRY_VERIFY_WITH_TIMEOUT(inSleep(), 3000);

    // A spinning thread never blocks: the kernel answers "running".
    TestChild spinning(python, { u"-c"_s, threadsScript });
    QVERIFY(spinning.pid() > 0);
    const QList<QByteArray> ids = spinning.readLine().split(' ');
    QCOMPARE(ids.size(), 4);
    QCOMPARE(readSyscallNumber(spinning.pid(), ids[3].toInt()), std::optional<qint64>(-1));

    // The thread reading is itself inside read(2).
    QCOMPARE(readSyscallNumber(::getpid(), pid_t(::gettid())), std::optional<qint64>(SYS_read));
    QCOMPARE(readSyscallNumber(child.pid(), child.pid() + 1'000'000'000), std::nullopt);
}

void TestProcFs::listsChildrenAndDescendants()
{
    TestChild child(u"/bin/sh"_s, { u"-c"_s, u"sh -c 'sleep 30 & sleep 30 & wait' & sleep 30 & wait"_s });
    QVERIFY(child.pid() > 0);
    // sh -> { sh -> { sleep, sleep }, sleep }
    QTRY_COMPARE_WITH_TIMEOUT(listDescendants(child.pid()).size(), 4, 3000);
    // A forked child is named "sh" until it has exec'ed sleep: wait for the names to settle.
    const auto namesOf = [](const QList<pid_t>& pids) {
        QStringList names;
        for (const pid_t pid : pids)
            names.append(readProcessInfo(pid) ? readProcessInfo(pid)->name : QString());
        names.sort();
        return names;
    };
    QTRY_COMPARE_WITH_TIMEOUT(namesOf(listChildProcesses(child.pid())), (QStringList { u"sh"_s, u"sleep"_s }), 3000);
    const QList<pid_t> children = listChildProcesses(child.pid());
    QCOMPARE(children.size(), 2);
    QVERIFY(std::is_sorted(children.begin(), children.end()));
    QCOMPARE(scanChildProcesses(child.pid()), children);

    pid_t innerShell = 0;
    for (const pid_t pid : children) {
        const std::optional<ProcessInfo> info = readProcessInfo(pid);
        QVERIFY(info);
        QCOMPARE(info->ppid, child.pid());
        if (info->name == u"sh"_s)
            innerShell = pid;
    }
    QVERIFY(innerShell > 0);
    QTRY_COMPARE_WITH_TIMEOUT(namesOf(listChildProcesses(innerShell)), (QStringList { u"sleep"_s, u"sleep"_s }), 3000);
    const QList<pid_t> grandchildren = listChildProcesses(innerShell);
    QCOMPARE(grandchildren.size(), 2);

    // Breadth first: every process comes before its children.
    const QList<pid_t> descendants = listDescendants(child.pid());
    for (const pid_t pid : grandchildren)
        QVERIFY(descendants.indexOf(innerShell) < descendants.indexOf(pid));
    const QList<pid_t> ours = listDescendants(::getpid());
    QVERIFY(ours.contains(child.pid()));
    for (const pid_t pid : descendants)
        QVERIFY(ours.contains(pid));
    QVERIFY(listChildProcesses(grandchildren.first()).isEmpty());
}

void TestProcFs::listsProcessGroup()
{
    TestChild child(u"/bin/sh"_s, { u"-c"_s, u"sleep 30 & sleep 30 & wait"_s });
    QVERIFY(child.pid() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(listChildProcesses(child.pid()).size(), 2, 3000);
    QList<pid_t> expected = listChildProcesses(child.pid()) << child.pid();
    std::sort(expected.begin(), expected.end());
    QCOMPARE(listProcessGroup(child.pid()), expected);
    QVERIFY(!listProcessGroup(child.pid()).contains(::getpid()));

    child.kill();
    QTRY_VERIFY_WITH_TIMEOUT(listProcessGroup(child.pid()).isEmpty(), 3000);
}

void TestProcFs::readsProcessInfo()
{
    const std::optional<ProcessInfo> self = readProcessInfo(::getpid());
    QVERIFY(self);
    QCOMPARE(self->pid, ::getpid());
    QCOMPARE(self->ppid, ::getppid());
    QCOMPARE(self->name, u"tst_procfs"_s);
    QCOMPARE(self->state, ThreadState::Running);
    QCOMPARE(self->commandLine, QCoreApplication::arguments());
    QCOMPARE(self->executable, QFileInfo(QCoreApplication::arguments().constFirst()).canonicalFilePath());
    QVERIFY(!self->isKernelThread);

    const QStringList arguments { u"-c"_s, u"import time; time.sleep(30)"_s, u"two words"_s, QString() };
    TestChild child(python, arguments);
    QVERIFY(child.pid() > 0);
    // The kernel fills the command line a moment after the exec that QProcess reports as "started".
    const auto commandLine = [&] { return readProcessInfo(child.pid()).value_or(ProcessInfo {}).commandLine; };
    QTRY_COMPARE_WITH_TIMEOUT(commandLine(), QStringList { python } + arguments, 3000);
    const std::optional<ProcessInfo> info = readProcessInfo(child.pid());
    QVERIFY(info);
    QCOMPARE(info->ppid, ::getpid());
    QCOMPARE(info->executable, QFileInfo(python).canonicalFilePath());
}

void TestProcFs::listsProcesses()
{
    TestChild child(u"/bin/sleep"_s, { u"30"_s });
    QVERIFY(child.pid() > 0);
    const QList<ProcessInfo> processes = listProcesses();
    QVERIFY(
        std::is_sorted(processes.begin(), processes.end(), [](const auto& a, const auto& b) { return a.pid < b.pid; }));
    const auto find = [&](pid_t pid) {
        return std::find_if(processes.begin(), processes.end(), [pid](const auto& p) { return p.pid == pid; });
    };
    QVERIFY(find(::getpid()) != processes.end());
    QCOMPARE(find(::getpid())->name, u"tst_procfs"_s);
    QVERIFY(find(child.pid()) != processes.end());
    QCOMPARE(find(child.pid())->name, u"sleep"_s);
    QVERIFY(find(1) != processes.end());
    // Only processes: our other threads are not listed as processes of their own.
    for (const pid_t tid : listThreads(::getpid())) {
        if (tid != ::getpid())
            QVERIFY(find(tid) == processes.end());
    }
}

void TestProcFs::recognisesKernelThread()
{
    QFile comm(u"/proc/2/comm"_s);
    if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != "kthreadd")
        QSKIP("PID 2 is not kthreadd here (a PID namespace?)");
    const std::optional<ProcessInfo> info = readProcessInfo(2);
    QVERIFY(info);
    QVERIFY(info->isKernelThread);
    QVERIFY(info->commandLine.isEmpty());
    QVERIFY(readThreadStat(2, 2)->isKernelThread);
}

void TestProcFs::vanishedProcessReadsEmpty()
{
    pid_t gone = 0;
    {
        TestChild child(u"/bin/true"_s, {});
        QVERIFY(child.pid() > 0);
        QVERIFY(child.process().waitForFinished(5000));
        gone = child.pid();
    }
    QVERIFY(isGone(gone));
    QVERIFY(listThreads(gone).isEmpty());
    QVERIFY(listChildProcesses(gone).isEmpty());
    QVERIFY(scanChildProcesses(gone).isEmpty());
    QVERIFY(listDescendants(gone).isEmpty());
    QCOMPARE(readThreadStat(gone, gone), std::nullopt);
    QCOMPARE(readSyscallNumber(gone, gone), std::nullopt);
    QVERIFY(!readProcessInfo(gone));
    QCOMPARE(tracerPid(gone), 0);
    QCOMPARE(readStatusField(gone, "Name"), std::nullopt);

    for (const pid_t invalid : { 0, -1 }) {
        QVERIFY(listThreads(invalid).isEmpty());
        QVERIFY(listChildProcesses(invalid).isEmpty());
        QVERIFY(listDescendants(invalid).isEmpty());
        QVERIFY(listProcessGroup(invalid).isEmpty());
        QVERIFY(!readProcessInfo(invalid));
        QCOMPARE(readThreadStat(invalid, invalid), std::nullopt);
    }
}

void TestProcFs::untracedProcessHasNoTracer()
{
    TestChild child(u"/bin/sleep"_s, { u"30"_s });
    QVERIFY(child.pid() > 0);
    QCOMPARE(readStatusField(child.pid(), "TracerPid"), std::optional<QByteArray>("0"));
    QCOMPARE(tracerPid(child.pid()), 0);
    QCOMPARE(readStatusField(child.pid(), "Name"), std::optional<QByteArray>("sleep"));
    QCOMPARE(readStatusField(child.pid(), "NoSuchKey"), std::nullopt);
}

QTEST_GUILESS_MAIN(TestProcFs)
#include "tst_procfs.moc"
