#pragma once
// Finds how to turn pthread_t values of a target (addresses of glibc's struct pthread) into OS thread ids:
// the offset of the struct's tid field: what 3.9 and 3.10 need, as their thread states keep no native id. The field's
// offset is checked against /proc/PID/task once (0x2d0 in current glibc on x86-64), else searched for.

#include "RemoteMemory.h"

#include <QList>

#include <optional>

namespace wpm {

class PthreadTids {
public:
    explicit PthreadTids(RemoteMemory& memory)
        : m_memory(memory)
    {
    }

    // Where struct pthread keeps the tid (learnt from these handles the first time), so that the caller
    // reads each handle + offset in a batch of its own; nullopt while it cannot be told.
    std::optional<quint64> tidOffset(const QList<quint64>& handles);

private:
    std::optional<quint64> findOffset(const QList<quint64>& handles);

    RemoteMemory& m_memory;
    std::optional<quint64> m_offset;
};

} // namespace wpm
