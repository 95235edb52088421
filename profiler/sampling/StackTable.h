#pragma once
// Interns the stacks samples point to. A frame is stored as (module, offset in the module's file)
// — resolved while the process's memory map is known — so symbolization can happen any time later.
// A CPython thread's stack also holds its Python frames, interned and shared with whoever copied them.

#include "python/PythonFrame.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <span>

namespace wpm {

struct FrameAddress {
    quint32 module = 0; // index into StackTable::modules(); 0 = no module (anonymous memory, JIT)
    quint64 offset = 0; // file offset for a module, else the raw address; already pc-1 for return addresses
    bool operator==(const FrameAddress&) const = default;
};

// Immutable once interned, so samples copied out to other threads may keep it after the table let it go.
using PythonFrameRef = std::shared_ptr<const PythonFrame>;

struct RawStack {
    QList<FrameAddress> frames; // innermost first
    bool complete = false;
    // A CPython thread's Python frames, innermost first; a null entry closes the frames that one call of the
    // evaluation loop ran (in `frames`, one _PyEval_EvalFrameDefault). Empty for other threads.
    QList<PythonFrameRef> python;
};

using StackId = quint32;

class StackTable {
public:
    StackTable();

    quint32 internModule(const QString& path);
    StackId intern(RawStack stack);
    // The same for a thread with Python frames: `python` innermost first, a call of the evaluation loop ending
    // after each count in `framesPerEvaluation`.
    StackId intern(RawStack stack, const PythonThreadStack& python);
    // Reference counts let the store free stacks no sample uses any more.
    void retain(StackId id);
    void release(StackId id);

    const RawStack& stack(StackId id) const { return m_stacks[qsizetype(id)].stack; }
    const QStringList& modules() const { return m_modules; }
    qint64 memoryBytes() const { return m_bytes; }
    qsizetype liveStacks() const { return m_index.size(); }
    qsizetype livePythonFrames() const { return m_pythonFrames.size(); }

private:
    struct Entry {
        RawStack stack;
        quint64 references = 0;
    };
    struct InternedPythonFrame {
        PythonFrameRef frame;
        quint64 references = 0; // stacks holding it
    };

    PythonFrameRef internPythonFrame(const PythonFrame& frame);
    void releasePythonFrames(const RawStack& stack);

    QList<Entry> m_stacks;
    QList<StackId> m_free;
    QHash<QByteArray, StackId> m_index; // key: the frames' bytes
    QStringList m_modules;
    QHash<QString, quint32> m_moduleIndex;
    QHash<PythonFrame, InternedPythonFrame> m_pythonFrames;
    qint64 m_bytes = 0;
};

} // namespace wpm
