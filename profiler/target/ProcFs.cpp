#include "ProcFs.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>

#include <algorithm>

#include <climits>
#include <unistd.h>

namespace wpm {

namespace {

// PF_KTHREAD from include/linux/sched.h: the flags field marks kernel threads reliably, unlike an empty cmdline
// (which zombies and processes that clear their argv also have).
constexpr quint64 kernelThreadFlag = 0x00200000;
// PF_EXITING: the thread is on its way out (ptrace then answers EPERM, which is no denial).
constexpr quint64 exitingFlag = 0x00000004;

// /proc files report size 0, so read until end of file. Unbuffered: these files are read once and dropped.
std::optional<QByteArray> readProcFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return std::nullopt;
    QByteArray content = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return std::nullopt;
    return content;
}

QString procPath(pid_t pid, QStringView rest)
{
    return QStringLiteral("/proc/%1/%2").arg(pid).arg(rest);
}

QString taskPath(pid_t pid, pid_t tid, QStringView rest)
{
    return QStringLiteral("/proc/%1/task/%2/%3").arg(pid).arg(tid).arg(rest);
}

// The numeric entries of a /proc directory, sorted: pids in /proc, tids in /proc/PID/task.
QList<pid_t> numericEntries(const QString& directory)
{
    QList<pid_t> ids;
    const QStringList names = QDir(directory).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : names) {
        bool ok = false;
        const int id = name.toInt(&ok);
        if (ok && id > 0)
            ids.append(id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

ThreadState stateFromLetter(char letter)
{
    switch (letter) {
    case 'R':
        return ThreadState::Running;
    case 'S':
        return ThreadState::Sleeping;
    case 'D':
        return ThreadState::DiskSleep;
    case 'T':
        return ThreadState::Stopped;
    case 't':
        return ThreadState::TracingStop;
    case 'Z':
        return ThreadState::Zombie;
    case 'X':
    case 'x':
        return ThreadState::Dead;
    case 'I':
        return ThreadState::Idle;
    default:
        return ThreadState::Unknown;
    }
}

// "TID (comm) S PPID ...": the comm can hold anything but NUL, so it ends at the LAST ')'.
std::optional<ThreadStat> parseStat(const QByteArray& text)
{
    const qsizetype open = text.indexOf('(');
    const qsizetype close = text.lastIndexOf(')');
    if (open <= 0 || close < open)
        return std::nullopt;
    bool ok = false;
    ThreadStat stat;
    stat.tid = text.left(open).trimmed().toInt(&ok);
    if (!ok)
        return std::nullopt;
    stat.name = QString::fromUtf8(text.mid(open + 1, close - open - 1));

    // After the comm: [0] state (field 3 in proc(5)), [1] ppid, [2] pgrp, [6] flags, [11] utime, [12] stime,
    // [36] processor.
    const QList<QByteArray> fields = text.mid(close + 1).simplified().split(' ');
    if (fields.size() < 13 || fields[0].size() != 1)
        return std::nullopt;
    stat.state = stateFromLetter(fields[0].at(0));
    bool ppidOk = false, groupOk = false, flagsOk = false, utimeOk = false, stimeOk = false;
    stat.ppid = fields[1].toInt(&ppidOk);
    stat.processGroup = fields[2].toInt(&groupOk);
    const quint64 flags = fields[6].toULongLong(&flagsOk);
    stat.utimeTicks = fields[11].toULongLong(&utimeOk);
    stat.stimeTicks = fields[12].toULongLong(&stimeOk);
    if (!ppidOk || !groupOk || !flagsOk || !utimeOk || !stimeOk)
        return std::nullopt;
    stat.isKernelThread = (flags & kernelThreadFlag) != 0;
    stat.isExiting = (flags & exitingFlag) != 0;
    if (fields.size() > 36) {
        const int processor = fields[36].toInt(&ok);
        stat.processor = ok ? processor : -1;
    }
    return stat;
}

std::optional<ThreadStat> readStatFile(const QString& path)
{
    const std::optional<QByteArray> text = readProcFile(path);
    return text ? parseStat(*text) : std::nullopt;
}

QString readLink(const QString& path)
{
    const QByteArray encoded = QFile::encodeName(path);
    char target[PATH_MAX];
    const ssize_t length = ::readlink(encoded.constData(), target, sizeof target);
    if (length <= 0)
        return {};
    return QFile::decodeName(QByteArray(target, length));
}

bool kernelListsChildren()
{
    // Absent when the kernel is built without CONFIG_PROC_CHILDREN.
    static const bool present = QFile::exists(QStringLiteral("/proc/thread-self/children"));
    return present;
}

// parent pid -> its children, from one scan of every /proc/PID/stat.
QHash<pid_t, QList<pid_t>> scanParentMap()
{
    QHash<pid_t, QList<pid_t>> children;
    for (const pid_t pid : numericEntries(QStringLiteral("/proc"))) {
        if (const std::optional<ThreadStat> stat = readStatFile(procPath(pid, u"stat")))
            children[stat->ppid].append(pid);
    }
    return children;
}

QList<pid_t> childrenFromTaskFiles(pid_t pid)
{
    QList<pid_t> children;
    for (const pid_t tid : listThreads(pid)) {
        const std::optional<QByteArray> text = readProcFile(taskPath(pid, tid, u"children"));
        if (!text)
            continue; // the thread exited meanwhile
        for (const QByteArray& field : text->simplified().split(' ')) {
            bool ok = false;
            const int child = field.toInt(&ok);
            if (ok && child > 0)
                children.append(child);
        }
    }
    std::sort(children.begin(), children.end());
    children.erase(std::unique(children.begin(), children.end()), children.end());
    return children;
}

} // namespace

QString threadStateName(ThreadState state)
{
    switch (state) {
    case ThreadState::Running:
        return QStringLiteral("running");
    case ThreadState::Sleeping:
        return QStringLiteral("sleeping");
    case ThreadState::DiskSleep:
        return QStringLiteral("disk sleep");
    case ThreadState::Stopped:
        return QStringLiteral("stopped");
    case ThreadState::TracingStop:
        return QStringLiteral("tracing stop");
    case ThreadState::Zombie:
        return QStringLiteral("zombie");
    case ThreadState::Dead:
        return QStringLiteral("dead");
    case ThreadState::Idle:
        return QStringLiteral("idle");
    case ThreadState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QList<pid_t> listThreads(pid_t pid)
{
    if (pid <= 0)
        return {};
    return numericEntries(procPath(pid, u"task"));
}

QList<pid_t> listChildProcesses(pid_t pid)
{
    if (pid <= 0)
        return {};
    return kernelListsChildren() ? childrenFromTaskFiles(pid) : scanChildProcesses(pid);
}

QList<pid_t> scanChildProcesses(pid_t pid)
{
    if (pid <= 0)
        return {};
    return scanParentMap().value(pid); // numericEntries is sorted, so each list is too
}

QList<pid_t> listDescendants(pid_t pid)
{
    if (pid <= 0)
        return {};
    // Without the children files, scan /proc once rather than once per process of the tree.
    const bool scan = !kernelListsChildren();
    const QHash<pid_t, QList<pid_t>> parentMap = scan ? scanParentMap() : QHash<pid_t, QList<pid_t>> {};

    QList<pid_t> descendants;
    QSet<pid_t> seen { pid }; // a pid reused while we walk must not loop us
    QList<pid_t> queue { pid };
    for (qsizetype next = 0; next < queue.size(); ++next) {
        const QList<pid_t> children = scan ? parentMap.value(queue[next]) : childrenFromTaskFiles(queue[next]);
        for (const pid_t child : children) {
            if (seen.contains(child))
                continue;
            seen.insert(child);
            queue.append(child);
            descendants.append(child);
        }
    }
    return descendants;
}

QList<pid_t> listProcessGroup(pid_t pgid)
{
    QList<pid_t> members;
    if (pgid <= 0)
        return members;
    for (const pid_t pid : numericEntries(QStringLiteral("/proc"))) {
        const std::optional<ThreadStat> stat = readStatFile(procPath(pid, u"stat"));
        if (stat && stat->processGroup == pgid && stat->state != ThreadState::Zombie
            && stat->state != ThreadState::Dead)
            members.append(pid);
    }
    return members;
}

std::optional<ThreadStat> readThreadStat(pid_t pid, pid_t tid)
{
    if (pid <= 0 || tid <= 0)
        return std::nullopt;
    return readStatFile(taskPath(pid, tid, u"stat"));
}

std::optional<qint64> readSyscallNumber(pid_t pid, pid_t tid)
{
    if (pid <= 0 || tid <= 0)
        return std::nullopt;
    const std::optional<QByteArray> text = readProcFile(taskPath(pid, tid, u"syscall"));
    if (!text)
        return std::nullopt;
    const QByteArray first = text->simplified().split(' ').value(0);
    if (first == "running")
        return -1;
    bool ok = false;
    const qint64 number = first.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return number;
}

std::optional<ProcessInfo> readProcessInfo(pid_t pid)
{
    if (pid <= 0)
        return std::nullopt;
    const std::optional<ThreadStat> stat = readStatFile(procPath(pid, u"stat"));
    if (!stat)
        return std::nullopt;
    ProcessInfo info;
    info.pid = pid;
    info.ppid = stat->ppid;
    info.name = stat->name;
    info.state = stat->state;
    info.isKernelThread = stat->isKernelThread;
    info.executable = readLink(procPath(pid, u"exe"));

    // NUL-separated, with a trailing NUL; a process may also have rewritten it as one string.
    QByteArray cmdline = readProcFile(procPath(pid, u"cmdline")).value_or(QByteArray {});
    if (cmdline.endsWith('\0'))
        cmdline.chop(1);
    if (!cmdline.isEmpty()) {
        for (const QByteArray& argument : cmdline.split('\0'))
            info.commandLine.append(QString::fromLocal8Bit(argument));
    }
    return info;
}

QList<ProcessInfo> listProcesses()
{
    QList<ProcessInfo> processes;
    for (const pid_t pid : numericEntries(QStringLiteral("/proc"))) {
        if (std::optional<ProcessInfo> info = readProcessInfo(pid))
            processes.append(std::move(*info));
    }
    return processes;
}

pid_t tracerPid(pid_t pid)
{
    bool ok = false;
    const pid_t tracer = readStatusField(pid, "TracerPid").value_or(QByteArray {}).toInt(&ok);
    return ok ? tracer : 0;
}

std::optional<QByteArray> readStatusField(pid_t pid, QByteArrayView key)
{
    if (pid <= 0)
        return std::nullopt;
    const std::optional<QByteArray> text = readProcFile(procPath(pid, u"status"));
    if (!text)
        return std::nullopt;
    for (const QByteArray& line : text->split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && QByteArrayView(line).first(colon) == key)
            return line.mid(colon + 1).trimmed();
    }
    return std::nullopt;
}

} // namespace wpm
