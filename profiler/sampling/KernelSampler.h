#pragma once
// Samples of running threads that the kernel takes without stopping them: a perf_event_open task-clock event
// per thread copies its user registers and the top of its user stack into a ring buffer we read each tick.
// With native_sampling=kernel (the default), a thread seen running is stopped once and from then on watched this way:
// each tick takes the samples the kernel took since the last (none when it ran less than a period since, two after such
// a tick), and stops it only when none of them unwinds whole. Blocked threads are still stopped: most are reused
// without any stop.
// On the 2-core VM it was measured on, a kernel sample (a timer interrupt and the stack copy) cost a thread that runs
// all along about a third of what a stop did at 100 Hz: a stopped thread's CPU halts, and waking it costs most
// (README, bench_sampler --engines).
//
// Where perf_event_open is refused (kernel.perf_event_paranoid, a locked-memory limit), unavailableReason() says
// why and the sampler stops running threads as before.

#include "StackSnapshot.h"

#include <QString>

#include <memory>
#include <optional>
#include <unordered_map>

namespace wpm {

struct KernelSample {
    qint64 timeNs = 0; // CLOCK_MONOTONIC
    StackSnapshot snapshot;
};

class KernelSampler {
public:
    // `maxStackBytes`: the most of a thread's stack a sample copies (at most 32 KiB).
    KernelSampler(pid_t pid, size_t maxStackBytes);
    ~KernelSampler();
    KernelSampler(const KernelSampler&) = delete;
    KernelSampler& operator=(const KernelSampler&) = delete;

    // Sets how much CPU time a watched thread runs between two kernel samples.
    void setPeriod(qint64 periodNs);
    // Starts watching a thread, each sample copying `stackBytes` of its stack above the stack pointer (each KiB
    // costs the thread ~0.35 µs per sample here, so only what its unwinds need); a thread already watched with
    // fewer is watched anew. False when the kernel refused (see unavailableReason) or the thread is gone.
    bool watch(pid_t tid, qint64 nowNs, size_t stackBytes);
    bool isWatching(pid_t tid) const { return m_threads.count(tid) != 0; }
    qsizetype watchedCount() const { return qsizetype(m_threads.size()); }
    // Reads every watched thread's samples written since the last collect.
    void collect();
    // The samples of `tid` taken after `afterNs`, oldest first, each handed over once. A thread that runs all along
    // gets one per period of its running time, so ticks that come early find none and later ones two.
    QList<KernelSample> takeSince(pid_t tid, qint64 afterNs);
    // Stops watching threads that are gone or have had no sample for `idleNs`: a watched thread's event is
    // switched at each of its context switches, a cost not worth paying for a thread that mostly waits.
    void prune(const QList<pid_t>& alive, qint64 nowNs, qint64 idleNs);

    // Empty while the kernel samples; why it does not otherwise (said once per process).
    const QString& unavailableReason() const { return m_unavailable; }

private:
    struct Watched;
    void readRing(Watched& watched);

    pid_t m_pid;
    size_t m_maxStackBytes;
    qint64 m_periodNs = 5'000'000;
    bool m_excludeKernel = false; // set once the kernel wants user-space-only events (perf_event_paranoid >= 2)
    QString m_unavailable;
    std::unordered_map<pid_t, std::unique_ptr<Watched>> m_threads;
    QByteArray m_record; // a record that wraps around the ring's end, made contiguous
};

} // namespace wpm
