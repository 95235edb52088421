#pragma once
// Turns stored samples into a call tree: symbolizes each distinct frame address once (lazily, only
// what the samples reach) and adds one stack per sample, root first, weighted by the sample interval.
// A sample with Python frames reads as one mixed stack: each call of the evaluation loop gives way to the
// Python frames it ran, the interpreter's plumbing goes, the native frames that say something stay.

#include "InterpreterFrames.h"
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
    struct NativeFrame {
        FrameId id = kNoFrame;
        InterpreterRole role = InterpreterRole::Meaningful;
    };

    NativeFrame frameOf(const FrameAddress& address);
    FrameId frameOf(const PythonFrameRef& python);
    // Innermost first into m_stack: the native frames with the Python ones put in place.
    void mergePython(const RawStack& stack);

    QStringList m_modules;
    Symbolizer& m_symbolizer;
    CallTree m_tree;
    QHash<quint32, QHash<quint64, NativeFrame>> m_byModule; // module -> offset -> frame
    // Keyed by the interned frame, held here so its address is not reused while it is a key.
    QHash<const PythonFrame*, std::pair<PythonFrameRef, FrameId>> m_python;
    QList<FrameId> m_stack;
};

} // namespace wpm
