#pragma once
// Lives on the proxy thread: accepts connections and runs one ProxyConnection per client.

#include "ProxyConnection.h"
#include "ProxyOptions.h"
#include "RequestRecord.h"
#include "core/Result.h"

#include <QObject>

class QTimer;

namespace wpm {

class ProxyListener;

class ProxyServer : public QObject {
    Q_OBJECT
public:
    explicit ProxyServer(const ProxyOptions& options);
    ~ProxyServer() override;

    // Runs on the proxy thread (invoked from HttpProxy::start).
    Status listen();
    quint16 port() const;
    void shutdown();

Q_SIGNALS:
    void requestStarted(const wpm::RequestRecord& record);
    void requestFinished(const wpm::RequestRecord& record);
    void requestUpgraded(const wpm::RequestRecord& record);
    // The same events, each group of them at once.
    void requestEvents(const wpm::RequestEvents& events);

private:
    void accept(int fd);
    void checkTimeouts();
    void queueRecord(RequestEvent::Kind kind, const RequestRecord& record);
    void emitRecords();

    ProxyShared m_shared;
    ProxyListener* m_listener = nullptr;
    QTimer* m_timeouts = nullptr; // one coarse timer for all connections, not one restarted per read
    quint64 m_connections = 0;
    QTimer* m_recordDelay = nullptr;
    RequestEvents m_events;
};

} // namespace wpm
