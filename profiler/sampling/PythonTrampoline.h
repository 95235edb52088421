#pragma once
// CPython 3.12+ with its perf support on (python -X perf, PYTHONPERFSUPPORT=1) calls every Python function through a
// copy of its own, in anonymous memory, of a few instructions (_Py_trampoline_func_start to _Py_trampoline_func_end
// in the interpreter). No unwind information covers the copies, so an unwinder that meets one guesses, and the
// stack it gives is wrong. This knows the copies by their code and steps from one to its caller.

#include "ModuleMap.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>

#include <optional>
#include <sys/types.h>

namespace wpm {

class PythonTrampoline {
public:
    // From the interpreter's trampoline code; nullopt when it holds an instruction this does not follow.
    static std::optional<PythonTrampoline> fromCode(const QByteArray& code);

    // The offset of `address` in a copy of the code in process `pid`, whose memory map is `modules`, or nullopt
    // when it is not in one (only anonymous executable memory holds copies). An address asked before is answered
    // from a cache before anything else: the unwinder asks this of every frame.
    std::optional<int> offsetInCopy(pid_t pid, quint64 address, const ModuleMap& modules);
    // The same, `start` and `end` bounding the mapping of code in no file that holds the address. A copy found once
    // answers for every address in it (a caller's frame is looked up at its return address, then at the call);
    // otherwise the target's memory around the address is read (a copy never changes while it is mapped).
    std::optional<int> offsetInCopy(pid_t pid, quint64 address, quint64 start, quint64 end);
    // After the memory map changed: copies may have gone and others come at the same addresses.
    void forgetCopies()
    {
        m_known.clear();
        m_copies.clear();
    }

    // How a frame at `offset` in a copy reaches its caller: the return address is at sp + returnAddressOffset, the
    // caller's stack pointer is sp + returnAddressOffset + 8, and when savedRbpOffset is set, the caller's rbp is at
    // sp + *savedRbpOffset (otherwise rbp is the caller's). Nullopt at an offset that starts no instruction.
    struct Step {
        quint64 returnAddressOffset = 0;
        std::optional<quint64> savedRbpOffset;
    };
    std::optional<Step> stepAt(int offset) const;

    qsizetype size() const { return m_code.size(); }

private:
    void remember(quint64 address, int offset);

    QByteArray m_code;
    QHash<int, Step> m_steps; // by the offset of each instruction, and of the end of a call
    QHash<quint64, int> m_known; // address -> offset in its copy, -1 when in none
    QMap<quint64, bool> m_copies; // the start of each copy found (the value is unused)
};

} // namespace wpm
