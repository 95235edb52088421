#pragma once
// Lives on the proxy thread: accepts connections and runs one ProxyConnection per client.

#include "ProxyOptions.h"
#include "RequestRecord.h"
#include "core/Result.h"

#include <QObject>

class QTcpServer;

namespace wpm {

class ProxyServer : public QObject {
    Q_OBJECT
public:
    explicit ProxyServer(const ProxyOptions& options);

    // Runs on the proxy thread (invoked from HttpProxy::start).
    Status listen();
    quint16 port() const;
    void shutdown();

Q_SIGNALS:
    void requestStarted(const wpm::RequestRecord& record);
    void requestFinished(const wpm::RequestRecord& record);
    void requestUpgraded(const wpm::RequestRecord& record);

private:
    void accept();

    ProxyOptions m_options;
    QTcpServer* m_server = nullptr;
    quint64 m_connections = 0;
    quint64 m_requests = 0;
};

} // namespace wpm
