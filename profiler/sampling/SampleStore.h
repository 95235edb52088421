#pragma once
// Every sample of every thread of the target, indexed by thread and time, within a memory bound
// (the oldest samples go first). The sampler appends; the capture engine and the views take
// windows [t0, t1] of it from other threads.

#include "StackTable.h"
#include "target/ProcFs.h"

#include <QHash>

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>

namespace wpm {

struct Sample {
    qint64 timeNs = 0; // CLOCK_MONOTONIC
    pid_t pid = 0;
    pid_t tid = 0;
    ThreadState state = ThreadState::Unknown;
    StackId stack = 0;
    bool reused = false; // a blocked thread that had not moved: its previous stack, without stopping it
    qint16 syscall = -1; // the system call a blocked thread waits in; -1 when running or unknown
};

// A sample with its stack, copied out under the lock (a QList copy is a reference count).
struct StoredSample {
    Sample sample;
    RawStack stack;
};

struct StoreCounters {
    quint64 samples = 0; // held now
    quint64 dropped = 0; // dropped for the memory bound
    qint64 memoryBytes = 0; // samples, stacks and Python frames
    qsizetype threads = 0;
    qsizetype pythonFrames = 0; // distinct Python frames held
};

class SampleStore {
public:
    explicit SampleStore(qint64 memoryLimitBytes = qint64(256) << 20);

    // The sampler's side.
    StackId append(pid_t pid, pid_t tid, qint64 timeNs, ThreadState state, RawStack stack, qint16 syscall = -1);
    // A CPython thread's sample: its native stack with its Python frames (see StackTable::intern).
    StackId append(pid_t pid, pid_t tid, qint64 timeNs, ThreadState state, RawStack stack, qint16 syscall,
        const PythonThreadStack& python);
    // Repeats the thread's previous stack; false when that sample is gone (dropped), so capture anew.
    bool appendReused(pid_t pid, pid_t tid, qint64 timeNs, ThreadState state, StackId stack, qint16 syscall = -1);
    quint32 internModule(const QString& path);
    // A tick that began at `startNs` has visited every thread: each one's sample of it is stored.
    void tickDone(qint64 startNs);

    // Readers' side: samples with t0 <= time <= t1, of one thread or of all, in time order per thread.
    QList<StoredSample> window(qint64 t0, qint64 t1, std::optional<pid_t> tid = std::nullopt) const;
    QList<pid_t> threads() const;
    QStringList modules() const;
    StoreCounters counters() const;
    // When the last tick that visited every thread began (0: none yet). A thread's samples up to a time are all
    // there once a tick that began after it is done; samples of a later time alone may be the tick's first threads.
    qint64 lastTickDoneNs() const { return m_lastTickDoneNs.load(std::memory_order_acquire); }

private:
    void appendLocked(const Sample& sample);
    void enforceLimitLocked();

    mutable std::mutex m_mutex;
    qint64 m_limit;
    StackTable m_stacks;
    QHash<pid_t, std::deque<Sample>> m_byThread;
    quint64 m_count = 0;
    quint64 m_dropped = 0;
    std::atomic<qint64> m_lastTickDoneNs { 0 };
};

} // namespace wpm
