#include "KernelSampler.h"

#include <QCoreApplication>
#include <QFile>

#include <linux/perf_event.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace wpm {
namespace {

// The general-purpose registers, in the kernel's order for x86-64 (asm/perf_regs.h): AX BX CX DX SI DI BP SP IP
// are bits 0-8, R8-R15 bits 16-23. Segment registers are left out (the kernel refuses most of them for 64-bit
// tasks) and the unwinder needs none.
constexpr quint64 kRegisterMask = 0x1ffULL | (0xffULL << 16);
constexpr int kRegisterCount = 17;
// One process watches at most this many threads at once; beyond it, threads are stopped as before.
constexpr size_t kMaxWatchedThreads = 64;
// A record's size is 16 bits: the copied stack must leave room for the rest of it.
constexpr size_t kMaxStackBytes = 32 * 1024;
constexpr size_t kMinStackBytes = 1024;
constexpr size_t kRecordBytesBesideStack = 512;
// The ring is overwritten, newest record first: it holds what a thread that runs all along writes in a tick or two,
// one record a tick. Two records' worth, rounded up to a power of two of pages (so often room for a third): 33 pages
// for a 32 KiB stack, 5 for 4 KiB. More would leave fewer threads to watch within a user's locked-memory budget
// (516 KiB per CPU by default); a record overwritten only costs the thread a sample when the sampler fell behind.
constexpr size_t kRecordsPerRing = 2;
// Samples kept per thread between two takes: more only when the sampler fell behind.
constexpr qsizetype kMaxKeptSamples = 8;

long pageBytes()
{
    static const long bytes = sysconf(_SC_PAGESIZE);
    return bytes;
}

QString paranoidLevel()
{
    QFile file(QStringLiteral("/proc/sys/kernel/perf_event_paranoid"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll().trimmed());
}

void fillRegisters(user_regs_struct& r, const quint64* values)
{
    quint64* const order[kRegisterCount] = { &r.rax, &r.rbx, &r.rcx, &r.rdx, &r.rsi, &r.rdi, &r.rbp, &r.rsp, &r.rip,
        &r.r8, &r.r9, &r.r10, &r.r11, &r.r12, &r.r13, &r.r14, &r.r15 };
    for (int i = 0; i < kRegisterCount; ++i)
        *order[i] = values[i];
}

// A PERF_RECORD_SAMPLE of sample_type TID | TIME | REGS_USER | STACK_USER; nullopt when it has no user state
// (taken in a kernel thread) or is cut short.
std::optional<KernelSample> parseSample(pid_t pid, const char* record, size_t bytes)
{
    const char* at = record + sizeof(perf_event_header);
    const char* const end = record + bytes;
    const auto take = [&](void* into, size_t size) {
        if (size_t(end - at) < size)
            return false;
        std::memcpy(into, at, size);
        at += size;
        return true;
    };
    quint32 ids[2] = {};
    quint64 abi = 0;
    KernelSample sample;
    if (!take(ids, sizeof ids) || !take(&sample.timeNs, 8) || !take(&abi, 8) || abi != PERF_SAMPLE_REGS_ABI_64)
        return std::nullopt;
    quint64 registers[kRegisterCount] = {};
    quint64 stackSize = 0;
    if (!take(registers, sizeof registers) || !take(&stackSize, 8) || stackSize == 0
        || size_t(end - at) < stackSize + 8)
        return std::nullopt;
    quint64 copied = 0;
    std::memcpy(&copied, at + stackSize, 8);
    if (copied == 0 || copied > stackSize)
        return std::nullopt;
    StackSnapshot& snapshot = sample.snapshot;
    snapshot.pid = pid;
    snapshot.tid = pid_t(ids[1]);
    fillRegisters(snapshot.registers, registers);
    snapshot.stackStart = snapshot.registers.rsp;
    snapshot.stack = QByteArray(at, qsizetype(copied));
    return sample;
}

} // namespace

struct KernelSampler::Watched {
    int fd = -1;
    void* map = MAP_FAILED;
    size_t mapBytes = 0;
    size_t dataBytes = 0;
    size_t stackBytes = 0;
    quint64 readHead = 0; // data_head at the last read: the kernel writes below it
    qint64 watchedSinceNs = 0;
    qint64 lastSampleNs = 0;
    QList<KernelSample> fresh; // oldest first

