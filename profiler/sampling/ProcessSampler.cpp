#include "ProcessSampler.h"

#include "core/MonotonicClock.h"
#include "symbols/PythonTrampolineModule.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <ctime>

namespace wpm {
namespace {

// New modules (dlopen) are picked up within this time even if no unknown address forces it.
constexpr qint64 kModuleRefreshNs = 2'000'000'000;
// A thread the kernel has not sampled for this long mostly waits: it is no longer watched (see KernelSampler::prune).
constexpr qint64 kKernelIdleNs = 1'000'000'000;
// Stack copied by kernel samples beyond one and a half times what the thread's last stopped unwind read.
constexpr size_t kKernelStackSlackBytes = 1024;
// The kernel's timer takes samples no closer than this (a 10 kHz rate asks for 50 µs).
constexpr qint64 kMinKernelPeriodNs = 50'000;

// Adds what a capture cost; false when ptrace was denied, which ends sampling.
bool countCapture(const CaptureResult& captured, TickCosts& costs)
{
    if (captured.outcome == CaptureOutcome::Denied) {
        costs.denied = true;
        costs.deniedErrno = captured.errorNumber;
        return false;
    }
    if (captured.outcome == CaptureOutcome::Unresponsive)
        ++costs.unresponsive;
    if (captured.outcome != CaptureOutcome::Captured)
        return true;
    costs.stoppedNs += captured.stoppedNs;
    ++costs.stoppedThreads;
    costs.stopUs.append(double(captured.stoppedNs) / 1000.0);
    if (captured.redeliveredSignal != 0)
        ++costs.redeliveredSignals;
    return true;
}

} // namespace

SyscallPosition readSyscallPosition(pid_t pid, pid_t tid)
{
    QFile file(QStringLiteral("/proc/%1/task/%2/syscall").arg(pid).arg(tid));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return {};
    const QList<QByteArray> fields = file.read(256).trimmed().split(' ');
    SyscallPosition position;
    if (fields.size() < 3)
        return position; // "running"
    bool ok = false;
    position.number = fields[0].toLongLong(&ok);
    if (!ok)
        return {};
    position.sp = fields[fields.size() - 2].toULongLong(nullptr, 16);
    position.pc = fields.last().toULongLong(nullptr, 16);
    return position;
}

ProcessSampler::ProcessSampler(pid_t pid, SampleStore& store, ElfImageCache& images, const SamplerOptions& options)
    : m_pid(pid)
    , m_store(store)
    , m_images(images)
    , m_options(options)
{
}

void ProcessSampler::refreshModules(qint64 nowNs, TickCosts& costs)
{
    if (!m_modulesStale && nowNs - m_modulesReadNs < kModuleRefreshNs)
        return;
    Result<ModuleMap> modules = ModuleMap::read(m_pid, m_images);
    m_modulesReadNs = nowNs;
    m_modulesStale = false;
    if (!modules)
        return;
    if (modules->mappings().size() != m_modules.mappings().size())
        m_unwinder.flushCaches(); // addresses may now belong to other code
    m_modules = std::move(modules).value();
    sayUnmatchedCode(costs);
}

RawStack ProcessSampler::resolve(const UnwindResult& unwound)
{
    RawStack stack;
    stack.complete = unwound.complete;
    stack.frames.reserve(unwound.pcs.size());
    for (const quint64 pc : unwound.pcs) {
        const MemoryMapping* mapping = m_modules.find(pc);
        if (!mapping) {
            m_modulesStale = true;
            stack.frames.append({ 0, pc });
            continue;
        }
        if (mapping->path.isEmpty()) {
            const bool trampoline = m_unwinder.pythonTrampolineOffset(m_pid, m_modules, pc).has_value();
            stack.frames.append({ trampoline ? moduleId(kPythonTrampolinePath) : 0, trampoline ? 0 : pc });
            continue;
        }
        stack.frames.append({ moduleId(mapping->path), pc - mapping->start + mapping->offset });
    }
    return stack;
}

quint32 ProcessSampler::moduleId(const QString& path)
{
    quint32& id = m_moduleIds[path];
    if (id == 0)
        id = m_store.internModule(path);
    return id;
}

// Says once when the process runs code from files that cannot be opened as it mapped them.
void ProcessSampler::sayUnmatchedCode(TickCosts& costs)
{
    if (m_warnedUnmatchedCode)
        return;
    QStringList paths = m_modules.unmatchedCode();
    if (paths.isEmpty())
        return;
    m_warnedUnmatchedCode = true;
    const QString root = QStringLiteral("/proc/%1/root").arg(m_pid);
    for (QString& path : paths)
        path = path.startsWith(root + u'/') ? path.mid(root.size()) : path; // as the server itself names it
    const qsizetype shown = std::min<qsizetype>(paths.size(), 3);
    costs.warnings.append(QCoreApplication::translate("wpm::ProcessSampler",
        "Process %1 runs code from files that cannot be read as it loaded them (deleted or replaced since, or out "
        "of reach in its container): %2. Frames in them show as addresses, and their callers may be missing. "
        "Restarting the server after an upgrade or a rebuild, or sampling as root, gets them named.")
                              .arg(m_pid)
                              .arg(paths.first(shown).join(QStringLiteral(", "))
                                  + (paths.size() > shown ? QStringLiteral(", …") : QString())));
}

// Looks for CPython again whenever the mapped files changed (an exec, a dlopen'ed libpython), not for each
// new anonymous mapping (malloc arenas, thread stacks).
void ProcessSampler::locatePython(TickCosts& costs)
{
    const QList<MemoryMapping>& mappings = m_modules.mappings();
    const qsizetype fileMappings = std::count_if(
        mappings.begin(), mappings.end(), [](const MemoryMapping& mapping) { return mapping.isFile(); });
    if (m_pythonLookedUpIn == fileMappings)
        return;
    m_pythonLookedUpIn = fileMappings;
    const auto maps = [&](const auto& matches) { return std::any_of(mappings.begin(), mappings.end(), matches); };
    if (m_python
        && maps([&](const MemoryMapping& mapping) { return mapping.path == m_python->interpreter().modulePath; }))
        return;
    m_python.reset();
    m_unwinder.setPythonTrampoline(std::nullopt);
    Result<std::unique_ptr<PythonStackReader>> reader = PythonStackReader::create(m_pid, m_modules);
    if (reader) {
        m_python = std::move(reader).value();
        m_unwinder.setPythonTrampoline(PythonTrampoline::fromCode(m_python->interpreter().trampolineCode));
        return;
    }
    // A CPython that cannot be read (unsupported version, stripped of what we need) is worth saying once;
    // a process that runs no Python is not.
    if (maps([](const MemoryMapping& mapping) {
            return mapping.isFile() && QFileInfo(mapping.path).fileName().contains(QLatin1String("python"));
        }))
        costs.warnings.append(reader.error().message);
}

// The Python frames of a thread held stopped; none when it runs no Python code or cannot be read.
PythonThreadStack ProcessSampler::readPython(pid_t tid)
{
    Result<PythonStacks> stacks = m_python->readStopped(tid);
    if (!stacks)
        return {};
    PythonThreadStack stack = stacks->threads.value(tid);
    return stack.consistent ? stack : PythonThreadStack {};
}

// Python frames only. With `stopGilHolder`, the thread holding the GIL is held stopped while every thread's stack
// is read, so that none can change meanwhile (running Python code takes the GIL): one stop per tick instead of one
// per thread. Without it, or when no thread holds the GIL, or the holder let go of it before it stopped, the
// read's own validation stands in.
bool ProcessSampler::samplePythonOnly(
    const QList<pid_t>& tids, ThreadCapture& capture, TickCosts& costs, bool stopGilHolder)
{
    Result<PythonStacks> racy = m_python->read();
    if (!racy)
        return true; // gone: the next tick finds no threads
    std::optional<PythonStacks> stacks = std::move(racy).value();
    pid_t holder = 0;
    for (const PythonThreadStack& stack : std::as_const(stacks->threads))
        holder = stack.holdsGil ? stack.tid : holder;
    std::optional<ThreadStat> holderStat; // read once: before its stop, the instant its stack is read
    if (stopGilHolder && holder != 0) {
        holderStat = readThreadStat(m_pid, holder);
        const bool groupStopped = holderStat && holderStat->state == ThreadState::Stopped;
        std::optional<PythonStacks> held;
        const CaptureResult captured = capture.capture(
            m_pid, holder, m_modules, groupStopped,
            [&] {
                if (Result<PythonStacks> read = m_python->read())
                    held = std::move(read).value();
            },
            holderStat ? holderStat->runnableOn() : -1);
        if (!countCapture(captured, costs))
            return true;
        if (captured.outcome == CaptureOutcome::Captured && held)
            stacks = std::move(held);
    }
    for (pid_t tid : tids) {
        const std::optional<ThreadStat> stat = tid == holder && holderStat ? holderStat : readThreadStat(m_pid, tid);
        if (!stat || stat->state == ThreadState::Zombie || stat->state == ThreadState::Dead)
            continue;
        const PythonThreadStack python = stacks->threads.value(tid);
        if (!python.consistent)
            continue; // moving all along (the holder had let go of the GIL): no sample beats a wrong one
        // The system call a blocked thread waits in tells the capture its usual waiting from work, native frames or
        // not.
        const SyscallPosition position
            = stat->state == ThreadState::Running ? SyscallPosition {} : readSyscallPosition(m_pid, tid);
        m_store.append(m_pid, tid, monotonicNs(), stat->state, RawStack {},
            position.blocked() ? qint16(position.number) : qint16(-1), python);
        ++m_threadCount;
        ++costs.samples;
        costs.pythonStacks += python.frames.isEmpty() ? 0 : 1;
    }
    return true;
}

// The kernel's sampler of this process's running threads; null when it cannot be used: in a CPython process, whose
// Python frames must be read while the thread is stopped, or when turned off or refused (said once).
KernelSampler* ProcessSampler::kernelSampler(qint64 tickIntervalNs, TickCosts& costs)
{
    if (m_python || !m_options.kernelSampling) {
        m_kernel.reset();
        return nullptr;
    }
    if (!m_kernel)
        m_kernel = std::make_unique<KernelSampler>(m_pid, m_options.stackBytes);
    if (!m_kernel->unavailableReason().isEmpty()) {
        sayKernelUnavailable(costs);
        return nullptr;
    }
    // One kernel sample per tick interval of a thread's running time: a thread that runs all along gets one per
    // tick on average (with the ±20% jitter of the ticks, some find none and the next two), and one that runs a
    // share of the time gets that share of the ticks' samples. Each costs the thread a timer interrupt and the
    // stack copy.
    m_kernel->setPeriod(std::max<qint64>(tickIntervalNs, kMinKernelPeriodNs));
    m_kernel->collect();
    return m_kernel.get();
}

// Says once why the kernel does not sample this process's threads, if it refused.
void ProcessSampler::sayKernelUnavailable(TickCosts& costs)
{
    if (m_warnedNoKernel || m_kernel->unavailableReason().isEmpty())
        return;
    m_warnedNoKernel = true;
    costs.warnings.append(m_kernel->unavailableReason());
}

// Stores the kernel's samples of a running thread whose unwinds are complete; false when none was. Incomplete when
// taken just after a function popped its frame pointer: its unwind rule then reads the word below the stack
// pointer, which the kernel does not copy. A thread with none complete is stopped instead.
bool ProcessSampler::storeKernelSamples(
    pid_t tid, const QList<KernelSample>& samples, ThreadMemory& memory, TickCosts& costs)
{
    bool stored = false;
    for (const KernelSample& sample : samples) {
        const UnwindResult unwound = unwind(sample.snapshot, costs);
        if (!unwound.complete)
            continue;
        memory.position = {};
        memory.stack = store(tid, sample.timeNs, ThreadState::Running, unwound, {}, {}, costs);
        memory.hasStack = true;
        memory.lastTimeNs = sample.timeNs;
        ++costs.kernelSamples;
        stored = true;
    }
    return stored;
}

UnwindResult ProcessSampler::unwind(const StackSnapshot& snapshot, TickCosts& costs)
{
    const qint64 unwindStart = monotonicNs();
    UnwindResult unwound = m_unwinder.unwind(snapshot, m_modules, m_options.maxFrames);
    costs.unwindUs.append(double(monotonicNs() - unwindStart) / 1000.0);
    return unwound;
}

StackId ProcessSampler::store(pid_t tid, qint64 timeNs, ThreadState state, const UnwindResult& unwound,
    const SyscallPosition& position, const PythonThreadStack& python, TickCosts& costs)
{
    ++costs.unwound;
    if (unwound.complete)
        ++costs.complete;
    ++costs.samples;
    if (!python.frames.isEmpty())
        ++costs.pythonStacks;
    return m_store.append(
        m_pid, tid, timeNs, state, resolve(unwound), position.blocked() ? qint16(position.number) : qint16(-1), python);
}

bool ProcessSampler::sample(qint64 nowNs, qint64 tickIntervalNs, ThreadCapture& capture, TickCosts& costs)
{
    const QList<pid_t> tids = listThreads(m_pid);
    if (tids.isEmpty())
        return false;
    refreshModules(nowNs, costs);
    locatePython(costs);
    m_threadCount = 0;
    if (m_options.pythonReading != PythonReading::Mixed) {
        if (m_python)
            return samplePythonOnly(tids, capture, costs, m_options.pythonReading == PythonReading::GilHolderStopped);
        if (!m_warnedNoPython) {
            m_warnedNoPython = true;
            costs.warnings.append(QCoreApplication::translate("wpm::ProcessSampler",
                "python_sampling is %1, but process %2 runs no CPython that can be read: its threads are "
                "stopped in turn for native stacks instead (python_sampling=mixed says so without this warning).")
                                      .arg(pythonReadingName(m_options.pythonReading))
                                      .arg(m_pid));
        }
    }
    KernelSampler* const kernel = kernelSampler(tickIntervalNs, costs);
    QHash<pid_t, ThreadMemory> seen;
    seen.reserve(tids.size());
    for (pid_t tid : tids) {
        const std::optional<ThreadStat> stat = readThreadStat(m_pid, tid);
        if (!stat || stat->state == ThreadState::Zombie || stat->state == ThreadState::Dead)
            continue;
        ThreadMemory memory = m_threads.value(tid);
        const qint64 timeNs = monotonicNs();
        const bool running = stat->state == ThreadState::Running;

        // A running thread the kernel watches: the samples it took since the last one, without stopping the thread.
        if (kernel && running && kernel->isWatching(tid)) {
            const QList<KernelSample> taken = kernel->takeSince(tid, memory.lastTimeNs);
            if (storeKernelSamples(tid, taken, memory, costs) || taken.isEmpty()) {
                // None yet: it ran less than a period since its last one, and its next one comes at its own time
                // (one per period of running time is its share of the ticks). Stopping it would count it twice.
                seen.insert(tid, memory);
                continue;
            }
        }

        // A thread still blocked in the same system call at the same place has the same stack.
        const SyscallPosition position = running ? SyscallPosition {} : readSyscallPosition(m_pid, tid);
        if (position.blocked() && memory.hasStack && position == memory.position
            && m_store.appendReused(m_pid, tid, timeNs, stat->state, memory.stack, qint16(position.number))) {
            ++costs.samples;
            ++costs.reused;
            memory.lastTimeNs = timeNs;
            seen.insert(tid, memory);
            continue;
        }

        PythonThreadStack python;
        const CaptureResult captured = capture.capture(m_pid, tid, m_modules, stat->state == ThreadState::Stopped,
            m_python ? std::function<void()>([&] { python = readPython(tid); }) : std::function<void()>(),
            stat->runnableOn());
        if (!countCapture(captured, costs))
            return true;
        if (captured.outcome != CaptureOutcome::Captured)
            continue;
        const UnwindResult unwound = unwind(captured.snapshot, costs);
        // Seen running: from now on the kernel samples it (until it has mostly waited for a while), copying as much
        // of its stack as this unwind needed, with room to grow.
        if (kernel && running) {
            const size_t stackBytes = unwound.complete ? size_t(unwound.stackBytesUsed * 3 / 2) + kKernelStackSlackBytes
                                                       : m_options.stackBytes;
            if (!kernel->watch(tid, timeNs, stackBytes))
                sayKernelUnavailable(costs);
        }

        memory.position = position;
        memory.stack = store(tid, timeNs, stat->state, unwound, position, python, costs);
        memory.hasStack = true;
        memory.lastTimeNs = timeNs;
        seen.insert(tid, memory);
    }
    if (kernel)
        kernel->prune(tids, nowNs, kKernelIdleNs);
    m_threads = std::move(seen);
    m_threadCount = int(m_threads.size());
    return true;
}

} // namespace wpm
