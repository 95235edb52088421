// Predicting ptrace permission: every branch of the decision through injected facts, then the facts gathered
// from real processes (ourselves, a reaped child, a zombie, kthreadd, a child and a grandchild).

#include "TestChild.h"
#include "ZombieChild.h"
#include "target/AttachCheck.h"

#include <QFile>
#include <QTest>

#include <atomic>
#include <thread>

#include <cerrno>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace wpm;
using namespace Qt::StringLiterals;

namespace {

// A process the kernel would let anyone of the same user trace.
AttachFacts attachable()
{
    AttachFacts facts;
    facts.pid = 4242;
    facts.exists = true;
    facts.name = u"gunicorn"_s;
    facts.state = ThreadState::Sleeping;
    facts.targetUid = 1000;
    facts.yamaPtraceScope = 0;
    return facts;
}

struct DecisionCase {
    const char* name;
    AttachFacts facts;
    QStringList mustMention; // empty: attachable
};

QList<DecisionCase> decisionCases()
{
    QList<DecisionCase> cases;
    const auto add = [&](const char* name, auto change, QStringList mustMention) {
        AttachFacts facts = attachable();
        change(facts);
        cases.append({ name, facts, std::move(mustMention) });
    };
    const QStringList launch { u"let the workbench launch the server"_s };
    const QStringList sysctl { u"sudo sysctl kernel.yama.ptrace_scope=0"_s, u"CAP_SYS_PTRACE"_s };

    add("Yama absent", [](AttachFacts& f) { f.yamaPtraceScope = -1; }, {});
    add("scope 0", [](AttachFacts&) {}, {});
    add(
        "no such process", [](AttachFacts& f) { f.exists = false; },
        QStringList { u"No process with PID 4242 is running"_s, u"pick a running process"_s } + launch);
    add("no such process, whatever else",
        [](AttachFacts& f) {
            f.exists = false;
            f.tracerPid = 7;
            f.yamaPtraceScope = 3;
        },
        { u"No process with PID 4242"_s });
    add("ourselves", [](AttachFacts& f) { f.isSelf = true; }, { u"4242"_s, u"cannot profile itself"_s });
    add("zombie", [](AttachFacts& f) { f.state = ThreadState::Zombie; },
        { u"4242 (gunicorn)"_s, u"zombie"_s, u"restart the server"_s });
    add("dead", [](AttachFacts& f) { f.state = ThreadState::Dead; }, { u"4242 (gunicorn)"_s, u"zombie"_s });
    add("kernel thread",
        [](AttachFacts& f) {
            f.isKernelThread = true;
            f.name = u"kworker/0:1"_s;
        },
        { u"4242 (kworker/0:1)"_s, u"kernel thread"_s, u"pick the server's process"_s });
    add("traced by a debugger",
        [](AttachFacts& f) {
            f.tracerPid = 777;
            f.tracerName = u"gdb"_s;
        },
        { u"4242 (gunicorn)"_s, u"already traced by process 777 (gdb)"_s, u"only one tracer"_s,
            u"detach or close 777 (gdb)"_s });
    add("traced by an unnamed tracer", [](AttachFacts& f) { f.tracerPid = 777; },
        { u"already traced by process 777,"_s });
    add("traced by this workbench",
        [](AttachFacts& f) {
            f.tracerPid = 99;
            f.tracerIsSelf = true;
        },
        { u"already being profiled by this workbench"_s, u"stop that session"_s });
    add(
        "scope 1, not ours", [](AttachFacts& f) { f.yamaPtraceScope = 1; },
        QStringList { u"4242 (gunicorn)"_s, u"ptrace_scope is 1"_s } + sysctl + launch);
    add("scope 1, launched by us",
        [](AttachFacts& f) {
            f.yamaPtraceScope = 1;
            f.isDescendant = true;
        },
        {});
    add("scope 1, capability",
        [](AttachFacts& f) {
            f.yamaPtraceScope = 1;
            f.hasPtraceCapability = true;
        },
        {});
    add(
        "scope 2, launched by us",
        [](AttachFacts& f) {
            f.yamaPtraceScope = 2;
            f.isDescendant = true;
        },
        QStringList { u"ptrace_scope is 2"_s, u"setcap cap_sys_ptrace+ep"_s } + sysctl);
    add("scope 2, capability",
        [](AttachFacts& f) {
            f.yamaPtraceScope = 2;
            f.hasPtraceCapability = true;
        },
        {});
    add("scope 3, capability and launched",
        [](AttachFacts& f) {
            f.yamaPtraceScope = 3;
            f.hasPtraceCapability = true;
            f.isDescendant = true;
        },
        { u"ptrace_scope is 3"_s, u"until the next reboot"_s, u"kernel.yama.ptrace_scope=0"_s, u"reboot"_s });
    add(
        "another user",
        [](AttachFacts& f) {
            f.sameCredentials = false;
            f.targetUid = 33;
        },
        QStringList { u"4242 (gunicorn)"_s, u"another user (uid 33)"_s, u"CAP_SYS_PTRACE"_s } + launch);
    add("another user, capability",
        [](AttachFacts& f) {
            f.sameCredentials = false;
            f.hasPtraceCapability = true;
        },
        {});
    return cases;
}

int capabilityBitFromKernel(int capability)
{
    __user_cap_header_struct header { _LINUX_CAPABILITY_VERSION_3, 0 };
    __user_cap_data_struct data[2] {};
    if (::syscall(SYS_capget, &header, data) != 0)
        return -1;
    return int((data[capability / 32].effective >> (capability % 32)) & 1U);
}

} // namespace

class TestAttachCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decides_data();
    void decides();
    void explainsPtraceErrors();
    void readsPolicyOfThisProcess();
    void refusesOurselves();
    void refusesReapedProcess();
    void refusesZombie();
    void refusesKernelThread();
    void gathersFactsOfChildren();
};

void TestAttachCheck::decides_data()
{
    QTest::addColumn<int>("index");
    const QList<DecisionCase> cases = decisionCases();
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].name) << i;
}

void TestAttachCheck::decides()
{
    QFETCH(int, index);
    const DecisionCase testCase = decisionCases().at(index);
    const Status status = checkAttachable(testCase.facts);
    QCOMPARE(status.ok(), testCase.mustMention.isEmpty());
    for (const QString& fragment : testCase.mustMention) {
        if (!status.error().message.contains(fragment))
            QFAIL(qPrintable(u"\"%1\" does not mention \"%2\""_s.arg(status.error().message, fragment)));
    }
}

void TestAttachCheck::explainsPtraceErrors()
{
    AttachFacts vanished = attachable();
    vanished.exists = false;
    QVERIFY(explainPtraceError(ESRCH, vanished).contains(u"No process with PID 4242 is running"_s));
    const QString notStopped = explainPtraceError(ESRCH, attachable());
    QVERIFY(notStopped.contains(u"4242 (gunicorn) is no longer under the workbench's control"_s));
    QVERIFY(notStopped.contains(u"Restart profiling"_s));

    // EPERM with a predictable cause gives exactly the prediction.
    AttachFacts restricted = attachable();
    restricted.yamaPtraceScope = 1;
    QCOMPARE(explainPtraceError(EPERM, restricted), checkAttachable(restricted).error().message);
    AttachFacts debugged = attachable();
    debugged.tracerPid = 777;
    debugged.tracerName = u"strace"_s;
    QVERIFY(explainPtraceError(EPERM, debugged).contains(u"777 (strace)"_s));
    // ... and without one, every way out.
    const QString refused = explainPtraceError(EPERM, attachable());
    for (const QString& fragment : { u"4242 (gunicorn)"_s, u"operation not permitted"_s, u"PR_SET_DUMPABLE"_s,
             u"--cap-add=SYS_PTRACE"_s, u"sudo sysctl kernel.yama.ptrace_scope=0"_s, u"CAP_SYS_PTRACE"_s,
             u"let the workbench launch the server"_s })
        QVERIFY2(refused.contains(fragment), qPrintable(fragment));

    const QString busy = explainPtraceError(EBUSY, attachable());
    QVERIFY(busy.contains(u"4242 (gunicorn) is busy"_s));
    QVERIFY(busy.contains(u"close any debugger"_s));

    const QString other = explainPtraceError(EIO, attachable());
    QVERIFY(other.contains(u"Tracing process 4242 (gunicorn) failed"_s));
    QVERIFY(other.contains(qt_error_string(EIO)));

    QVERIFY(explainPtraceError(EPERM, ::getpid()).contains(u"cannot profile itself"_s));
}

