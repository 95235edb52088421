#include "Sampler.h"

#include "ProcessSampler.h"
#include "RateController.h"
#include "core/MonotonicClock.h"
#include "target/AttachCheck.h"

#include <QRandomGenerator>

#include <algorithm>
#include <ctime>
#include <map>

namespace wpm {
namespace {

void sleepUntil(qint64 deadlineNs)
{
    const timespec deadline { time_t(deadlineNs / 1000000000), long(deadlineNs % 1000000000) };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr) == EINTR) { }
}

// Keeps the last values of a cost, for medians.
class RecentValues {
public:
    void add(const QList<double>& values)
    {
        for (double value : values) {
            if (m_values.size() < kCapacity)
                m_values.append(value);
            else
                m_values[m_next] = value;
            m_next = (m_next + 1) % kCapacity;
        }
    }
    double median() const
    {
        if (m_values.isEmpty())
            return 0;
        QList<double> sorted = m_values;
        auto middle = sorted.begin() + sorted.size() / 2;
        std::nth_element(sorted.begin(), middle, sorted.end());
        return *middle;
    }

private:
    static constexpr qsizetype kCapacity = 2048;
    QList<double> m_values;
    qsizetype m_next = 0;
};

// The share of its time a sampled thread spent stopped: mean stop times stops per second.
double measuredOverhead(qint64 stoppedNs, quint64 captures, quint64 ticks, qint64 elapsedNs)
{
    if (captures == 0 || elapsedNs <= 0)
        return 0;
    return double(stoppedNs) / double(captures) * double(ticks) / double(elapsedNs);
}

constexpr qint64 kStatsIntervalNs = 250'000'000;
constexpr qint64 kChildScanIntervalNs = 200'000'000;

} // namespace

