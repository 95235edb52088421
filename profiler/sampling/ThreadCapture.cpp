#include "ThreadCapture.h"

#include "core/MonotonicClock.h"
#include "target/ProcFs.h"

#include <cerrno>
#include <csignal>
#include <ctime>
#include <sched.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

namespace wpm {
namespace {

// Exited: a wait for a stop answered ECHILD. It does so for a traced thread that exited and that we
// have not reaped yet (a WSTOPPED wait skips zombies): such a thread must still be reaped, or its
// process can never finish exiting.
enum class StopKind { Stopped, NotYet, Exited };

struct Stop {
    StopKind kind = StopKind::NotYet;
    int signal = 0; // a signal-delivery stop: the signal to hand back
};

Stop decodeStop(const siginfo_t& info)
{
    const int event = (info.si_status >> 8) & 0xff;
    const int signal = info.si_status & 0xff;
    if (event == PTRACE_EVENT_STOP)
        return { StopKind::Stopped, 0 }; // our interrupt, or a group stop the thread stays in
    return { StopKind::Stopped, signal }; // a signal-delivery stop: hand the signal back on detach
}

// Only WSTOPPED: a WEXITED wait could reap the exit of a server we launched, which belongs to
// its QProcess. Exited threads are reaped separately (reapIfExited).
Stop pollStop(pid_t tid)
{
    siginfo_t info {};
    if (waitid(P_PID, id_t(tid), &info, WSTOPPED | __WALL | WNOHANG) != 0)
        return { errno == ECHILD ? StopKind::Exited : StopKind::NotYet, 0 };
    if (info.si_pid == 0)
        return {};
    return decodeStop(info);
}

// A traced thread that exited stays a zombie until its tracer waits for it, and while it does, its
// process cannot finish exiting. Returns whether the thread is gone (or in its parent's hands).
// A thread that is not a thread-group leader is nobody's child: reaping it is always ours to do.
// A leader's exit status belongs to its parent: when that is us (a server we launched), its
// QProcess reaps it; otherwise our wait only hands it on to the real parent.
bool reapIfExited(pid_t pid, pid_t tid)
{
    int status = 0;
    if (tid != pid)
        return waitpid(tid, &status, __WALL | WNOHANG) == tid || kill(tid, 0) != 0;
    const std::optional<ThreadStat> leader = readThreadStat(pid, pid);
    if (!leader)
        return true;
    if (leader->state != ThreadState::Zombie && leader->state != ThreadState::Dead)
        return false;
    if (leader->ppid == getpid())
        return true;
    return waitpid(pid, &status, __WALL | WNOHANG) == pid;
}

// The stop is awaited with a blocking waitid, so we wake the moment the thread stops; a one-shot
// timer signal aimed at this thread interrupts the wait when the thread does not stop in time
// (uninterruptible sleep, or a leader that is exiting and will never stop again).
const int kWakeSignal = SIGRTMAX - 3;

void ignoreWake(int) { }

class WaitTimer {
public:
    WaitTimer()
    {
        static const bool installed = [] {
            struct sigaction action { };
            action.sa_handler = ignoreWake; // no SA_RESTART: the signal must interrupt waitid
            sigemptyset(&action.sa_mask);
            return sigaction(kWakeSignal, &action, nullptr) == 0;
        }();
        sigevent event {};
        event.sigev_notify = SIGEV_THREAD_ID;
        event.sigev_signo = kWakeSignal;
        event._sigev_un._tid = gettid();
        m_valid = installed && timer_create(CLOCK_MONOTONIC, &event, &m_timer) == 0;
    }
    ~WaitTimer()
    {
        if (m_valid)
            timer_delete(m_timer);
    }
    WaitTimer(const WaitTimer&) = delete;
    WaitTimer& operator=(const WaitTimer&) = delete;

