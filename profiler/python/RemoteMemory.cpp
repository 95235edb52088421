#include "RemoteMemory.h"

#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <numeric>
#include <vector>

namespace wpm {
namespace {

constexpr quint64 kPageSize = 4096;
// A merged range is read into a scratch buffer first: past this size a separate range costs less than the copy.
constexpr quint64 kMaxMergedBytes = 64 * 1024;

quint64 pageOf(quint64 address)
{
    return address / kPageSize;
}

} // namespace

// The kernel walks the target's page tables once per range (most of a call's cost), so requests that touch the
// same or adjacent pages are read as one range: every page of the span is one a request reads anyway, so the span
// is readable whenever its requests are. A merged range that fails is read again request by request.
bool RemoteMemory::read(QList<Request>& requests)
{
    std::vector<qsizetype> order(size_t(requests.size()));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
        [&](qsizetype a, qsizetype b) { return requests[a].address < requests[b].address; });
    struct Span {
        Request range;
        qsizetype first = 0; // into `order`
        qsizetype count = 0;
    };
    std::vector<Span> spans;
    for (qsizetype i = 0; i < qsizetype(order.size()); ++i) {
        const Request& request = requests[order[size_t(i)]];
        // A garbage pointer read from a moving target can sit at the top of the address space: such a request fails
        // on its own rather than wrap a span's end.
        if (request.size == 0 || request.address + request.size < request.address)
            continue;
        const quint64 end = request.address + request.size;
        if (!spans.empty()) {
            Span& last = spans.back();
            const quint64 lastEnd = last.range.address + last.range.size;
            const quint64 mergedEnd = std::max(lastEnd, end);
            if (pageOf(request.address) <= pageOf(lastEnd - 1) + 1
                && mergedEnd - last.range.address <= kMaxMergedBytes) {
                last.range.size = mergedEnd - last.range.address;
                ++last.count;
                continue;
            }
        }
        spans.push_back({ request, i, 1 });
    }

    // Merged spans land in one scratch buffer, each at its offset, and are copied out to their requests.
    std::vector<size_t> offsets(spans.size());
    size_t scratchBytes = 0;
    for (size_t i = 0; i < spans.size(); ++i)
        if (spans[i].count > 1) {
            offsets[i] = scratchBytes;
            scratchBytes += spans[i].range.size;
        }
    std::vector<char> scratch(scratchBytes);
    QList<Request> ranges;
    ranges.reserve(qsizetype(spans.size()));
    for (size_t i = 0; i < spans.size(); ++i) {
        ranges.append(spans[i].range);
        if (spans[i].count > 1)
            ranges.back().destination = scratch.data() + offsets[i];
    }
    for (Request& request : requests)
        request.ok = request.size == 0;
    const bool anyRead = readRanges(ranges);

    QList<Request> again;
    QList<qsizetype> againIndices;
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        const Span& span = spans[size_t(i)];
        for (qsizetype k = span.first; k < span.first + span.count; ++k) {
            const qsizetype index = order[size_t(k)];
            Request& request = requests[index];
            if (span.count == 1) {
                request.ok = ranges[i].ok;
            } else if (ranges[i].ok) {
                std::memcpy(request.destination,
                    scratch.data() + offsets[size_t(i)] + (request.address - span.range.address), request.size);
                request.ok = true;
            } else {
                again.append(request);
                againIndices.append(index);
            }
        }
    }
    if (again.isEmpty() || m_lastError == ESRCH || m_lastError == EPERM)
        return anyRead || requests.isEmpty();
    const bool anyReadAgain = readRanges(again);
    for (qsizetype k = 0; k < again.size(); ++k)
        requests[againIndices[k]].ok = again[k].ok;
    return anyRead || anyReadAgain;
}

// One range per iovec, IOV_MAX of them per call; a range that cannot be read is skipped and the call resumed after it.
bool RemoteMemory::readRanges(QList<Request>& ranges)
{
    constexpr qsizetype kMaxVectors = IOV_MAX;
    std::vector<iovec> local;
    std::vector<iovec> remote;
    bool anyRead = false;
    qsizetype next = 0;
    while (next < ranges.size()) {
        local.clear();
        remote.clear();
        const qsizetype first = next;
        for (; next < ranges.size() && next - first < kMaxVectors; ++next) {
            Request& range = ranges[next];
            range.ok = range.size == 0;
            local.push_back({ range.destination, range.size });
            remote.push_back({ reinterpret_cast<void*>(range.address), range.size });
            m_bytes += range.size;
        }
        ++m_syscalls;
        m_ranges += local.size();
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
        for (; index < next && remaining >= ranges[index].size; ++index) {
            remaining -= ranges[index].size;
            ranges[index].ok = true;
            anyRead = true;
        }
        if (index < next)
            next = index + 1; // ranges[index] failed; retry after it
    }
    return anyRead;
}

bool RemoteMemory::read(quint64 address, void* destination, size_t size)
{
    QList<Request> requests { { address, destination, size, false } };
    return read(requests) && requests.front().ok;
}

} // namespace wpm
