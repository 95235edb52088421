#pragma once
// One client connection through the recording proxy: forwards the bytes both ways unchanged,
// times each request from its first byte to the last byte of its response, and answers for the
// server only when it cannot (400, 408, 431, 502).

#include "HttpMessageParser.h"
#include "ProxyOptions.h"
#include "RequestRecord.h"

#include <QObject>
#include <QTimer>

#include <deque>

class QTcpSocket;

namespace wpm {

class ProxyConnection : public QObject {
    Q_OBJECT
public:
    ProxyConnection(QTcpSocket* client, quint64 connectionId, const ProxyOptions& options, quint64* requestCounter,
        QObject* parent = nullptr);
    ~ProxyConnection() override;

Q_SIGNALS:
    // With the request line and headers read; the record has no response fields yet.
    void requestStarted(const wpm::RequestRecord& record);
    void requestFinished(const wpm::RequestRecord& record);
    // Switched protocols (101, e.g. WebSocket): no longer a request, never finished.
    void requestUpgraded(const wpm::RequestRecord& record);
    void closed();

private:
    struct InFlight {
        RequestRecord record;
        bool responseStarted = false;
    };

    void readClient();
    void readUpstream();
    void writeUpstream(const char* data, qsizetype size);
    void connectUpstream();
    void onUpstreamConnected();
    void onUpstreamError();
    void onUpstreamClosed();
    void onTimeout();
    void finishFront(int status, qint64 responseBytes, const QString& error);
    void failRequest(int status, const QByteArray& reason, const QString& message);
    void close();
    QString upstreamName() const;

    QTcpSocket* m_client;
    QTcpSocket* m_upstream = nullptr;
    ProxyOptions m_options;
    quint64 m_connectionId;
    quint64* m_requestCounter;
    HttpMessageParser m_requests { HttpMessageParser::Kind::Request };
    HttpMessageParser m_responses { HttpMessageParser::Kind::Response };
    std::deque<InFlight> m_inFlight;
    QByteArray m_pendingUpstream; // request bytes waiting for the connection to the server
    QString m_upstreamError; // why the server could not be reached
    bool m_upstreamConnected = false;
    bool m_tunnel = false; // after a protocol switch (WebSocket): raw bytes both ways, untimed
    bool m_closing = false;
    QTimer m_timer;
};

} // namespace wpm
