#pragma once
// LiveProfiler's worker, living on its thread: keeps one call tree per source and adds only the samples
// that arrived since the previous snapshot (symbols are cached across snapshots). Symbolizing the new
// samples' frames is long work the user may wait on (a request's window with many new frames): it
// reports progress and stops when cancelled; a cancelled source builds nothing more until it changes.

#include "LiveProfiler.h"
#include "sampling/ProfileBuilder.h"
#include "sampling/SampleAddresses.h"
#include "symbols/SymbolizationJob.h"
#include "symbols/Symbolizer.h"


#include <atomic>

namespace wpm {

class LiveSnapshotWorker : public QObject {
    Q_OBJECT
public:
    LiveSnapshotWorker(std::shared_ptr<SampleStore> store, qint64 sampleIntervalNs);

    void build(quint64 generation, const wpm::LiveSource& source);
    // Thread-safe: stops the symbolization under way between two frames.
    void cancel() { m_cancel = true; }
    // On the worker's thread: the cancelled source builds again, its cached symbols kept.
    void resume() { m_cancelled = false; }

Q_SIGNALS:
    // Empty json: nothing changed since the last snapshot of this source. `threads`: every sampled thread.
    void built(quint64 generation, const QString& json, quint64 samples, const QList<pid_t>& threads);
    // Only for work long enough to be seen; done == total once it is over.
    void symbolizationProgress(quint64 generation, qint64 done, qint64 total);
    void symbolizationCancelled(quint64 generation, const QString& message);

private:
    void reset(const LiveSource& source, const QStringList& modules);
    // Symbolizes the frames of `samples` never symbolized before, reporting progress; an Error when cancelled.
    Result<qsizetype> symbolizeNewFrames(
        quint64 generation, const QList<StoredSample>& samples, const QStringList& modules);

    std::shared_ptr<SampleStore> m_store;
    qint64 m_sampleIntervalNs;
    Symbolizer m_symbolizer;
    std::unique_ptr<ProfileBuilder> m_builder;
    LiveSource m_source;
    qsizetype m_modules = -1; // modules known to the builder; a new one means building again
    qint64 m_doneUntilNs = -1;
    KnownCodeOffsets m_symbolized; // module -> file offsets in m_symbolizer's cache
    std::atomic_bool m_cancel = false;
    bool m_cancelled = false; // m_source's symbolization was cancelled
};

} // namespace wpm
