#pragma once
// The recording proxy: listens (loopback by default) on a thread of its own, forwards every
// connection to the server, and reports each finished request. Start-up errors (address in use,
// bad address) are returned before anything runs.

#include "ProxyOptions.h"
#include "RequestRecord.h"
#include "core/Result.h"

#include <QObject>

class QThread;

namespace wpm {

class ProxyServer;

class HttpProxy : public QObject {
    Q_OBJECT
public:
    explicit HttpProxy(QObject* parent = nullptr);
    ~HttpProxy() override;

    Status start(const ProxyOptions& options);
    void stop();
    bool isRunning() const { return m_server != nullptr; }
    // Where clients should send their requests, e.g. "127.0.0.1:38211".
    QString address() const { return m_address; }
    quint16 port() const { return m_port; }

Q_SIGNALS:
    // Emitted on the proxy's thread, in order, in groups every 5 ms (a receiver on another thread
    // wakes once per group); connect with a receiver to get them queued to yours. A request starts
    // when its headers are read, so overlapping requests are known while they run.
    void requestStarted(const wpm::RequestRecord& record);
    void requestFinished(const wpm::RequestRecord& record);
    // A request answered with 101 Switching Protocols: passed through untimed from then on.
    void requestUpgraded(const wpm::RequestRecord& record);
    // The three above, each group of a few milliseconds in one call: what a receiver on another thread
    // should take (one queued call per group, not one per request).
    void requestEvents(const wpm::RequestEvents& events);

private:
    void emitEvents(const RequestEvents& events); // on the proxy's thread

    QThread* m_thread = nullptr;
    ProxyServer* m_server = nullptr;
    QString m_address;
    quint16 m_port = 0;
};

} // namespace wpm