    ~Watched()
    {
        if (map != MAP_FAILED)
            munmap(map, mapBytes);
        if (fd >= 0)
            close(fd);
    }
    perf_event_mmap_page* header() const { return static_cast<perf_event_mmap_page*>(map); }
    const char* data() const { return static_cast<const char*>(map) + pageBytes(); }
};

KernelSampler::KernelSampler(pid_t pid, size_t maxStackBytes)
    : m_pid(pid)
    , m_maxStackBytes(std::min(maxStackBytes, kMaxStackBytes) & ~size_t(7))
{
}

KernelSampler::~KernelSampler() = default;

void KernelSampler::setPeriod(qint64 periodNs)
{
    // Changing a running event's period calls over to its thread's CPU (an interrupt there): the adaptive rate
    // moves a little at every tick, so only a change of more than an eighth is passed on.
    if (std::abs(periodNs - m_periodNs) * 8 <= m_periodNs)
        return;
    m_periodNs = periodNs;
    quint64 period = quint64(periodNs);
    for (auto& [tid, watched] : m_threads)
        ioctl(watched->fd, PERF_EVENT_IOC_PERIOD, &period);
}

bool KernelSampler::watch(pid_t tid, qint64 nowNs, size_t stackBytes)
{
    stackBytes = (std::clamp(stackBytes, kMinStackBytes, std::max(m_maxStackBytes, kMinStackBytes)) + 7) & ~size_t(7);
    if (const auto found = m_threads.find(tid); found != m_threads.end()) {
        if (found->second->stackBytes >= stackBytes)
            return true;
        m_threads.erase(found); // its stack got deeper: opened again below, copying more of it
    }
    if (!m_unavailable.isEmpty() || m_threads.size() >= kMaxWatchedThreads)
        return false;
    perf_event_attr attr {};
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_SOFTWARE;
    attr.config = PERF_COUNT_SW_TASK_CLOCK; // the thread's own running time
    attr.sample_period = quint64(m_periodNs);
    attr.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_REGS_USER | PERF_SAMPLE_STACK_USER;
    attr.sample_regs_user = kRegisterMask;
    attr.sample_stack_user = quint32(stackBytes);
    attr.use_clockid = 1;
    attr.clockid = CLOCK_MONOTONIC;
    attr.exclude_hv = 1;
    attr.write_backward = 1; // overwritten: the newest sample is always there, however late the tick
    auto watched = std::make_unique<Watched>();
    for (;;) {
        attr.exclude_kernel = m_excludeKernel ? 1 : 0;
        watched->fd = int(syscall(SYS_perf_event_open, &attr, tid, -1, -1, PERF_FLAG_FD_CLOEXEC));
        if (watched->fd >= 0)
            break;
        const int error = errno;
        if ((error == EACCES || error == EPERM) && !m_excludeKernel) {
            // Not allowed to see the kernel: user space is all we unwind anyway, but a thread is then sampled only
            // while it runs in user space.
            m_excludeKernel = true;
            continue;
        }
        if (error == ESRCH)
            return false; // gone
        m_unavailable = QCoreApplication::translate("wpm::KernelSampler",
            "The kernel did not let the sampler watch the threads of process %1 (perf_event_open: %2; "
            "kernel.perf_event_paranoid is %3), so its running threads are stopped for each sample, which costs "
            "them more. Running the workbench as root, or `sysctl kernel.perf_event_paranoid=2`, lets the kernel "
            "take those samples.")
                            .arg(m_pid)
                            .arg(QString::fromLocal8Bit(strerror(error)))
                            .arg(paranoidLevel());
        return false;
    }
    size_t dataPages = 1;
    while (dataPages * size_t(pageBytes()) < kRecordsPerRing * (stackBytes + kRecordBytesBesideStack))
        dataPages *= 2;
    watched->stackBytes = stackBytes;
    watched->dataBytes = dataPages * size_t(pageBytes());
    watched->mapBytes = watched->dataBytes + size_t(pageBytes());
    watched->map = mmap(nullptr, watched->mapBytes, PROT_READ, MAP_SHARED, watched->fd, 0);
    if (watched->map == MAP_FAILED) {
        const int error = errno;
        if (m_threads.empty())
            m_unavailable = QCoreApplication::translate("wpm::KernelSampler",
                "The kernel did not give the sampler memory to watch the threads of process %1 (%2: see "
                "kernel.perf_event_mlock_kb and `ulimit -l`), so its running threads are stopped for each sample, "
                "which costs them more.")
                                .arg(m_pid)
                                .arg(QString::fromLocal8Bit(strerror(error)));
        return false; // otherwise the locked-memory budget is spent: the threads watched so far stay watched
    }
    watched->watchedSinceNs = nowNs;
    m_threads.emplace(tid, std::move(watched));
    return true;
}

void KernelSampler::collect()
{
    for (auto& [tid, watched] : m_threads)
        readRing(*watched);
}

// The ring is written backwards and overwritten (write_backward): the newest record starts at data_head, older ones
// follow it. Output is paused while we read, so the kernel cannot overwrite what we copy; the samples written since
// the last read are parsed, as far as they are whole.
void KernelSampler::readRing(Watched& watched)
{
    perf_event_mmap_page* header = watched.header();
    ioctl(watched.fd, PERF_EVENT_IOC_PAUSE_OUTPUT, 1);
    const quint64 head = std::atomic_ref<quint64>(header->data_head).load(std::memory_order_acquire);
    const quint64 written = std::min<quint64>(watched.readHead - head, watched.dataBytes);
    const size_t mask = watched.dataBytes - 1;
    QList<KernelSample> newestFirst;
    for (quint64 at = head; at - head < written;) {
        perf_event_header record {}; // records are 8-byte aligned: a header never wraps
        std::memcpy(&record, watched.data() + (at & mask), sizeof record);
        if (record.size < sizeof record || at - head + record.size > written)
            break; // not written yet, or partly overwritten by a newer record
        if (record.type == PERF_RECORD_SAMPLE) {
            const size_t start = size_t(at & mask);
            const char* bytes = watched.data() + start;
            if (start + record.size > watched.dataBytes) {
                m_record.resize(record.size);
                const size_t first = watched.dataBytes - start;
                std::memcpy(m_record.data(), bytes, first);
                std::memcpy(m_record.data() + first, watched.data(), record.size - first);
                bytes = m_record.constData();
            }
            if (std::optional<KernelSample> sample = parseSample(m_pid, bytes, record.size))
                newestFirst.append(std::move(*sample));
        }
        at += record.size;
    }
    watched.readHead = head;
    ioctl(watched.fd, PERF_EVENT_IOC_PAUSE_OUTPUT, 0);
    if (!newestFirst.isEmpty())
        watched.lastSampleNs = newestFirst.first().timeNs;
    for (auto it = newestFirst.rbegin(); it != newestFirst.rend(); ++it)
        watched.fresh.append(std::move(*it));
    if (watched.fresh.size() > kMaxKeptSamples)
        watched.fresh.remove(0, watched.fresh.size() - kMaxKeptSamples);
}

QList<KernelSample> KernelSampler::takeSince(pid_t tid, qint64 afterNs)
{
    const auto found = m_threads.find(tid);
    if (found == m_threads.end())
        return {};
    QList<KernelSample> taken;
    for (KernelSample& sample : found->second->fresh)
        if (sample.timeNs > afterNs)
            taken.append(std::move(sample));
    found->second->fresh.clear();
    return taken;
}

void KernelSampler::prune(const QList<pid_t>& alive, qint64 nowNs, qint64 idleNs)
{
    for (auto it = m_threads.begin(); it != m_threads.end();) {
        const qint64 lastSeen = std::max(it->second->lastSampleNs, it->second->watchedSinceNs);
        if (!alive.contains(it->first) || nowNs - lastSeen > idleNs)
            it = m_threads.erase(it);
        else
            ++it;
    }
}

} // namespace wpm
