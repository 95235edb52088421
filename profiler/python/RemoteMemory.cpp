#include "RemoteMemory.h"

#include <sys/uio.h>

#include <cerrno>
#include <climits>
#include <vector>

namespace wpm {

bool RemoteMemory::read(QList<Request>& requests)
{
    constexpr qsizetype kMaxVectors = IOV_MAX;
    std::vector<iovec> local;
    std::vector<iovec> remote;
    bool anyRead = false;
    qsizetype next = 0;
    while (next < requests.size()) {
        local.clear();
        remote.clear();
        const qsizetype first = next;
        for (; next < requests.size() && next - first < kMaxVectors; ++next) {
            Request& request = requests[next];
            request.ok = request.size == 0;
            local.push_back({ request.destination, request.size });
            remote.push_back({ reinterpret_cast<void*>(request.address), request.size });
        }
        ++m_syscalls;
        const ssize_t copied = process_vm_readv(m_pid, local.data(), local.size(), remote.data(), remote.size(), 0);
        if (copied < 0) {
            m_lastError = errno;
            if (m_lastError == ESRCH || m_lastError == EPERM)
                return false;
            // The first range is unreadable: skip it and go on with the others.
            next = first + 1;
            continue;
        }
        // The kernel stops at the first range it cannot read in full; the ones before it arrived.
        size_t remaining = size_t(copied);
        qsizetype index = first;
        for (; index < next && remaining >= requests[index].size; ++index) {
            remaining -= requests[index].size;
            requests[index].ok = true;
            anyRead = true;
        }
        if (index < next)
            next = index + 1; // requests[index] failed; retry after it
    }
    return anyRead || requests.isEmpty();
}

bool RemoteMemory::read(quint64 address, void* destination, size_t size)
{
    QList<Request> requests { { address, destination, size, false } };
    return read(requests) && requests.front().ok;
}

} // namespace wpm