void TestAttachCheck::readsPolicyOfThisProcess()
{
    const int scope = readYamaPtraceScope();
    if (QFile::exists(u"/proc/sys/kernel/yama/ptrace_scope"_s))
        QVERIFY(scope >= 0 && scope <= 3);
    else
        QCOMPARE(scope, -1);

    const int fromKernel = capabilityBitFromKernel(CAP_SYS_PTRACE);
    QVERIFY(fromKernel >= 0);
    QCOMPARE(hasPtraceCapability(), fromKernel == 1);

    const AttachFacts facts = gatherAttachFacts(::getpid());
    QCOMPARE(facts.yamaPtraceScope, scope);
    QCOMPARE(facts.hasPtraceCapability, fromKernel == 1);
}

void TestAttachCheck::refusesOurselves()
{
    const Status self = checkAttachable(::getpid());
    QVERIFY(!self);
    QVERIFY(self.error().message.contains(u"PID %1 is the workbench itself"_s.arg(::getpid())));

    // One of our other threads is ourselves too.
    std::atomic<pid_t> tid { 0 };
    std::atomic<bool> done { false };
    std::thread thread([&] {
        tid = pid_t(::gettid());
        while (!done)
            std::this_thread::yield();
    });
    QTRY_VERIFY(tid != 0);
    const Status thread2 = checkAttachable(tid);
    done = true;
    thread.join();
    QVERIFY(!thread2);
    QVERIFY(thread2.error().message.contains(u"cannot profile itself"_s));
}

void TestAttachCheck::refusesReapedProcess()
{
    ZombieChild child;
    QVERIFY(child.pid() > 0);
    child.reap();
    const Status status = checkAttachable(child.pid());
    QVERIFY(!status);
    QCOMPARE(status.error().message,
        u"No process with PID %1 is running; pick a running process or let the workbench launch the server."_s.arg(
            child.pid()));
    QVERIFY(!gatherAttachFacts(child.pid()).exists);
}

void TestAttachCheck::refusesZombie()
{
    ZombieChild zombie;
    QVERIFY(zombie.pid() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(gatherAttachFacts(zombie.pid()).state, ThreadState::Zombie, 3000);
    const AttachFacts facts = gatherAttachFacts(zombie.pid());
    QVERIFY(facts.exists);
    QVERIFY(facts.isDescendant);
    const Status status = checkAttachable(facts);
    QVERIFY(!status);
    QVERIFY(status.error().message.contains(u"zombie"_s));
    QVERIFY(status.error().message.contains(QString::number(zombie.pid())));
}

void TestAttachCheck::refusesKernelThread()
{
    QFile comm(u"/proc/2/comm"_s);
    if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != "kthreadd")
        QSKIP("PID 2 is not kthreadd here (a PID namespace?)");
    const Status status = checkAttachable(2);
    QVERIFY(!status);
    QVERIFY(status.error().message.contains(u"PID 2 (kthreadd) is a kernel thread"_s));
}

void TestAttachCheck::gathersFactsOfChildren()
{
    TestChild child(u"/bin/sh"_s, { u"-c"_s, u"sleep 30 & wait"_s });
    QVERIFY(child.pid() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(listChildProcesses(child.pid()).size(), 1, 3000);
    const pid_t grandchild = listChildProcesses(child.pid()).constFirst();
    // Forked by sh, it is named sh until it has exec'ed sleep.
    QTRY_COMPARE_WITH_TIMEOUT(readProcessInfo(grandchild).value_or(ProcessInfo {}).name, u"sleep"_s, 3000);

    const AttachFacts facts = gatherAttachFacts(grandchild);
    QVERIFY(facts.exists);
    QVERIFY(!facts.isSelf);
    QCOMPARE(facts.name, u"sleep"_s);
    QVERIFY(!facts.isKernelThread);
    QVERIFY(facts.isDescendant);
    QVERIFY(facts.sameCredentials);
    QCOMPARE(facts.targetUid, ::getuid());
    QCOMPARE(facts.tracerPid, 0);
    // A process the workbench launched is attachable unless Yama or a missing capability forbids all tracing.
    const bool forbidden = facts.yamaPtraceScope == 3 || (facts.yamaPtraceScope == 2 && !facts.hasPtraceCapability);
    QCOMPARE(checkAttachable(facts).ok(), !forbidden);
    QCOMPARE(checkAttachable(grandchild).ok(), !forbidden);

    QVERIFY(!gatherAttachFacts(::getppid()).isDescendant);
    QVERIFY(!gatherAttachFacts(1).isDescendant);
}

QTEST_GUILESS_MAIN(TestAttachCheck)
#include "tst_attachcheck.moc"
