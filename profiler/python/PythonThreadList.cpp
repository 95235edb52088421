#include "PythonThreadList.h"

#include <QSet>

#include <cstring>

namespace wpm {
namespace {

constexpr int kMaxInterpreters = 64;

quint64 pointerAt(const QByteArray& bytes, quint64 offset)
{
    quint64 value = 0;
    if (offset + sizeof value <= quint64(bytes.size()))
        std::memcpy(&value, bytes.constData() + offset, sizeof value);
    return value;
}

} // namespace

PythonThreadList::PythonThreadList(const PythonInterpreter& interpreter, RemoteMemory& memory, int maxThreads)
    : m_interpreter(interpreter)
    , m_layout(interpreter.layout)
    , m_memory(memory)
    , m_maxThreads(maxThreads)
{
}

// One batched read of the interpreter list heads, the GIL and every known thread state; the list is
// walked again only when it no longer matches (a thread started or ended).
bool PythonThreadList::refresh()
{
    for (int pass = 0; pass < 2; ++pass) {
        quint64 head = 0;
        qint32 runtimeLocked = 0;
        quint64 runtimeHolder = 0;
        QList<quint64> links(m_interpreters.size() * 2); // next, threads head per interpreter
        QList<qint32> locked(m_interpreters.size());
        QList<quint64> holders(m_interpreters.size());
        QList<RemoteMemory::Request> requests;
        const quint64 runtime = m_interpreter.runtimeAddress;
        requests.append({ runtime + m_layout.runtimeInterpretersHead, &head, sizeof head });
        if (!m_layout.gilInInterpreter) {
            requests.append({ runtime + m_layout.gilLocked, &runtimeLocked, sizeof runtimeLocked });
            requests.append({ runtime + m_layout.gilHolder, &runtimeHolder, sizeof runtimeHolder });
        }
        for (qsizetype i = 0; i < m_interpreters.size(); ++i) {
            requests.append({ m_interpreters[i] + m_layout.interpreterNext, &links[2 * i], 8 });
            requests.append({ m_interpreters[i] + m_layout.interpreterThreadsHead, &links[2 * i + 1], 8 });
            if (m_layout.gilInInterpreter) {
                requests.append({ m_interpreters[i] + m_layout.gilLocked, &locked[i], sizeof(qint32) });
                requests.append({ m_interpreters[i] + m_layout.gilHolder, &holders[i], sizeof(quint64) });
            }
        }
        for (ThreadState& state : m_threads) {
            state.bytes.resize(qsizetype(m_layout.threadStateSize));
            requests.append({ state.address, state.bytes.data(), size_t(state.bytes.size()) });
        }
        if (!m_memory.read(requests) || !requests.front().ok)
            return false;

        // Does the cached list still describe the target?
        bool same = m_interpreters.isEmpty() ? head == 0 : head == m_interpreters.front();
        qsizetype thread = 0;
        for (qsizetype i = 0; same && i < m_interpreters.size(); ++i) {
            const quint64 next = i + 1 < m_interpreters.size() ? m_interpreters[i + 1] : 0;
            quint64 expected = links[2 * i + 1];
            same = links[2 * i] == next;
            for (; same && thread < m_threads.size() && m_threads[thread].interpreter == m_interpreters[i]; ++thread) {
                same = m_threads[thread].address == expected;
                expected = pointerAt(m_threads[thread].bytes, m_layout.threadNext);
            }
            same = same && expected == 0;
        }
        same = same && thread == m_threads.size();
        for (const RemoteMemory::Request& request : std::as_const(requests))
            same = same && request.ok;
        if (same) {
            m_gilHolder = runtimeLocked ? runtimeHolder : 0;
            for (qsizetype i = 0; i < m_interpreters.size() && !m_gilHolder; ++i)
                if (locked[i])
                    m_gilHolder = holders[i];
            return true;
        }
        if (pass == 0 && !walk())
            return false;
    }
    // The list changed again while being walked (threads starting): use what the walk saw.
    return true;
}

bool PythonThreadList::walk()
{
    ++m_generation;
    m_interpreters.clear();
    m_threads.clear();
    quint64 interpreter = 0;
    if (!m_memory.readValue(m_interpreter.runtimeAddress + m_layout.runtimeInterpretersHead, interpreter))
        return false;
    QSet<quint64> seen;
    while (interpreter != 0 && m_interpreters.size() < kMaxInterpreters && !seen.contains(interpreter)) {
        seen.insert(interpreter);
        quint64 next = 0;
        quint64 thread = 0;
        QList<RemoteMemory::Request> requests { { interpreter + m_layout.interpreterNext, &next, 8 },
            { interpreter + m_layout.interpreterThreadsHead, &thread, 8 } };
        if (!m_memory.read(requests) || !requests[0].ok || !requests[1].ok)
            break;
        m_interpreters.append(interpreter);
        while (thread != 0 && m_threads.size() < m_maxThreads && !seen.contains(thread)) {
            seen.insert(thread);
            ThreadState state { interpreter, thread, QByteArray(qsizetype(m_layout.threadStateSize), '\0') };
            if (!m_memory.read(thread, state.bytes.data(), size_t(state.bytes.size())))
                break;
            thread = pointerAt(state.bytes, m_layout.threadNext);
            m_threads.append(std::move(state));
        }
        interpreter = next;
    }
    return true;
}

} // namespace wpm
