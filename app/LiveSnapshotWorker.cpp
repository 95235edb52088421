#include "LiveSnapshotWorker.h"

#include "core/MonotonicClock.h"
#include "report/ProfileJson.h"

namespace wpm {
namespace {

// Samples are appended a little after they are taken: stay this far behind now so none is skipped.
constexpr qint64 kSettleNs = 100'000'000;

} // namespace

LiveSnapshotWorker::LiveSnapshotWorker(std::shared_ptr<SampleStore> store, qint64 sampleIntervalNs)
    : m_store(std::move(store))
    , m_sampleIntervalNs(sampleIntervalNs)
{
}

void LiveSnapshotWorker::reset(const LiveSource& source, const QStringList& modules)
{
    m_source = source;
    m_modules = modules.size();
    m_builder = std::make_unique<ProfileBuilder>(modules, m_symbolizer);
    m_doneUntilNs = source.startNs - 1;
    m_cancelled = false;
}

Result<qsizetype> LiveSnapshotWorker::symbolizeNewFrames(
    quint64 generation, const QList<StoredSample>& samples, const QStringList& modules)
{
    const NewCodeAddresses fresh = newCodeAddresses(samples, modules, m_symbolized);
    m_cancel = false; // a Cancel counts for the work it was shown with: one that came after it is over is void
    SymbolizationJob job(m_symbolizer, m_cancel);
    job.setWatchedProgress(
        [&](qsizetype done, qsizetype total) { Q_EMIT symbolizationProgress(generation, done, total); });
    Result<qsizetype> done = job.run(fresh.addresses);
    if (!done) { // not all of them reached the cache: they are asked for again next time (the cached ones cheaply)
        for (const FrameAddress& address : fresh.frames)
            m_symbolized[address.module].remove(address.offset);
    }
    return done;
}

void LiveSnapshotWorker::build(quint64 generation, const LiveSource& source)
{
    const QStringList modules = m_store->modules();
    const bool fresh = !m_builder || !(source == m_source) || modules.size() != m_modules;
    if (fresh)
        reset(source, modules);
    const qint64 end = source.endNs > 0 ? source.endNs : monotonicNs() - kSettleNs;
    if (m_cancelled || (!fresh && end <= m_doneUntilNs)) {
        Q_EMIT built(generation, {}, m_builder->tree().totalSamples(), m_store->threads());
        return;
    }
    const QList<StoredSample> samples = m_store->window(m_doneUntilNs + 1, end, source.thread);
    if (const Result<qsizetype> symbolized = symbolizeNewFrames(generation, samples, modules); !symbolized) {
        m_cancelled = true;
        Q_EMIT symbolizationCancelled(generation, symbolized.error().message);
        return;
    }
    for (const StoredSample& stored : samples)
        m_builder->add(stored, m_sampleIntervalNs);
    m_doneUntilNs = std::max(m_doneUntilNs, end);
    const CallTree& tree = m_builder->tree();
    ReportMetadata metadata;
    metadata.durationS = double(tree.totalNs()) / 1e9;
    metadata.samples = tree.totalSamples();
    Q_EMIT built(generation, profileJson(tree, metadata), tree.totalSamples(), m_store->threads());
}

} // namespace wpm
