#include "LiveProfiler.h"

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

} // namespace wpm
