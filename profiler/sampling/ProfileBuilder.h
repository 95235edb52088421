#pragma once
// Turns stored samples into a call tree: symbolizes each distinct frame address once (lazily, only
// what the samples reach) and adds one stack per sample, root first, weighted by the sample interval.

#include "SampleStore.h"
#include "profile/CallTree.h"

#include <QHash>

namespace wpm {

class Symbolizer;

class ProfileBuilder {
public:
    ProfileBuilder(const QStringList& modules, Symbolizer& symbolizer);

    // `sampleNs` is the time one sample stands for (1 / rate).
    void add(const StoredSample& stored, qint64 sampleNs);
    const CallTree& tree() const { return m_tree; }
    CallTree takeTree() { return std::move(m_tree); }

private:
    FrameId frameOf(const FrameAddress& address);

    QStringList m_modules;
    Symbolizer& m_symbolizer;
    CallTree m_tree;
    QHash<quint32, QHash<quint64, FrameId>> m_byModule; // module -> offset -> frame
    QList<FrameId> m_stack;
};

} // namespace wpm
