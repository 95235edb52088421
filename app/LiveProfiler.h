#pragma once
// Snapshots of the samples for the live flame graph, a few times a second: a worker thread turns the
// samples of the chosen source (all threads, one thread, or one request's window) into wpm-profile
// JSON. The GUI thread only asks and receives (queued); while a snapshot is being built, ticks are
// skipped, and a snapshot of a source no longer shown is dropped (generation counter).

#include "LiveSource.h"
#include "sampling/SampleStore.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>

namespace wpm {

class LivePage;
class LiveSnapshotWorker;

class LiveProfiler : public QObject {
    Q_OBJECT
public:
    static constexpr int defaultIntervalMs = 150; // ~7 Hz

    LiveProfiler(std::shared_ptr<SampleStore> store, qint64 sampleIntervalNs, QObject* parent = nullptr);
    ~LiveProfiler() override;

    void setSource(const LiveSource& source);
    LiveSource source() const { return m_source; }
    void start(int intervalMs = defaultIntervalMs);
    void stop();
    quint64 snapshots() const { return m_snapshots; }
    // Stops symbolizing the current source's frames; it builds nothing more until the source changes or
    // resumeSymbolization().
    void cancelSymbolization();
    void resumeSymbolization(); // goes on where the cancelled symbolization stopped

Q_SIGNALS:
    void snapshotAvailable(const QString& profileJson, quint64 samples);
    // The sampled threads, read on the worker so that the GUI thread never takes the store's lock.
    void threadsAvailable(const QList<pid_t>& threads);
    // Long symbolization of the current source: how far it is (done == total once over), or that it was cancelled.
    void symbolizationProgress(qint64 done, qint64 total);
    void symbolizationCancelled(const QString& message);

private:
    void tick();
    void receive(quint64 generation, const QString& json, quint64 samples, const QList<pid_t>& threads);

    QThread m_thread;
    LiveSnapshotWorker* m_worker;
    QTimer m_timer;
    LiveSource m_source;
    quint64 m_generation = 0;
    quint64 m_snapshots = 0;
    bool m_busy = false;
};

// The live page shows `profiler`'s snapshots, threads and symbolization, and chooses its source.
void showLiveProfiler(LiveProfiler* profiler, LivePage* page);

} // namespace wpm
