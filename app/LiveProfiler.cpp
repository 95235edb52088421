#include "LiveProfiler.h"

#include "FlameGraphView.h"
#include "LivePage.h"
#include "LiveSnapshotWorker.h"

namespace wpm {

LiveProfiler::LiveProfiler(std::shared_ptr<SampleStore> store, qint64 sampleIntervalNs, QObject* parent)
    : QObject(parent)
    , m_worker(new LiveSnapshotWorker(std::move(store), sampleIntervalNs))
{
    qRegisterMetaType<wpm::LiveSource>();
    m_thread.setObjectName(QStringLiteral("wpm-live-snapshots"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &LiveSnapshotWorker::built, this, &LiveProfiler::receive);
    connect(m_worker, &LiveSnapshotWorker::symbolizationProgress, this,
        [this](quint64 generation, qint64 done, qint64 total) {
            if (generation == m_generation)
                Q_EMIT symbolizationProgress(done, total);
        });
    connect(m_worker, &LiveSnapshotWorker::symbolizationCancelled, this,
        [this](quint64 generation, const QString& message) {
            if (generation != m_generation)
                return;
            m_busy = false;
            Q_EMIT symbolizationCancelled(message);
        });
    connect(&m_timer, &QTimer::timeout, this, &LiveProfiler::tick);
    m_thread.start();
}

LiveProfiler::~LiveProfiler()
{
    m_timer.stop();
    m_thread.quit();
    m_thread.wait(); // at most the snapshot being built
}

void LiveProfiler::setSource(const LiveSource& source)
{
    if (source == m_source)
        return;
    m_source = source;
    ++m_generation; // a snapshot of the old source still on its way is dropped
    m_busy = false;
    tick();
}

void LiveProfiler::start(int intervalMs)
{
    m_timer.start(intervalMs);
    tick();
}

void LiveProfiler::stop()
{
    m_timer.stop();
}

void LiveProfiler::cancelSymbolization()
{
    m_worker->cancel();
}

void LiveProfiler::resumeSymbolization()
{
    QMetaObject::invokeMethod(m_worker, &LiveSnapshotWorker::resume, Qt::QueuedConnection);
    tick();
}

void LiveProfiler::tick()
{
    if (m_busy)
        return; // never queue up work behind a slow snapshot
    m_busy = true;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, generation = m_generation, source = m_source] { worker->build(generation, source); },
        Qt::QueuedConnection);
}

void LiveProfiler::receive(quint64 generation, const QString& json, quint64 samples, const QList<pid_t>& threads)
{
    if (generation != m_generation)
        return;
    m_busy = false;
    Q_EMIT threadsAvailable(threads);
    if (json.isEmpty())
        return;
    ++m_snapshots;
    Q_EMIT snapshotAvailable(json, samples);
}

void showLiveProfiler(LiveProfiler* profiler, LivePage* page)
{
    QObject::connect(profiler, &LiveProfiler::snapshotAvailable, page->flameGraph(), &FlameGraphView::setProfile);
    QObject::connect(profiler, &LiveProfiler::threadsAvailable, page, &LivePage::setThreads);
    QObject::connect(profiler, &LiveProfiler::symbolizationProgress, page, &LivePage::showSymbolizationProgress);
    QObject::connect(profiler, &LiveProfiler::symbolizationCancelled, page, &LivePage::showSymbolizationCancelled);
    QObject::connect(page, &LivePage::sourceChanged, profiler, &LiveProfiler::setSource);
    QObject::connect(page, &LivePage::symbolizationCancelRequested, profiler, &LiveProfiler::cancelSymbolization);
    QObject::connect(page, &LivePage::symbolizationResumeRequested, profiler, &LiveProfiler::resumeSymbolization);
    profiler->setSource(page->currentSource());
}

} // namespace wpm
