#include "PthreadTids.h"

#include "target/ProcFs.h"

#include <QSet>

#include <cstring>

namespace wpm {
namespace {

constexpr quint64 kKnownOffset = 0x2d0; // struct pthread::tid, glibc 2.26 and later, x86-64
constexpr qsizetype kSearchBytes = 0x800;

} // namespace

std::optional<quint64> PthreadTids::tidOffset(const QList<quint64>& handles)
{
    if (!m_offset)
        m_offset = findOffset(handles);
    return m_offset;
}

// The offset at which every handle holds a distinct thread id of the process.
std::optional<quint64> PthreadTids::findOffset(const QList<quint64>& handles)
{
    const QList<pid_t> threads = listThreads(m_memory.pid());
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
