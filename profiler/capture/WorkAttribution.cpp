#include "WorkAttribution.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace wpm {
namespace {

// A run left over after the one-to-one pairing counts only this close to a request's start or end.
constexpr qint64 kEdgeSlackNs = 100'000'000;

// How far `timeNs` lies outside [fromNs, toNs]; 0 inside.
qint64 distanceTo(qint64 timeNs, qint64 fromNs, qint64 toNs)
{
    return timeNs < fromNs ? fromNs - timeNs : timeNs > toNs ? timeNs - toNs : 0;
}

struct Pairing {
    qint64 misfit;
    qint64 nearestEdge; // the smaller of its start's and its end's misfits
    qsizetype run; // index into the runs, ordered by start
    qsizetype request; // index into the requests, ordered by start
    auto key() const { return std::tie(misfit, run, request); }
};

} // namespace

QHash<int, qsizetype> assignRuns(const QList<WorkRun>& runs, std::span<const RequestSpan> requests)
{
    QList<qsizetype> runOrder(runs.size());
    std::iota(runOrder.begin(), runOrder.end(), 0);
    std::ranges::sort(runOrder, [&](qsizetype a, qsizetype b) {
        return std::tie(runs[a].firstNs, runs[a].tid) < std::tie(runs[b].firstNs, runs[b].tid);
    });
    QList<qsizetype> requestOrder(qsizetype(requests.size()));
    std::iota(requestOrder.begin(), requestOrder.end(), 0);
    std::ranges::sort(requestOrder, [&](qsizetype a, qsizetype b) {
        return std::tie(requests[size_t(a)].startNs, requests[size_t(a)].id)
            < std::tie(requests[size_t(b)].startNs, requests[size_t(b)].id);
    });

    QList<Pairing> pairings;
    for (qsizetype r = 0; r < runOrder.size(); ++r) {
        const WorkRun& run = runs[runOrder[r]];
        for (qsizetype q = 0; q < requestOrder.size(); ++q) {
            const RequestSpan& request = requests[size_t(requestOrder[q])];
            if (run.lastNs < request.startNs || run.firstNs > request.endNs)
                continue;
            // How far the request's edges are from where the run may have begun and ended.
            const qint64 startMisfit = distanceTo(request.startNs, run.startAfterNs, run.firstNs);
            const qint64 endMisfit = distanceTo(request.endNs, run.lastNs, run.endBeforeNs);
            pairings.append({ startMisfit + endMisfit, std::min(startMisfit, endMisfit), r, q });
        }
    }
    std::ranges::sort(pairings, [](const Pairing& a, const Pairing& b) { return a.key() < b.key(); });

    // Best fits first, one run per request; then the runs left over that begin or end with a
    // request (an event loop taking requests in and sending answers out) each go to the request
    // with the nearest edge. Other runs served none of them: a background thread's timer, a main
    // loop waking up to wait for the GIL.
    QHash<int, qsizetype> assigned;
    QList<bool> requestTaken(requestOrder.size(), false);
    for (const Pairing& pairing : std::as_const(pairings)) {
        const int id = runs[runOrder[pairing.run]].id;
        if (assigned.contains(id) || requestTaken[pairing.request])
            continue;
        assigned.insert(id, requestOrder[pairing.request]);
        requestTaken[pairing.request] = true;
    }
    std::ranges::sort(pairings, [](const Pairing& a, const Pairing& b) {
        return std::tie(a.nearestEdge, a.run, a.request) < std::tie(b.nearestEdge, b.run, b.request);
    });
    for (const Pairing& pairing : std::as_const(pairings)) {
        const int id = runs[runOrder[pairing.run]].id;
        if (!assigned.contains(id) && pairing.nearestEdge <= kEdgeSlackNs && !runs[runOrder[pairing.run]].background)
            assigned.insert(id, requestOrder[pairing.request]);
    }
    return assigned;
}

} // namespace wpm