Sampler::Sampler(std::shared_ptr<SampleStore> store, SamplerOptions options, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_options(options)
{
    qRegisterMetaType<SamplerStats>();
}

Sampler::~Sampler()
{
    stop();
}

Status Sampler::start(pid_t pid)
{
    if (isRunning())
        return Error { tr("The sampler is already running; stop it first.") };
    if (Status attachable = checkAttachable(pid); !attachable)
        return attachable;
    // Prove that ptrace really works on this target before reporting "running".
    {
        ElfImageCache images;
        Result<ModuleMap> modules = ModuleMap::read(pid, images);
        if (!modules)
            return modules.error();
        ThreadCapture probe(4096);
        const CaptureResult result = probe.capture(pid, pid, *modules);
        if (result.outcome == CaptureOutcome::Denied
            || (result.outcome == CaptureOutcome::Vanished && result.errorNumber))
            return Error { explainPtraceError(result.errorNumber, pid) };
    }
    m_stopRequested = false;
    {
        std::lock_guard lock(m_statsMutex);
        m_stats = SamplerStats {};
        m_stats.requestedHz = m_options.rateHz;
    }
    m_thread = std::thread([this, pid] { run(pid); });
    return success();
}

void Sampler::stop()
{
    m_stopRequested = true;
    if (m_thread.joinable())
        m_thread.join();
}

SamplerStats Sampler::stats() const
{
    std::lock_guard lock(m_statsMutex);
    return m_stats;
}

void Sampler::run(pid_t rootPid)
{
    ElfImageCache images;
    ThreadCapture capture(m_options.stackBytes);
    std::map<pid_t, std::unique_ptr<ProcessSampler>> processes;
    processes.emplace(rootPid, std::make_unique<ProcessSampler>(rootPid, *m_store, images, m_options));

    SamplerStats stats;
    stats.requestedHz = m_options.rateHz;
    stats.effectiveHz = m_options.rateHz;
    RecentValues stopUs;
    RecentValues unwindUs;
    RateController rate(m_options.rateHz, m_options.maxOverhead, m_options.adaptiveRate);
    qint64 stoppedNsTotal = 0;
    quint64 capturesTotal = 0;
    const qint64 started = monotonicNs();
    qint64 nextTick = started;
    qint64 nextStats = started + kStatsIntervalNs;
    qint64 nextChildScan = started;
    quint64 ticksSinceStats = 0;
    qint64 statsWindowStart = started;
    QRandomGenerator jitter { quint32(started) };

    while (!m_stopRequested) {
        const qint64 intervalNs = qint64(1e9 / stats.effectiveHz);
        // ±20% jitter: no lockstep with the server's own periodic timers.
        nextTick += intervalNs + qint64((jitter.generateDouble() - 0.5) * 0.4 * double(intervalNs));
        qint64 now = monotonicNs();
        if (now > nextTick + intervalNs) {
            ++stats.lateTicks;
            nextTick = now; // falling behind: do not try to catch up with a burst
        }
        sleepUntil(nextTick);
        if (m_stopRequested)
            break;
        now = monotonicNs();

        if (m_options.followChildren && now >= nextChildScan) {
            nextChildScan = now + kChildScanIntervalNs;
            for (pid_t child : listDescendants(rootPid))
                if (!processes.count(child))
                    processes.emplace(child, std::make_unique<ProcessSampler>(child, *m_store, images, m_options));
        }

        TickCosts costs;
        for (auto it = processes.begin(); it != processes.end();) {
            if (it->second->sample(now, intervalNs, capture, costs)) {
                ++it;
                continue;
            }
            const pid_t gone = it->first;
            it = processes.erase(it);
            Q_EMIT processExited(gone);
        }
        capture.releaseLateThreads();
        m_store->tickDone(now);
        ++stats.ticks;
        ++ticksSinceStats;
        stats.samples += costs.samples;
        stats.reusedSamples += costs.reused;
        stats.completeStacks += costs.complete;
        stats.unwoundStacks += costs.unwound;
        stats.redeliveredSignals += costs.redeliveredSignals;
        stats.unresponsiveThreads += costs.unresponsive;
        stats.pythonStacks += costs.pythonStacks;
        stats.kernelSamples += costs.kernelSamples;
        for (const QString& warning : std::as_const(costs.warnings))
            if (!stats.warnings.contains(warning))
                stats.warnings.append(warning);
        stopUs.add(costs.stopUs);
        unwindUs.add(costs.unwindUs);

        if (costs.denied) {
            Q_EMIT samplingFailed(explainPtraceError(costs.deniedErrno, rootPid));
            break;
        }
        if (!processes.count(rootPid))
            break; // the server is gone; its exit was reported above

        for (double stopUs : costs.stopUs)
            rate.addStop(stopUs * 1000);
        stoppedNsTotal += costs.stoppedNs;
        capturesTotal += quint64(costs.stoppedThreads);
        stats.effectiveHz = rate.rateHz();

        if (now >= nextStats) {
            stats.achievedHz = double(ticksSinceStats) * 1e9 / double(now - statsWindowStart);
            stats.fallingBehind = stats.achievedHz < 0.8 * stats.effectiveHz;
            stats.overhead = measuredOverhead(stoppedNsTotal, capturesTotal, stats.ticks, now - started);
            stats.stopUsMedian = stopUs.median();
            stats.unwindUsMedian = unwindUs.median();
            stats.processes = int(processes.size());
            stats.threads = 0;
            for (const auto& [pid, process] : processes)
                stats.threads += process->threadCount();
            {
                std::lock_guard lock(m_statsMutex);
                m_stats = stats;
            }
            Q_EMIT statsAvailable(stats);
            ticksSinceStats = 0;
            statsWindowStart = now;
            nextStats = now + kStatsIntervalNs;
        }
    }
    std::lock_guard lock(m_statsMutex);
    stats.stopUsMedian = stopUs.median();
    stats.unwindUsMedian = unwindUs.median();
    stats.overhead = measuredOverhead(stoppedNsTotal, capturesTotal, stats.ticks, monotonicNs() - started);
    m_stats = stats;
}

} // namespace wpm
