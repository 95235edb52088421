#pragma once
// One HTTP request as the proxy saw it: what was asked, what came back, and when (on the same
// monotonic clock as the samples, so a request's window can be cut out of the sample store).

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace wpm {

struct RequestRecord {
    quint64 id = 0; // sequential per proxy
    quint64 connectionId = 0;
    QString method;
    QString target; // as sent: path and query
    QString path;
    QString query;
    int status = 0; // 0: no response (the client or the server went away)
    qint64 requestBytes = 0; // body bytes from the client
    qint64 responseBytes = 0; // body bytes from the server
    qint64 startNs = 0; // CLOCK_MONOTONIC: first byte of the request
    qint64 endNs = 0; // last byte of the response handed to the client
    QDateTime startTime; // wall clock of startNs
    quint16 upstreamLocalPort = 0; // our end of the connection to the server: finds the serving socket
    QString error; // why the request ended without a full response

    double durationSeconds() const { return double(endNs - startNs) / 1e9; }
};

// A record as the proxy hands it on: the request started (its headers read), finished, or switched
// protocols (101: no longer a request, never finished).
struct RequestEvent {
    enum class Kind { Started, Finished, Upgraded };
    Kind kind = Kind::Finished;
    RequestRecord record;
};
// The proxy's events of a few milliseconds, in the order they happened: one queued call per group
// instead of one per event is what a receiver on another thread costs least.
using RequestEvents = QList<RequestEvent>;

} // namespace wpm

Q_DECLARE_METATYPE(wpm::RequestRecord)
Q_DECLARE_METATYPE(wpm::RequestEvents)
