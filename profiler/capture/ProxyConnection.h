#pragma once
// One client connection through the recording proxy: forwards the bytes both ways unchanged,
// times each request from its first byte to the last byte of its response, and answers for the
// server only when it cannot (400, 408, 431, 502).

#include "HttpMessageParser.h"
#include "ProxyOptions.h"
#include "ProxyPoller.h"
#include "ProxySocket.h"
#include "RequestRecord.h"

#include <QObject>

#include <functional>
#include <vector>

namespace wpm {

// What every connection of one proxy shares; owned by the ProxyServer, used on its thread only.
struct ProxyShared {
    ProxyOptions options;
    Result<QList<SocketAddress>> upstream = Error {}; // every address the server's name has
    qsizetype upstreamAnswered = 0; // the address that accepted a connection last: tried first
    ProxyPoller* poller = nullptr; // watches every socket of the proxy
    quint64 requests = 0; // the last request id given
    // Takes each request's events (a plain call: the server groups them before any signal).
    std::function<void(RequestEvent::Kind, const RequestRecord&)> report;
    std::vector<char> readBuffer = std::vector<char>(64 * 1024); // one read at a time on the thread
};

class ProxyConnection : public QObject {
    Q_OBJECT
public:
    ProxyConnection(int clientFd, quint64 connectionId, ProxyShared& shared, QObject* parent);
    ~ProxyConnection() override;

    // Called now and then by the server: a client too slow with its headers gets 408, an idle
    // keep-alive connection is closed.
    void checkTimeout(qint64 nowNs);

    // Its requests go to ProxyShared::report: Started with the request line and headers read (no
    // response fields yet), then Finished, or Upgraded after 101 (no longer a request, never finished).
Q_SIGNALS:
    void closed();

private:
    struct InFlight {
        RequestRecord record;
        bool responseStarted = false;
    };

    void watchParsers();
    void connectUpstream();
    void connectUpstreamTo(qsizetype addressIndex);
    void onUpstreamConnected();
    void onUpstreamFailed(int error);
    void cannotReachUpstream(const QString& reason);
    void readClient();
    void readUpstream();
    void forwardRequestBytes(const char* data, qsizetype size);
    void forwardResponseBytes(const char* data, qsizetype size);
    void writeUpstream(const char* data, qsizetype size);
    void onClientClosed();
    void onUpstreamClosed();
    void finishFront(int status, qint64 responseBytes, const QString& error);
    void failRequest(int status, const QByteArray& reason, const QString& message);
    void close();
    void setDeadline(qint64 nowNs, int timeoutMs) { m_deadlineNs = nowNs + qint64(timeoutMs) * 1'000'000; }
    QString upstreamName() const;

    ProxySocket* m_client;
    ProxySocket* m_upstream = nullptr; // null when the server's address could not be resolved
    ProxyShared& m_shared;
    const ProxyOptions& m_options;
    quint64 m_connectionId;
    HttpMessageParser m_requests { HttpMessageParser::Kind::Request };
    HttpMessageParser m_responses { HttpMessageParser::Kind::Response };
    std::vector<InFlight> m_inFlight; // oldest first; keeps its room, so a request allocates nothing here
    qsizetype m_addressIndex = 0; // of the address being connected to
    QStringList m_triedAddresses; // each with why it failed, for the 502
    QString m_upstreamError; // why the server could not be reached
    qint64 m_deadlineNs = 0; // 0: no timeout running (the server is the one taking its time)
    bool m_tunnel = false; // after a protocol switch (WebSocket): raw bytes both ways, untimed
    bool m_closing = false;
};

} // namespace wpm
