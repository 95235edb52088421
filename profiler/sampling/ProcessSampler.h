#pragma once
// Samples every thread of one process per tick: captures (or, for a thread blocked in the same
// system call at the same place, reuses) each thread's stack, unwinds it and stores it. In a CPython
// process it also reads the thread's Python frames while the thread is stopped, so both are of one instant
// (or, asked for Python frames only, holds just the GIL holder stopped while it reads every thread's, or stops
// none and keeps the reads that validate).

#include "KernelSampler.h"
#include "ModuleMap.h"
#include "SampleStore.h"
#include "SamplerStats.h"
#include "ThreadCapture.h"
#include "Unwinder.h"
#include "python/PythonStackReader.h"

#include <QHash>

namespace wpm {

// Costs of one tick, summed over the threads sampled in it.
struct TickCosts {
    qint64 stoppedNs = 0;
    int stoppedThreads = 0;
    quint64 samples = 0;
    quint64 reused = 0;
    quint64 complete = 0;
    quint64 unwound = 0;
    quint64 redeliveredSignals = 0;
    quint64 unresponsive = 0;
    quint64 pythonStacks = 0; // samples that carry Python frames
    quint64 kernelSamples = 0; // running threads' samples the kernel took, without a stop
    QStringList warnings; // said once per process (an unsupported Python)
    bool denied = false;
    int deniedErrno = 0;
    QList<double> stopUs;
    QList<double> unwindUs;
};

// Where a thread blocked in a system call is, from /proc/PID/task/TID/syscall.
struct SyscallPosition {
    qint64 number = -2; // -1: not in a system call, -2: running or unknown
    quint64 sp = 0;
    quint64 pc = 0;
    bool operator==(const SyscallPosition&) const = default;
    bool blocked() const { return number >= 0; }
};
SyscallPosition readSyscallPosition(pid_t pid, pid_t tid);

class ProcessSampler {
public:
    ProcessSampler(pid_t pid, SampleStore& store, ElfImageCache& images, const SamplerOptions& options);

    pid_t pid() const { return m_pid; }
    // False once the process is gone. `tickIntervalNs`: the time to the next tick.
    bool sample(qint64 nowNs, qint64 tickIntervalNs, ThreadCapture& capture, TickCosts& costs);
    int threadCount() const { return m_threadCount; }

private:
    struct ThreadMemory {
        SyscallPosition position;
        StackId stack = 0;
        bool hasStack = false;
        qint64 lastTimeNs = 0; // of its last sample
    };

    void refreshModules(qint64 nowNs, TickCosts& costs);
    RawStack resolve(const UnwindResult& unwound);
    quint32 moduleId(const QString& path); // the store's id of a module path
    void locatePython(TickCosts& costs);
    void sayUnmatchedCode(TickCosts& costs);
    PythonThreadStack readPython(pid_t tid);
    bool samplePythonOnly(const QList<pid_t>& tids, ThreadCapture& capture, TickCosts& costs, bool stopGilHolder);
    KernelSampler* kernelSampler(qint64 tickIntervalNs, TickCosts& costs);
    void sayKernelUnavailable(TickCosts& costs);
    bool storeKernelSamples(pid_t tid, const QList<KernelSample>& samples, ThreadMemory& memory, TickCosts& costs);
    UnwindResult unwind(const StackSnapshot& snapshot, TickCosts& costs);
    StackId store(pid_t tid, qint64 timeNs, ThreadState state, const UnwindResult& unwound,
        const SyscallPosition& position, const PythonThreadStack& python, TickCosts& costs);

    pid_t m_pid;
    SampleStore& m_store;
    ElfImageCache& m_images;
    const SamplerOptions& m_options;
    ModuleMap m_modules;
    qint64 m_modulesReadNs = -1;
    bool m_modulesStale = true;
    Unwinder m_unwinder;
    QHash<pid_t, ThreadMemory> m_threads;
    int m_threadCount = 0; // threads sampled in the last tick
    QHash<QString, quint32> m_moduleIds;
    std::unique_ptr<PythonStackReader> m_python; // null unless the process runs a supported CPython
    qsizetype m_pythonLookedUpIn = -1; // file mappings of the module map last searched for CPython
    bool m_warnedNoPython = false; // Python frames only were asked for, and this process has none
    bool m_warnedUnmatchedCode = false; // said that code from unreadable files runs here
    std::unique_ptr<KernelSampler> m_kernel; // null in a CPython process: its threads are read while stopped
    bool m_warnedNoKernel = false;
};

} // namespace wpm
