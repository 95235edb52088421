#pragma once
// Turns the pthread_t values of a target's thread states (addresses of glibc's struct pthread) into OS thread ids,
// what 3.9 and 3.10 need, as their thread states keep no native id. The tid field's offset in the struct is checked
// against /proc/PID/task once (0x2d0 in current glibc on x86-64), else searched for. A tid once read is kept per
// thread state while its unique id and pthread_t stay the same: a thread's tid is then read once, not per sample.

#include "NamespaceTids.h"
#include "RemoteMemory.h"

#include <QHash>
#include <QList>

#include <optional>

namespace wpm {

class PthreadTids {
public:
    // `tids`: the process's thread ids as it knows them, which its struct pthreads hold.
    PthreadTids(RemoteMemory& memory, NamespaceTids& tids)
        : m_memory(memory)
        , m_tids(tids)
    {
    }

    // A thread state as read: where it is, its PyThreadState.id and its pthread_t.
    struct ThreadKey {
        quint64 state = 0;
        quint64 uniqueId = 0;
        quint64 handle = 0;
        bool operator==(const ThreadKey&) const = default;
    };
    // Per key: the tid when known, else where to read it (0: not known yet where, the offset cannot be told).
    struct Lookup {
        pid_t tid = 0;
        quint64 address = 0;
    };
    QList<Lookup> lookup(const QList<ThreadKey>& keys);
    // The tid read at a Lookup's address for the key that gave it; kept for that key's next lookups.
    void learn(const ThreadKey& key, pid_t tid);

private:
    std::optional<quint64> tidOffset(const QList<quint64>& handles);
    std::optional<quint64> findOffset(const QList<quint64>& handles);

    RemoteMemory& m_memory;
    NamespaceTids& m_tids;
    std::optional<quint64> m_offset;
    QHash<quint64, std::pair<ThreadKey, pid_t>> m_known; // by thread state address
};

} // namespace wpm