    bool valid() const { return m_valid; }
    // Fires after `timeout`, then every 2 ms: a signal that arrives before the wait starts (the
    // thread was descheduled in between) is followed by another one that interrupts it.
    void arm(std::chrono::microseconds timeout)
    {
        itimerspec repeating {};
        repeating.it_value.tv_sec = time_t(timeout.count() / 1000000);
        repeating.it_value.tv_nsec = long(timeout.count() % 1000000) * 1000;
        repeating.it_interval.tv_nsec = 2'000'000;
        timer_settime(m_timer, 0, &repeating, nullptr);
    }
    void disarm()
    {
        const itimerspec off {};
        timer_settime(m_timer, 0, &off, nullptr);
    }

private:
    timer_t m_timer {};
    bool m_valid = false;
};

constexpr qint64 kStopSpinNs = 20'000;
constexpr qsizetype kRememberedThreads = 4096;
constexpr quint64 kRedZoneBytes = 128; // below the stack pointer, leaf functions may keep data there

// `spin`: false when the thread waits for the sampler's own CPU, where it can only stop once the sampler sleeps.
Stop waitForStop(pid_t tid, std::chrono::microseconds timeout, bool spin)
{
    thread_local WaitTimer timer;
    if (!timer.valid()) {
        // Without a timer: poll, yielding between attempts.
        const qint64 deadline = monotonicNs() + qint64(timeout.count()) * 1000;
        for (;;) {
            const Stop stop = pollStop(tid);
            if (stop.kind != StopKind::NotYet || monotonicNs() >= deadline)
                return stop;
            sched_yield();
        }
    }
    // A running thread on another CPU is usually stopped within a few µs: polling for that long spares the
    // sampler a sleep and a wake-up that the stopped thread would wait for (median stop at 1 kHz 40 -> 27 µs
    // here, and the asked rate kept). Not yielding between polls: a yield can hand this CPU away for a whole
    // time slice (the achieved rate at 1 kHz fell to ~500 Hz). Bounded, then the blocking wait below. The bound
    // is 20 µs: 90-95% of the stops that polling sees come within it (median 4-5 µs), while a thread that does
    // not stop by then mostly waits for a CPU - often this one, when a sleeping thread is woken here - and each
    // µs more of polling only held it longer (a 50 µs bound: 20-50% of the stops at 100 Hz took 60-75 µs).
    const qint64 spinUntil = monotonicNs() + (spin ? kStopSpinNs : 0);
    do {
        const Stop stop = pollStop(tid);
        if (stop.kind != StopKind::NotYet)
            return stop;
    } while (monotonicNs() < spinUntil);
    const qint64 deadline = monotonicNs() + qint64(timeout.count()) * 1000;
    timer.arm(timeout);
    Stop stop;
    for (;;) {
        siginfo_t info {};
        if (waitid(P_PID, id_t(tid), &info, WSTOPPED | __WALL) == 0) {
            stop = decodeStop(info);
            break;
        }
        if (errno == ECHILD) {
            stop.kind = StopKind::Exited;
            break;
        }
        if (errno != EINTR || monotonicNs() >= deadline) {
            stop = pollStop(tid); // one last look before giving up
            break;
        }
    }
    timer.disarm();
    return stop;
}

} // namespace

ThreadCapture::ThreadCapture(size_t stackBytes)
    : m_stackBytes(stackBytes)
    // Filled: its pages are faulted in now, not while a thread waits.
    , m_buffer(qsizetype(stackBytes + kRedZoneBytes), '\0')
{
}

ThreadCapture::~ThreadCapture()
{
    // Last chance to let late threads go; the kernel detaches any left when this thread exits.
    for (int attempt = 0; attempt < 100 && !m_late.isEmpty(); ++attempt) {
        releaseLateThreads();
        if (!m_late.isEmpty()) {
            const timespec pause { 0, 1000000 };
            nanosleep(&pause, nullptr);
        }
    }
}

void ThreadCapture::releaseLateThreads()
{
    for (auto it = m_late.begin(); it != m_late.end();) {
        const Stop stop = pollStop(it.key());
        if (stop.kind == StopKind::Stopped) {
            ptrace(PTRACE_DETACH, it.key(), nullptr, reinterpret_cast<void*>(quintptr(stop.signal)));
            it = m_late.erase(it);
        } else if (reapIfExited(it.value(), it.key())) {
            it = m_late.erase(it);
        } else {
            ++it;
        }
    }
}

bool ThreadCapture::letGo(pid_t pid, pid_t tid)
{
    if (reapIfExited(pid, tid))
        return true;
    m_late.insert(tid, pid);
    return false;
}

// Reads the thread's stack where the last capture found it, and drops what it read: the copy made while the thread
// is stopped then finds the page tables, the kernel's path and the memory warm (at 100 Hz that copy took 11 µs
// cold, under 3 µs warmed). Done before the seize, so that no signal can stop the seized thread meanwhile.
void ThreadCapture::warmUp(pid_t tid)
{
    const auto last = m_lastRead.constFind(tid);
    if (last == m_lastRead.constEnd())
        return;
    iovec local { m_buffer.data(), size_t(last->to - last->from) };
    iovec remote { reinterpret_cast<void*>(last->from), local.iov_len };
    process_vm_readv(tid, &local, 1, &remote, 1, 0);
}

void ThreadCapture::rememberRead(pid_t tid, quint64 from, quint64 to)
{
    if (m_lastRead.size() >= kRememberedThreads && !m_lastRead.contains(tid))
        m_lastRead.clear(); // threads come and go: forget them all now and then rather than track their ends
    m_lastRead.insert(tid, { from, to });
}

CaptureResult ThreadCapture::capture(pid_t pid, pid_t tid, const ModuleMap& modules, bool groupStopped,
    const std::function<void()>& whileStopped, int queuedOnCpu)
{
    CaptureResult result;
    if (m_late.contains(tid)) {
        result.outcome = CaptureOutcome::Unresponsive; // still ours from an earlier tick
        return result;
    }
    const bool queuedHere = queuedOnCpu >= 0 && queuedOnCpu == sched_getcpu();
    if (!queuedHere)
        warmUp(tid);
    if (ptrace(PTRACE_SEIZE, tid, nullptr, nullptr) != 0) {
        result.errorNumber = errno;
        // The kernel also answers EPERM for a thread that is exiting: that is no denial.
        const std::optional<ThreadStat> stat = readThreadStat(pid, tid);
        const bool alive
            = stat && !stat->isExiting && stat->state != ThreadState::Zombie && stat->state != ThreadState::Dead;
        result.outcome = errno == EPERM && alive ? CaptureOutcome::Denied : CaptureOutcome::Vanished;
        return result;
    }
    const qint64 stopStart = monotonicNs();
    if (ptrace(PTRACE_INTERRUPT, tid, nullptr, nullptr) != 0) {
        result.errorNumber = errno;
        letGo(pid, tid); // ESRCH: it died between the two calls
        return result;
    }
    const Stop stop = waitForStop(tid, m_stopTimeout, !queuedHere);
    if (stop.kind == StopKind::Exited) {
        letGo(pid, tid);
        return result;
    }
    if (stop.kind == StopKind::NotYet) {
        // Exited while seized (it will never stop), or still seized: released when it stops.
        if (!letGo(pid, tid))
            result.outcome = CaptureOutcome::Unresponsive;
        return result;
    }
    result.redeliveredSignal = stop.signal;

    StackSnapshot& snapshot = result.snapshot;
    snapshot.pid = pid;
    snapshot.tid = tid;
    bool captured = ptrace(PTRACE_GETREGS, tid, nullptr, &snapshot.registers) == 0;
    ssize_t copied = 0;
    if (captured) {
        // From just below the stack pointer (the red zone) up to the end of the stack's mapping, into the kept
        // buffer: the snapshot's own copy is made once the thread runs again.
        const quint64 from = snapshot.registers.rsp - kRedZoneBytes;
        quint64 to = snapshot.registers.rsp + m_stackBytes;
        if (const MemoryMapping* stack = modules.find(snapshot.registers.rsp))
            to = std::min<quint64>(to, stack->end);
        iovec local { m_buffer.data(), size_t(to - from) };
        iovec remote { reinterpret_cast<void*>(from), size_t(to - from) };
        copied = process_vm_readv(tid, &local, 1, &remote, 1, 0);
        snapshot.stackStart = from;
        rememberRead(tid, from, to);
        if (whileStopped)
            whileStopped();
    }
    // A signal that arrived meanwhile is handed back: injected on detach, so it is delivered as
    // it would have been. In a stopped process (SIGSTOP, Ctrl+Z) it is queued again instead, with
    // its siginfo: injected, it would run its handler while the process is meant to be stopped.
    siginfo_t pending {};
    const bool requeue = groupStopped && stop.signal != 0 && ptrace(PTRACE_GETSIGINFO, tid, nullptr, &pending) == 0;
    const int injected = requeue ? 0 : stop.signal;
    // A thread killed while stopped (its process exiting) cannot be detached, only reaped.
    if (ptrace(PTRACE_DETACH, tid, nullptr, reinterpret_cast<void*>(quintptr(injected))) != 0) {
        letGo(pid, tid);
        captured = false;
    }
    if (requeue && syscall(SYS_rt_tgsigqueueinfo, pid, tid, stop.signal, &pending) != 0)
        syscall(SYS_tgkill, pid, tid, stop.signal); // kernel-made siginfo cannot be queued by us
    result.stoppedNs = monotonicNs() - stopStart;
    if (captured && copied > 0)
        snapshot.stack = QByteArray(m_buffer.constData(), qsizetype(copied));
    result.outcome = captured ? CaptureOutcome::Captured : CaptureOutcome::Vanished;
    return result;
}

} // namespace wpm
