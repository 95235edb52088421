#include "CaptureEngine.h"

#include "sampling/ProfileBuilder.h"
#include "symbols/Symbolizer.h"

#include <QTimer>

#include <algorithm>
#include <optional>

namespace wpm {
namespace {

// How far back the stack a thread had before a request is looked for.
constexpr qint64 kLookBackNs = 2'000'000'000;
// The most one sample stands for: the adaptive rate never goes below 1 Hz (jittered by up to 20%);
// a longer gap means the thread was not sampled (it did not exist yet, or its samples were dropped).
constexpr qint64 kMaxSampleWeightNs = 1'200'000'000;

} // namespace

CaptureEngine::CaptureEngine(
    std::shared_ptr<SampleStore> store, const MonitorConfig& config, qint64 sampleIntervalNs, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_thresholdSeconds(config.thresholdSeconds)
    , m_sampleIntervalNs(sampleIntervalNs)
    , m_symbolizer(std::make_unique<Symbolizer>())
{
    qRegisterMetaType<std::shared_ptr<const CapturedRequest>>();
    // The configuration was validated when it was loaded, so the patterns parse.
    if (Result<UrlFilter> filter = UrlFilter::create(config.urlWhitelist, config.urlBlacklist))
        m_filter = std::move(filter).value();
}

CaptureEngine::~CaptureEngine() = default;

void CaptureEngine::onRequestFinished(const RequestRecord& record)
{
    ++m_counters.finished;
    if (record.durationSeconds() < m_thresholdSeconds)
        return;
    ++m_counters.slow;
    if (!m_filter.allows(record.path)) {
        ++m_counters.filteredOut;
        return;
    }
    // The sampler's last tick may not have reached the request's end yet: give it two intervals.
    const int delayMs = int(2 * m_sampleIntervalNs / 1'000'000) + 1;
    QTimer::singleShot(delayMs, this, [this, record] { capture(record); });
}

QString CaptureEngine::leafFunction(const StoredSample& stored, const QStringList& modules)
{
    if (stored.stack.frames.isEmpty())
        return {};
    const FrameAddress& leaf = stored.stack.frames.first();
    if (leaf.module == 0 || leaf.module >= quint32(modules.size()))
        return QString::number(leaf.offset, 16);
    return m_symbolizer->symbolize(modules[qsizetype(leaf.module)], leaf.offset).function;
}

QList<CaptureEngine::WeightedSample> CaptureEngine::servingSamples(
    const SampleStore& store, qint64 startNs, qint64 endNs)
{
    const QStringList modules = store.modules();
    QList<WeightedSample> serving;
    for (pid_t tid : store.threads()) {
        // How this thread waited before the request: an accept loop's poll, a pool worker's futex.
        // By function, not address: glibc's poll enters the kernel at another place once the
        // process has a second thread (its cancellable path), which the first request may create.
        QList<Waiting> waits;
        const QList<StoredSample> before = store.window(startNs - kLookBackNs, startNs - 1, tid);
        for (const StoredSample& stored : before) {
            if (stored.sample.syscall < 0)
                continue;
            const Waiting wait { stored.sample.syscall, leafFunction(stored, modules) };
            if (!waits.contains(wait))
                waits.append(wait);
        }
        // Samples in which the thread waits the same way are not this request's work.
        std::optional<qint64> previousNs;
        if (!before.isEmpty())
            previousNs = before.last().sample.timeNs;
        for (const StoredSample& stored : store.window(startNs, endNs, tid)) {
            const qint64 weightNs = previousNs
                ? std::min(stored.sample.timeNs - *previousNs, kMaxSampleWeightNs)
                : m_sampleIntervalNs;
            previousNs = stored.sample.timeNs;
            const Waiting how { stored.sample.syscall, leafFunction(stored, modules) };
            const bool idle = stored.sample.syscall >= 0 && waits.contains(how);
            if (!idle)
                serving.append({ stored, weightNs });
        }
    }
    return serving;
}

void CaptureEngine::capture(const RequestRecord& record)
{
    auto captured = std::make_shared<CapturedRequest>();
    captured->request = record;
    ProfileBuilder builder(m_store->modules(), *m_symbolizer);
    for (const WeightedSample& serving : servingSamples(*m_store, record.startNs, record.endNs)) {
        builder.add(serving.stored, serving.weightNs);
        ++captured->samples;
        ++captured->samplesByThread[serving.stored.sample.tid];
    }
    captured->tree = builder.takeTree();
    ++m_counters.captured;
    Q_EMIT requestCaptured(std::move(captured));
}

} // namespace wpm
