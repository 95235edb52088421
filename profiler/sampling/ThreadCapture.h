#pragma once
// Stops one thread of a target just long enough to copy its registers and the top of its stack,
// then lets it go: PTRACE_SEIZE, PTRACE_INTERRUPT, wait, PTRACE_GETREGS, process_vm_readv,
// PTRACE_DETACH. Between samples the target is not traced at all, and a signal that arrived
// while the thread was stopped is handed back to it on detach.

#include "ModuleMap.h"
#include "StackSnapshot.h"

#include <QHash>

#include <chrono>
#include <functional>

namespace wpm {

enum class CaptureOutcome {
    Captured,
    Vanished, // the thread exited before or while it was stopped
    Denied, // ptrace is not permitted: see the message
    Unresponsive, // did not stop in time (uninterruptible sleep); detached as soon as it stops
};

struct CaptureResult {
    CaptureOutcome outcome = CaptureOutcome::Vanished;
    StackSnapshot snapshot;
    qint64 stoppedNs = 0; // how long the thread was kept from running
    int redeliveredSignal = 0;
    int errorNumber = 0;
};

class ThreadCapture {
public:
    explicit ThreadCapture(size_t stackBytes = 32 * 1024);
    ~ThreadCapture(); // releases every thread still waiting to be detached

    // `groupStopped`: the thread was stopped by a stop signal before we came (it stays stopped).
    // `whileStopped` runs once the registers and stack are copied, before the thread goes: what else must
    // be read from the same instant (its Python frames).
    // `queuedOnCpu`: the CPU a runnable thread was last seen on (ThreadStat::processor), -1 if unknown. When it
    // is the caller's own CPU, the thread waits for the caller to let go of it: its stop is awaited asleep, and
    // nothing is done before the stop that would keep it waiting longer.
    CaptureResult capture(pid_t pid, pid_t tid, const ModuleMap& modules, bool groupStopped = false,
        const std::function<void()>& whileStopped = {}, int queuedOnCpu = -1);

    // Threads that did not stop in time are still seized; this detaches those that stopped since.
    void releaseLateThreads();
    qsizetype lateThreadCount() const { return m_late.size(); }

    void setStopTimeout(std::chrono::microseconds timeout) { m_stopTimeout = timeout; }

private:
    // For a seized thread that could not be detached: reaps it if it exited (true), else keeps it
    // for releaseLateThreads.
    bool letGo(pid_t pid, pid_t tid);
    void warmUp(pid_t tid);
    void rememberRead(pid_t tid, quint64 from, quint64 to);

    struct StackRange {
        quint64 from = 0;
        quint64 to = 0;
    };

    size_t m_stackBytes;
    QByteArray m_buffer; // the stack is read into it while the thread is stopped, then copied out
    std::chrono::microseconds m_stopTimeout { 20000 };
    QHash<pid_t, pid_t> m_late; // tid -> pid
    QHash<pid_t, StackRange> m_lastRead; // tid -> the stack range its last capture copied
};

} // namespace wpm
