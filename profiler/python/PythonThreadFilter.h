#pragma once
// Picks the one thread state a single-thread read walks: by its native id (3.11+), or on 3.9 and 3.10, whose
// thread states keep no tid, by the PyThreadState an earlier read found for that tid; a tid an earlier read did
// not find, while it told the tid of every state, walks nothing until the thread states change (a native thread
// would otherwise cost a whole read).

#include "PythonFrame.h"
#include "PythonLayout.h"
#include "PythonThreadList.h"

#include <QHash>

#include <optional>

namespace wpm {

class PythonThreadFilter {
public:
    explicit PythonThreadFilter(const PythonLayout& layout)
        : m_layout(layout)
    {
    }

    // Whether a read for `onlyThread` (all threads when unset) walks `state`. On 3.9 and 3.10 a tid not seen
    // before walks every state, so that the read learns it. `generation`: PythonThreadList::generation().
    bool wanted(const PythonThreadList::ThreadState& state, std::optional<pid_t> onlyThread, quint64 generation) const;
    // Remembers which state each thread of a read had, and which thread had none (3.9, 3.10).
    void learn(const PythonStacks& stacks, std::optional<pid_t> onlyThread, quint64 generation);

private:
    const PythonLayout& m_layout;
    QHash<pid_t, quint64> m_stateOfThread; // OS tid -> PyThreadState
    QHash<pid_t, quint64> m_absentIn; // OS tid -> the generation of thread states a read did not find it in
};

} // namespace wpm
