#pragma once
// A child that exits at once and is not reaped until the test ends: a zombie to look at.

#include <sys/wait.h>
#include <unistd.h>

class ZombieChild {
public:
    ZombieChild()
        : m_pid(::fork())
    {
        if (m_pid == 0)
            ::_exit(0); // async-signal-safe: the test process has threads
    }
    ~ZombieChild() { reap(); }
    ZombieChild(const ZombieChild&) = delete;
    ZombieChild& operator=(const ZombieChild&) = delete;

    pid_t pid() const { return m_pid; } // kept after reap(): then the pid of a process that is gone

    void reap()
    {
        if (m_pid > 0 && !m_reaped)
            ::waitpid(m_pid, nullptr, 0);
        m_reaped = true;
    }

private:
    pid_t m_pid;
    bool m_reaped = false;
};
