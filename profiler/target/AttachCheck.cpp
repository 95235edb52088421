#include "AttachCheck.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <unistd.h>

namespace wpm {

namespace {

constexpr int capSysPtrace = 19; // from linux/capability.h

// "1234 (python3)", or "1234" when the name is unknown.
QString describe(pid_t pid, const QString& name)
{
    return name.isEmpty() ? QString::number(pid) : QStringLiteral("%1 (%2)").arg(pid).arg(name);
}

QString describe(const AttachFacts& facts)
{
    return describe(facts.pid, facts.name);
}

// The real, effective and saved ids of a "Uid:" or "Gid:" status line.
QList<uint> firstThreeIds(const std::optional<QByteArray>& field)
{
    QList<uint> ids;
    if (!field)
        return ids;
    for (const QByteArray& value : field->simplified().split(' ').mid(0, 3)) {
        bool ok = false;
        const uint id = value.toUInt(&ok);
        if (ok)
            ids.append(id);
    }
    return ids;
}

// The kernel's ptrace_may_access compares the tracer's real ids with all three of the target's.
bool haveSameCredentials(pid_t pid, uid_t* targetUid)
{
    const QList<uint> uids = firstThreeIds(readStatusField(pid, "Uid"));
    const QList<uint> gids = firstThreeIds(readStatusField(pid, "Gid"));
    if (uids.size() != 3 || gids.size() != 3)
        return false;
    *targetUid = uids[0];
    const uint ourUid = ::getuid();
    const uint ourGid = ::getgid();
    return std::all_of(uids.begin(), uids.end(), [ourUid](uint id) { return id == ourUid; })
        && std::all_of(gids.begin(), gids.end(), [ourGid](uint id) { return id == ourGid; });
}

// Yama's notion of a descendant: walk the parents of pid up to init.
bool descendsFromUs(pid_t pid)
{
    const pid_t self = ::getpid();
    QSet<pid_t> seen;
    pid_t current = pid;
    while (current > 1 && !seen.contains(current)) {
        seen.insert(current);
        const std::optional<ThreadStat> stat = readThreadStat(current, current);
        if (!stat)
            return false;
        if (stat->ppid == self)
            return true;
        current = stat->ppid;
    }
    return false;
}

bool isOurThread(pid_t tid)
{
    return tid > 0 && QFile::exists(QStringLiteral("/proc/%1/task/%2").arg(::getpid()).arg(tid));
}

QString noSuchProcess(pid_t pid)
{
    return QCoreApplication::translate("wpm::AttachCheck",
        "No process with PID %1 is running; pick a running process or let the workbench launch the server.")
        .arg(pid);
}

} // namespace

int readYamaPtraceScope()
{
    QFile file(QStringLiteral("/proc/sys/kernel/yama/ptrace_scope"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    bool ok = false;
    const int scope = file.readAll().trimmed().toInt(&ok);
    return ok ? scope : -1;
}

bool hasPtraceCapability()
{
    bool ok = false;
    const quint64 effective = readStatusField(::getpid(), "CapEff").value_or(QByteArray {}).toULongLong(&ok, 16);
    return ok && (effective & (quint64 { 1 } << capSysPtrace)) != 0;
}

AttachFacts gatherAttachFacts(pid_t pid)
{
    AttachFacts facts;
    facts.pid = pid;
    facts.yamaPtraceScope = readYamaPtraceScope();
    facts.hasPtraceCapability = hasPtraceCapability();
    const std::optional<ProcessInfo> info = readProcessInfo(pid);
    if (!info)
        return facts;
    facts.exists = true;
    facts.isSelf = pid == ::getpid() || isOurThread(pid);
    facts.name = info->name;
    facts.state = info->state;
    facts.isKernelThread = info->isKernelThread;
    facts.isDescendant = descendsFromUs(pid);
    facts.sameCredentials = haveSameCredentials(pid, &facts.targetUid);

    // TracerPid names the tracing thread; its process is what the user knows (gdb, strace, py-spy).
    facts.tracerPid = tracerPid(pid);
    if (facts.tracerPid > 0) {
        bool ok = false;
        const pid_t tracerProcess = readStatusField(facts.tracerPid, "Tgid").value_or(QByteArray {}).toInt(&ok);
        const pid_t shown = ok && tracerProcess > 0 ? tracerProcess : facts.tracerPid;
        facts.tracerPid = shown;
        if (const std::optional<ProcessInfo> tracer = readProcessInfo(shown))
            facts.tracerName = tracer->name;
        facts.tracerIsSelf = shown == ::getpid();
    }
    return facts;
}

Status checkAttachable(const AttachFacts& facts)
{
    const QString target = describe(facts);
    if (!facts.exists)
        return Error { noSuchProcess(facts.pid) };
    if (facts.isSelf)
        return Error { QCoreApplication::translate("wpm::AttachCheck",
            "PID %1 is the workbench itself, which cannot profile itself; pick the server's process.")
                           .arg(facts.pid) };
    if (facts.state == ThreadState::Zombie || facts.state == ThreadState::Dead) {
        return Error { QCoreApplication::translate("wpm::AttachCheck",
            "Process %1 has exited and only its exit status remains (a zombie), so there is nothing "
            "to profile; restart the server and pick its new PID.")
                           .arg(target) };
    }
    if (facts.isKernelThread) {
        return Error { QCoreApplication::translate("wpm::AttachCheck",
            "PID %1 is a kernel thread, not a program, and cannot be profiled; pick the server's "
            "process instead.")
                           .arg(target) };
    }
    if (facts.tracerPid > 0 && facts.tracerIsSelf) {
        return Error { QCoreApplication::translate("wpm::AttachCheck",
            "Process %1 is already being profiled by this workbench; stop that session before "
            "attaching again.")
                           .arg(target) };
    }
    if (facts.tracerPid > 0) {
        return Error { QCoreApplication::translate("wpm::AttachCheck",
            "Process %1 is already traced by process %2, for example a debugger or another profiler, "
            "and a process can have only one tracer; detach or close %2 and try again.")
                           .arg(target, describe(facts.tracerPid, facts.tracerName)) };
    }
    // Yama (linux/security/yama): 3 forbids every attach, even with the capability, until the next reboot.
    if (facts.yamaPtraceScope >= 3) {
        return Error { QCoreApplication::translate("wpm::AttachCheck",
            "Process %1 cannot be profiled: kernel.yama.ptrace_scope is 3, which forbids tracing any "
            "process until the next reboot. Set kernel.yama.ptrace_scope=0 in /etc/sysctl.d/ and "
            "reboot, then try again.")
                           .arg(target) };
    }
    if (facts.yamaPtraceScope == 2 && !facts.hasPtraceCapability) {
        return Error { QCoreApplication::translate("wpm::AttachCheck",
            "Process %1 cannot be profiled: kernel.yama.ptrace_scope is 2, which lets only programs "
            "with CAP_SYS_PTRACE trace others. Set kernel.yama.ptrace_scope=0 (sudo sysctl "
            "kernel.yama.ptrace_scope=0) or grant the workbench CAP_SYS_PTRACE (sudo setcap "
            "cap_sys_ptrace+ep on its executable).")
                           .arg(target) };
    }
    if (facts.yamaPtraceScope == 1 && !facts.isDescendant && !facts.hasPtraceCapability) {
        return Error { QCoreApplication::translate("wpm::AttachCheck",
            "Process %1 cannot be profiled: kernel.yama.ptrace_scope is 1, which lets a program trace "
            "only the processes it started. Set kernel.yama.ptrace_scope=0 (sudo sysctl "
            "kernel.yama.ptrace_scope=0), grant CAP_SYS_PTRACE, or let the workbench launch the "
            "server.")
                           .arg(target) };
    }
    if (!facts.sameCredentials && !facts.hasPtraceCapability) {
        return Error { QCoreApplication::translate("wpm::AttachCheck",
            "Process %1 runs as another user (uid %2), and the kernel lets you trace only your own "
            "processes. Run the workbench as that user, grant it CAP_SYS_PTRACE, or let the "
            "workbench launch the server.")
                           .arg(target)
                           .arg(facts.targetUid) };
    }
    return success();
}

Status checkAttachable(pid_t pid)
{
    return checkAttachable(gatherAttachFacts(pid));
}

QString explainPtraceError(int errnoValue, const AttachFacts& facts)
{
    const QString target = describe(facts);
    switch (errnoValue) {
    case ESRCH:
        if (!facts.exists)
            return noSuchProcess(facts.pid);
        return QCoreApplication::translate("wpm::AttachCheck",
            "Process %1 is no longer under the workbench's control: it or one of its threads exited, or it "
            "was not stopped when the sampler read it. Restart profiling; if the server has exited, launch it "
            "again.")
            .arg(target);
    case EPERM: {
        const Status predicted = checkAttachable(facts);
        if (!predicted)
            return predicted.error().message;
        return QCoreApplication::translate("wpm::AttachCheck",
            "The kernel refused to let the workbench trace process %1 (operation not permitted). The program "
            "may forbid tracing (a setuid program, or prctl PR_SET_DUMPABLE 0), or a security module or "
            "container forbids ptrace (with Docker, add --cap-add=SYS_PTRACE). Set "
            "kernel.yama.ptrace_scope=0 (sudo sysctl kernel.yama.ptrace_scope=0), grant CAP_SYS_PTRACE, or "
            "let the workbench launch the server.")
            .arg(target);
    }
    case EBUSY:
        return QCoreApplication::translate("wpm::AttachCheck",
            "Process %1 is busy with another tracer (the kernel answered EBUSY); close any debugger or "
            "profiler attached to it and try again.")
            .arg(target);
    default:
        return QCoreApplication::translate("wpm::AttachCheck",
            "Tracing process %1 failed: %2. Restart profiling; if it keeps failing, let the workbench launch "
            "the server.")
            .arg(target, qt_error_string(errnoValue));
    }
}

QString explainPtraceError(int errnoValue, pid_t pid)
{
    return explainPtraceError(errnoValue, gatherAttachFacts(pid));
}

} // namespace wpm
