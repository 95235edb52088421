#pragma once
// With overlapping requests, which thread worked for which request. A thread's run of work (its
// samples between two of its usual waits) goes to the request whose start and end it fits best:
// a worker starts on a request just after the proxy forwarded it and goes back to waiting (or
// exits) just before the response ends. Sampling only tells when a run began and ended to within
// the samples around its edges; runs that fit two requests equally well are paired one to one, in
// the order the threads started and the requests arrived. Other runs count only where they
// begin or end with a request, and not at all on threads that also work between requests.

#include <QHash>
#include <QList>

#include <span>

#include <sys/types.h>

namespace wpm {

struct RequestSpan {
    quint64 id = 0;
    qint64 startNs = 0;
    qint64 endNs = 0; // for a request still running: now
};

struct WorkRun {
    int id = 0;
    pid_t tid = 0;
    qint64 startAfterNs = 0; // the run began in [startAfterNs, firstNs]: after the sample before it
    qint64 firstNs = 0;
    qint64 lastNs = 0;
    qint64 endBeforeNs = 0; // and ended in [lastNs, endBeforeNs]
    bool background = false; // its thread also works while no request runs (a timer, a file watcher)
};

// For each run's id, the index in `requests` of the request it worked for; runs that served none
// of the requests are left out.
QHash<int, qsizetype> assignRuns(const QList<WorkRun>& runs, std::span<const RequestSpan> requests);

} // namespace wpm
