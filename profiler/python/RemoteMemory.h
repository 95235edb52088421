#pragma once
// Reads another process's memory with process_vm_readv, many ranges per system call, and counts the
// calls: syscalls per sample is the cost that matters when sampling Python stacks from outside.

#include <QList>

#include <sys/types.h>

#include <cstddef>
#include <cstdint>

namespace wpm {

class RemoteMemory {
public:
    // One range to read; `ok` tells afterwards whether all of it arrived.
    struct Request {
        quint64 address = 0;
        void* destination = nullptr;
        size_t size = 0;
        bool ok = false;
    };

    explicit RemoteMemory(pid_t pid)
        : m_pid(pid)
    {
    }

    // Reads every request, batching them into as few calls and ranges as the kernel allows (requests on the same or
    // adjacent pages become one range). A request that cannot be read (unmapped, freed) only fails itself. Returns
    // false when nothing could be read at all.
    bool read(QList<Request>& requests);
    bool read(quint64 address, void* destination, size_t size);
    template <typename T> bool readValue(quint64 address, T& value) { return read(address, &value, sizeof value); }

    quint64 syscalls() const { return m_syscalls; }
    // Ranges and bytes asked for so far: what a call costs beyond its own entry (a page walk per range).
    quint64 ranges() const { return m_ranges; }
    quint64 bytes() const { return m_bytes; }
    // errno of the last failed call (ESRCH: the process is gone; EPERM: not ours to read).
    int lastError() const { return m_lastError; }
    pid_t pid() const { return m_pid; }

private:
    bool readRanges(QList<Request>& ranges);

    pid_t m_pid;
    quint64 m_syscalls = 0;
    quint64 m_ranges = 0;
    quint64 m_bytes = 0;
    int m_lastError = 0;
};

} // namespace wpm
