#pragma once
// The Python stacks of one process at one instant, as PythonStackReader returns them.

#include <QHash>
#include <QList>
#include <QString>

#include <sys/types.h>

namespace wpm {

struct PythonFrame {
    QString qualifiedName; // co_qualname, e.g. "Chain.level_10"
    QString file; // co_filename as the interpreter has it
    int line = 0; // 0 when the instruction has no location
    bool operator==(const PythonFrame&) const = default;
};

inline size_t qHash(const PythonFrame& frame, size_t seed = 0) noexcept
{
    return qHashMulti(seed, frame.qualifiedName, frame.file, frame.line);
}

struct PythonThreadStack {
    pid_t tid = 0; // the OS thread id (PyThreadState.native_thread_id)
    quint64 threadState = 0; // address of its PyThreadState in the target
    bool holdsGil = false;
    // False when the stack kept changing under every re-read: it may mix two instants. Also false, with no frames and
    // no thread state, for a tid two thread states claimed (see PythonStacks::unresolvedThreads).
    bool consistent = true;
    QList<PythonFrame> frames; // innermost first; empty for a thread outside Python code
    // How many of `frames` each call of the evaluation loop (_PyEval_EvalFrameDefault) runs, innermost call
    // first: what lets a mixed stack put them in place of those calls. Sums to frames.size().
    QList<int> framesPerEvaluation;
};

struct PythonStacks {
    QHash<pid_t, PythonThreadStack> threads; // by OS thread id
    quint64 syscalls = 0; // process_vm_readv calls this read took
    int retries = 0; // whole re-reads because a top frame moved while reading
    // Thread states walked whose OS thread id could not be told: on 3.9 and 3.10 a thread started a moment ago has
    // its state listed before it sets the pthread_t its tid is read through (the state holds none, or its starter's).
    int unresolvedThreads = 0;
};

} // namespace wpm
