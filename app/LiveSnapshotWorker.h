#pragma once
// LiveProfiler's worker, living on its thread: keeps one call tree per source and adds only the samples
// that arrived since the previous snapshot (symbols are cached across snapshots).

#include "LiveProfiler.h"
#include "sampling/ProfileBuilder.h"
#include "symbols/Symbolizer.h"

namespace wpm {

class LiveSnapshotWorker : public QObject {
    Q_OBJECT
public:
    LiveSnapshotWorker(std::shared_ptr<SampleStore> store, qint64 sampleIntervalNs);

    void build(quint64 generation, const wpm::LiveSource& source);

Q_SIGNALS:
    // Empty json: nothing changed since the last snapshot of this source. `threads`: every sampled thread.
    void built(quint64 generation, const QString& json, quint64 samples, const QList<pid_t>& threads);

private:
    void reset(const LiveSource& source, const QStringList& modules);

    std::shared_ptr<SampleStore> m_store;
    qint64 m_sampleIntervalNs;
    Symbolizer m_symbolizer;
    std::unique_ptr<ProfileBuilder> m_builder;
    LiveSource m_source;
    qsizetype m_modules = -1; // modules known to the builder; a new one means building again
    qint64 m_doneUntilNs = -1;
};

} // namespace wpm
