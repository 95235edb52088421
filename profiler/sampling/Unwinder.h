#pragma once
// Unwinds a StackSnapshot of one process with libunwind's remote API and accessors of our own:
// registers and stack come from the snapshot, code and unwind tables from local ELF images. One Unwinder per target
// process (libunwind caches per address space).

#include "ModuleMap.h"
#include "PythonTrampoline.h"
#include "StackSnapshot.h"

#include <QHash>
#include <QList>

#include <libunwind.h>

namespace wpm {

struct UnwindResult {
    // Innermost first, each the address of the instruction the frame is at: for a caller, its call (the return
    // address less one); for the first frame, a signal trampoline and the frame a signal interrupted, the pc itself.
    QList<quint64> pcs;
    bool complete = false; // reached the outermost frame (start_thread / _start)
    quint64 stackBytesUsed = 0; // of the copied stack, above the stack pointer: how deep the unwind read
};

class Unwinder {
public:
    Unwinder();
    ~Unwinder();
    Unwinder(const Unwinder&) = delete;
    Unwinder& operator=(const Unwinder&) = delete;

    UnwindResult unwind(const StackSnapshot& snapshot, const ModuleMap& modules, int maxFrames = 256);
    // After the module map changed (dlopen/dlclose): forget cached unwind information.
    void flushCaches();
    // The trampoline of the process's CPython, whose copies the unwind steps through (see PythonTrampoline); none
    // when the process runs no CPython that has one.
    void setPythonTrampoline(std::optional<PythonTrampoline> trampoline);
    // The offset of `address` in a copy of that trampoline in process `pid`; nullopt when it is in none.
    std::optional<int> pythonTrampolineOffset(pid_t pid, const ModuleMap& modules, quint64 address);

private:
    bool isSignalTrampoline(const ModuleMap& modules, quint64 ip);
    bool stepOverPythonTrampoline(unw_cursor_t& cursor, void* unwindContext, int offset);

    unw_addr_space_t m_addressSpace = nullptr;
    // Whether code at an address is the signal trampoline, per address seen: a look at the code costs as much as
    // a quarter of an unwind, and the same few hundred addresses come back in every sample.
    QHash<quint64, bool> m_trampolines;
    std::optional<PythonTrampoline> m_pythonTrampoline;
};

} // namespace wpm
