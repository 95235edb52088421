#include "PythonThreadFilter.h"

#include "ByteFields.h"

namespace wpm {

bool PythonThreadFilter::wanted(
    const PythonThreadList::ThreadState& state, std::optional<pid_t> onlyThread, quint64 generation) const
{
    if (!onlyThread)
        return true;
    if (!m_layout.threadPthread)
        return pid_t(fieldAt<quint64>(state.bytes, m_layout.threadNativeId)) == *onlyThread;
    if (const auto known = m_stateOfThread.constFind(*onlyThread); known != m_stateOfThread.cend())
        return *known == state.address;
    return m_absentIn.value(*onlyThread, ~quint64(0)) != generation;
}

void PythonThreadFilter::learn(const PythonStacks& stacks, std::optional<pid_t> onlyThread, quint64 generation)
{
    if (!m_layout.threadPthread)
        return;
    m_absentIn.removeIf([generation](const auto& entry) { return entry.value() != generation; });
    if (!onlyThread) {
        m_stateOfThread.clear();
    } else if (!stacks.threads.contains(*onlyThread)) {
        m_stateOfThread.remove(*onlyThread); // the state it had is gone (and may be another thread's now)
        // Only a read that told the tid of every thread state says this one has none: the tid field may still be
        // unknown, and a thread that has not run yet (a scheduler may keep it waiting for milliseconds) lists its state
        // without a tid; until it gets one, this thread is looked for in every state.
        if (!stacks.threads.isEmpty() && stacks.unresolvedThreads == 0)
            m_absentIn.insert(*onlyThread, generation);
    }
    for (const PythonThreadStack& stack : stacks.threads)
        if (stack.threadState != 0) // 0: a tid two states claimed
            m_stateOfThread.insert(stack.tid, stack.threadState);
}

} // namespace wpm
