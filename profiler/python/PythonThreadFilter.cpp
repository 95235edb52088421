#include "PythonThreadFilter.h"

#include "ByteFields.h"

namespace wpm {

bool PythonThreadFilter::wanted(const PythonThreadList::ThreadState& state, std::optional<pid_t> onlyThread) const
{
    if (!onlyThread)
        return true;
    if (!m_layout.threadPthread)
        return pid_t(fieldAt<quint64>(state.bytes, m_layout.threadNativeId)) == *onlyThread;
    const auto known = m_stateOfThread.constFind(*onlyThread);
    return known == m_stateOfThread.cend() || *known == state.address;
}

void PythonThreadFilter::learn(const PythonStacks& stacks, std::optional<pid_t> onlyThread)
{
    if (!m_layout.threadPthread)
        return;
    if (!onlyThread)
        m_stateOfThread.clear();
    else if (!stacks.threads.contains(*onlyThread))
        m_stateOfThread.remove(*onlyThread); // the state it had is gone (and may be another thread's now)
    for (const PythonThreadStack& stack : stacks.threads)
        m_stateOfThread.insert(stack.tid, stack.threadState);
}

} // namespace wpm
