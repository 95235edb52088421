#include "ProxyServer.h"

#include "core/MonotonicClock.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <http_parser.h>

namespace wpm {
namespace {

// Records wait this long on the proxy thread and then go together: a receiver on another thread
// wakes a few hundred times a second at most, not twice per request.
constexpr int kRecordDelayMs = 5;

} // namespace

// Hands over accepted descriptors: the data path uses its own sockets, not QTcpSocket.
class ProxyListener : public QTcpServer {
public:
    ProxyListener(std::function<void(int)> accepted, QObject* parent)
        : QTcpServer(parent)
        , m_accepted(std::move(accepted))
    {
    }

protected:
    void incomingConnection(qintptr fd) override { m_accepted(int(fd)); }

private:
    std::function<void(int)> m_accepted;
};

ProxyServer::ProxyServer(const ProxyOptions& options)
{
    m_shared.options = options;
}

ProxyServer::~ProxyServer()
{
    shutdown(); // the connections go before the poller that watches their sockets
}

Status ProxyServer::listen()
{
    const ProxyOptions& options = m_shared.options;
    http_parser_set_max_header_size(options.maxHeaderBytes);
    m_listener = new ProxyListener([this](int fd) { accept(fd); }, this);
    const QHostAddress address = options.listenHost == QLatin1String("localhost")
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(options.listenHost);
    if (address.isNull() || !m_listener->listen(address, options.listenPort)) {
        const QString reason = address.isNull() ? tr("not an IP address") : m_listener->errorString();
        return Error { tr("The proxy cannot listen on %1:%2: %3. Choose another address with --proxy-listen "
                          "(port 0 picks a free one).")
                           .arg(options.listenHost)
                           .arg(options.listenPort)
                           .arg(reason) };
    }
    m_shared.poller = new ProxyPoller(this);
    if (!m_shared.poller->isValid())
        return Error { tr("The proxy cannot watch its sockets: %1. Raise the limit of open files (ulimit -n).")
                           .arg(qt_error_string(errno)) };
    // Looked up once; a server that cannot be found is answered with 502 naming it, request by request.
    m_shared.upstream = SocketAddress::resolve(options.upstreamHost, options.upstreamPort);
    // A tenth of the shortest timeout: a slow client is answered at most that much late.
    m_timeouts = new QTimer(this);
    m_timeouts->setInterval(std::clamp(std::min(options.headerTimeoutMs, options.idleTimeoutMs) / 10, 10, 1000));
    connect(m_timeouts, &QTimer::timeout, this, &ProxyServer::checkTimeouts);
    m_timeouts->start();
    m_recordDelay = new QTimer(this);
    m_recordDelay->setSingleShot(true);
    m_recordDelay->setInterval(kRecordDelayMs);
    connect(m_recordDelay, &QTimer::timeout, this, &ProxyServer::emitRecords);
    return success();
}

quint16 ProxyServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void ProxyServer::accept(int fd)
{
    auto* connection = new ProxyConnection(fd, ++m_connections, m_shared, this);
    connect(connection, &ProxyConnection::requestStarted, this,
        [this](const RequestRecord& record) { queueRecord(RequestEvent::Kind::Started, record); });
    connect(connection, &ProxyConnection::requestFinished, this,
        [this](const RequestRecord& record) { queueRecord(RequestEvent::Kind::Finished, record); });
    connect(connection, &ProxyConnection::requestUpgraded, this,
        [this](const RequestRecord& record) { queueRecord(RequestEvent::Kind::Upgraded, record); });
    connect(connection, &ProxyConnection::closed, connection, &QObject::deleteLater);
}

void ProxyServer::queueRecord(RequestEvent::Kind kind, const RequestRecord& record)
{
    if (m_events.isEmpty())
        m_recordDelay->start();
    m_events.append({ kind, record });
}

void ProxyServer::emitRecords()
{
    RequestEvents events;
    events.swap(m_events);
    if (events.isEmpty())
        return;
    Q_EMIT requestEvents(events);
    for (const RequestEvent& event : events) {
        if (event.kind == RequestEvent::Kind::Started)
            Q_EMIT requestStarted(event.record);
        else if (event.kind == RequestEvent::Kind::Finished)
            Q_EMIT requestFinished(event.record);
        else
            Q_EMIT requestUpgraded(event.record);
    }
}

void ProxyServer::checkTimeouts()
{
    const qint64 now = monotonicNs();
    for (ProxyConnection* connection : findChildren<ProxyConnection*>(Qt::FindDirectChildrenOnly))
        connection->checkTimeout(now);
}

void ProxyServer::shutdown()
{
    if (m_timeouts)
        m_timeouts->stop();
    if (m_listener)
        m_listener->close();
    for (ProxyConnection* connection : findChildren<ProxyConnection*>(Qt::FindDirectChildrenOnly))
        delete connection;
    emitRecords();
}

} // namespace wpm
