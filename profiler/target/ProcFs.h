#pragma once
// Small readers of /proc for the process being profiled: its threads, children, states and tracer.
// A process or thread may vanish between two reads; every reader then returns empty or nullopt.

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include <sys/types.h>

namespace wpm {

// The one-letter state of /proc/PID/task/TID/stat, as an enum.
enum class ThreadState { Running, Sleeping, DiskSleep, Stopped, TracingStop, Zombie, Dead, Idle, Unknown };

// For logs and the GUI: "running", "sleeping", ... (not translated: it names the kernel's states).
QString threadStateName(ThreadState state);

struct ThreadStat {
    pid_t tid = 0;
    QString name; // comm: at most 15 bytes, may contain spaces and parentheses
    ThreadState state = ThreadState::Unknown;
    quint64 utimeTicks = 0; // in sysconf(_SC_CLK_TCK) ticks
    quint64 stimeTicks = 0;
    pid_t ppid = 0;
    pid_t processGroup = 0;
    bool isKernelThread = false; // PF_KTHREAD in the flags field
    bool isExiting = false; // PF_EXITING in the flags field
    int processor = -1; // the CPU it runs on, last ran on, or waits for (field 39); -1 when not given

    // The CPU a runnable thread runs on or waits for; -1 for a thread that is not runnable (a sleeping one is
    // woken wherever the scheduler then puts it).
    int runnableOn() const { return state == ThreadState::Running ? processor : -1; }
};

struct ProcessInfo {
    pid_t pid = 0;
    pid_t ppid = 0;
    QString name; // comm
    QStringList commandLine; // empty for kernel threads and zombies
    QString executable; // target of /proc/PID/exe; empty when unreadable (kernel thread, another user's process)
    ThreadState state = ThreadState::Unknown;
    bool isKernelThread = false;
};

// The thread ids of pid, sorted; empty when pid does not exist.
QList<pid_t> listThreads(pid_t pid);

// The direct children of pid, sorted. Reads /proc/PID/task/*/children where the kernel has it
// (CONFIG_PROC_CHILDREN), else scans the parent pid of every process.
QList<pid_t> listChildProcesses(pid_t pid);

// The children found by scanning /proc/*/stat: the fallback of listChildProcesses, public so tests compare both.
QList<pid_t> scanChildProcesses(pid_t pid);

// Children, grandchildren, ...: breadth first, so a process always comes before its own children.
QList<pid_t> listDescendants(pid_t pid);

// The processes of group pgid that have not exited (zombies left out), sorted.
QList<pid_t> listProcessGroup(pid_t pgid);

// /proc/PID/task/TID/stat, parsed from the last ')' so that any comm is safe.
std::optional<ThreadStat> readThreadStat(pid_t pid, pid_t tid);

// The system call tid is blocked in, from /proc/PID/task/TID/syscall; -1 when it runs in user space
// (or is blocked outside a system call); nullopt when unreadable (gone, or not ours to inspect).
std::optional<qint64> readSyscallNumber(pid_t pid, pid_t tid);

std::optional<ProcessInfo> readProcessInfo(pid_t pid);

// Every process this user can see, sorted by pid: for an attach picker.
QList<ProcessInfo> listProcesses();

// The tid of the thread tracing pid (from /proc/PID/status); 0 when untraced or unreadable.
pid_t tracerPid(pid_t pid);

// The value of one "Key:\tvalue" line of /proc/PID/status, trimmed; nullopt when absent or unreadable.
std::optional<QByteArray> readStatusField(pid_t pid, QByteArrayView key);

} // namespace wpm
