#include "PthreadTids.h"

#include "target/ProcFs.h"

#include <QSet>

#include <cstring>

namespace wpm {
namespace {

constexpr quint64 kKnownOffset = 0x2d0; // struct pthread::tid, glibc 2.26 and later, x86-64
constexpr qsizetype kSearchBytes = 0x800;

} // namespace

QList<PthreadTids::Lookup> PthreadTids::lookup(const QList<ThreadKey>& keys)
{
    QList<Lookup> found(keys.size());
    QList<quint64> unknownHandles;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (const auto known = m_known.constFind(keys[i].state); known != m_known.cend() && known->first == keys[i])
            found[i].tid = known->second;
        else
            unknownHandles.append(keys[i].handle);
    }
    if (unknownHandles.isEmpty())
        return found;
    // The offset is learnt from the handles of the first read; reads of one thread state alone only use it.
    if (const std::optional<quint64> offset = tidOffset(unknownHandles))
        for (qsizetype i = 0; i < keys.size(); ++i)
            if (found[i].tid == 0 && keys[i].handle != 0)
                found[i].address = keys[i].handle + *offset;
    return found;
}

void PthreadTids::learn(const ThreadKey& key, pid_t tid)
{
    constexpr qsizetype kMaxKnown = 4096; // states of ended threads are never asked for again: drop them at times
    if (tid <= 0)
        return;
    if (m_known.size() >= kMaxKnown)
        m_known.clear();
    m_known.insert(key.state, { key, tid });
}

std::optional<quint64> PthreadTids::tidOffset(const QList<quint64>& handles)
{
    if (!m_offset)
        m_offset = findOffset(handles);
    return m_offset;
}

// The offset at which every handle holds a distinct thread id of the process.
std::optional<quint64> PthreadTids::findOffset(const QList<quint64>& handles)
{
    QList<pid_t> threads;
    for (pid_t tid : listThreads(m_memory.pid()))
        threads.append(m_tids.innerOf(tid));
    if (handles.isEmpty() || threads.isEmpty())
        return std::nullopt;
    QList<QByteArray> structs(handles.size(), QByteArray(kSearchBytes, '\0'));
    QList<RemoteMemory::Request> requests;
    for (qsizetype i = 0; i < handles.size(); ++i)
        requests.append({ handles[i], structs[i].data(), size_t(kSearchBytes) });
    m_memory.read(requests);
    const auto fits = [&](quint64 offset) {
        QSet<pid_t> seen;
        for (qsizetype i = 0; i < handles.size(); ++i) {
            if (!requests[i].ok)
                return false;
            pid_t tid = 0;
            std::memcpy(&tid, structs[i].constData() + offset, sizeof tid);
            if (!threads.contains(tid) || seen.contains(tid))
                return false;
            seen.insert(tid);
        }
        return true;
    };
    if (fits(kKnownOffset))
        return kKnownOffset;
    for (quint64 offset = 0; offset + sizeof(pid_t) <= quint64(kSearchBytes); offset += sizeof(pid_t))
        if (fits(offset))
            return offset;
    return std::nullopt;
}

} // namespace wpm
