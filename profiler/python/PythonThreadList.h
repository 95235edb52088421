#pragma once
// The thread states of every interpreter of a CPython process, and which one holds the GIL: re-read in one
// batched call per sample, and walked again (one call per thread) only when the lists changed.

#include "PythonInterpreter.h"
#include "RemoteMemory.h"

#include <QByteArray>
#include <QList>

namespace wpm {

class PythonThreadList {
public:
    struct ThreadState {
        quint64 interpreter = 0;
        quint64 address = 0;
        QByteArray bytes; // the PyThreadState as last read
    };

    PythonThreadList(const PythonInterpreter& interpreter, RemoteMemory& memory, int maxThreads);

    // Reads the thread states again; false when the process cannot be read (gone, or not ours).
    bool refresh();
    const QList<ThreadState>& threads() const { return m_threads; }
    // The PyThreadState holding the GIL at the last refresh, 0 when it was free.
    quint64 gilHolder() const { return m_gilHolder; }
    // Changes whenever the lists were walked again (a thread state came or went).
    quint64 generation() const { return m_generation; }

private:
    bool walk();

    const PythonInterpreter& m_interpreter;
    const PythonLayout& m_layout;
    RemoteMemory& m_memory;
    int m_maxThreads;
    QList<quint64> m_interpreters; // cached lists, checked on every refresh
    QList<ThreadState> m_threads;
    quint64 m_gilHolder = 0;
    quint64 m_generation = 0;
};

} // namespace wpm
