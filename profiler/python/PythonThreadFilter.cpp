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
        // Only a read that told some tids says anything about this one (the tid field may still be unknown).
        if (!stacks.threads.isEmpty())
            m_absentIn.insert(*onlyThread, generation);
    }
    for (const PythonThreadStack& stack : stacks.threads)
        m_stateOfThread.insert(stack.tid, stack.threadState);
}

} // namespace wpm
