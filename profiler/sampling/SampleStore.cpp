#include "SampleStore.h"

#include <algorithm>

namespace wpm {

SampleStore::SampleStore(qint64 memoryLimitBytes)
    : m_limit(memoryLimitBytes)
{
}

quint32 SampleStore::internModule(const QString& path)
{
    std::lock_guard lock(m_mutex);
    return m_stacks.internModule(path);
}

StackId SampleStore::append(pid_t pid, pid_t tid, qint64 timeNs, ThreadState state, RawStack stack, qint16 syscall)
{
    return append(pid, tid, timeNs, state, std::move(stack), syscall, PythonThreadStack {});
}

StackId SampleStore::append(pid_t pid, pid_t tid, qint64 timeNs, ThreadState state, RawStack stack, qint16 syscall,
    const PythonThreadStack& python)
{
    std::lock_guard lock(m_mutex);
    const StackId id = m_stacks.intern(std::move(stack), python);
    appendLocked(Sample { timeNs, pid, tid, state, id, false, syscall });
    return id;
}

bool SampleStore::appendReused(pid_t pid, pid_t tid, qint64 timeNs, ThreadState state, StackId stack, qint16 syscall)
{
    std::lock_guard lock(m_mutex);
    const auto samples = m_byThread.constFind(tid);
    if (samples == m_byThread.constEnd() || samples->empty() || samples->back().stack != stack)
        return false;
    appendLocked(Sample { timeNs, pid, tid, state, stack, true, syscall });
    return true;
}

void SampleStore::appendLocked(const Sample& sample)
{
    m_stacks.retain(sample.stack);
    m_byThread[sample.tid].push_back(sample);
    ++m_count;
    enforceLimitLocked();
}

void SampleStore::enforceLimitLocked()
{
    const auto usage = [this] { return qint64(m_count * sizeof(Sample)) + m_stacks.memoryBytes(); };
    if (usage() <= m_limit)
        return;
    // Drop the oldest tenth at once, so the scan over threads is paid rarely.
    const quint64 target = m_count - m_count / 10;
    while (m_count > target && usage() > m_limit / 10 * 9) {
        std::deque<Sample>* oldest = nullptr;
        for (auto& samples : m_byThread)
            if (!samples.empty() && (!oldest || samples.front().timeNs < oldest->front().timeNs))
                oldest = &samples;
        if (!oldest)
            break;
        m_stacks.release(oldest->front().stack);
        oldest->pop_front();
        --m_count;
        ++m_dropped;
    }
    m_byThread.removeIf([](const auto& entry) { return entry.value().empty(); });
}

QList<StoredSample> SampleStore::window(qint64 t0, qint64 t1, std::optional<pid_t> tid) const
{
    std::lock_guard lock(m_mutex);
    QList<StoredSample> result;
    const auto collect = [&](const std::deque<Sample>& samples) {
        auto first = std::lower_bound(
            samples.begin(), samples.end(), t0, [](const Sample& sample, qint64 time) { return sample.timeNs < time; });
        for (; first != samples.end() && first->timeNs <= t1; ++first)
            result.append(StoredSample { *first, m_stacks.stack(first->stack) });
    };
    if (tid) {
        if (auto found = m_byThread.constFind(*tid); found != m_byThread.constEnd())
            collect(*found);
    } else {
        for (const auto& samples : m_byThread)
            collect(samples);
    }
    return result;
}

QList<pid_t> SampleStore::threads() const
{
    std::lock_guard lock(m_mutex);
    QList<pid_t> tids = m_byThread.keys();
    std::sort(tids.begin(), tids.end());
    return tids;
}

QStringList SampleStore::modules() const
{
    std::lock_guard lock(m_mutex);
    return m_stacks.modules();
}

void SampleStore::tickDone(qint64 startNs)
{
    m_lastTickDoneNs.store(startNs, std::memory_order_release);
}

StoreCounters SampleStore::counters() const
{
    std::lock_guard lock(m_mutex);
    return { m_count, m_dropped, qint64(m_count * sizeof(Sample)) + m_stacks.memoryBytes(), m_byThread.size(),
        m_stacks.livePythonFrames() };
}

} // namespace wpm
