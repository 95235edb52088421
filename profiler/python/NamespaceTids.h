#pragma once
// Thread ids as a process in a PID namespace of its own (a server in a container) knows them, and as this side does.
// CPython keeps the former in its thread states (native_thread_id, or glibc's struct pthread before 3.11); /proc,
// ptrace and the sampler use the latter. /proc/PID/task/TID/status's NSpid line gives both.

#include <QHash>

#include <sys/types.h>

namespace wpm {

class NamespaceTids {
public:
    explicit NamespaceTids(pid_t pid);

    // Whether the process has a PID namespace of its own, so that its thread ids are not ours.
    bool differ() const { return m_differ; }
    // The id this side knows a thread by, from the one the process knows it by; 0 when no thread has it. A missing
    // id (a thread started since) has the threads' ids read again when the process has threads it had not.
    pid_t outerOf(pid_t inner);
    // The id the process knows a thread by, from this side's; 0 when no thread has it.
    pid_t innerOf(pid_t outer);

private:
    pid_t translated(const QHash<pid_t, pid_t>& ids, pid_t id);
    void refresh();

    pid_t m_pid;
    bool m_differ = false;
    QHash<pid_t, pid_t> m_outerOf; // inner -> outer
    QHash<pid_t, pid_t> m_innerOf; // outer -> inner
    QList<pid_t> m_threads; // the process's threads when last read, by our ids
};

} // namespace wpm
