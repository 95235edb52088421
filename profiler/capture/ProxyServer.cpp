#include "ProxyServer.h"

#include "core/MonotonicClock.h"

#include <QHostAddress>
#include <QPointer>

#include <algorithm>
#include <cerrno>
#include <http_parser.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace wpm {
namespace {

// Records wait this long on the proxy thread and then go together: a receiver on another thread
// wakes a few hundred times a second at most, not twice per request.
constexpr qint64 kRecordDelayNs = 5'000'000;
// Connections taken per wake-up of the listening socket: those that arrive together cost one wait.
constexpr int kAcceptsPerWakeUp = 32;

} // namespace

ProxyServer::ProxyServer(const ProxyOptions& options)
{
    m_shared.options = options;
    m_shared.poller = &m_poller;
    m_shared.report = [this](RequestEvent::Kind kind, const RequestRecord& record) { queueRecord(kind, record); };
}

ProxyServer::~ProxyServer()
{
    shutdown(); // the connections go before the poller that watches their sockets
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
}

Status ProxyServer::listen()
{
    const ProxyOptions& options = m_shared.options;
    http_parser_set_max_header_size(options.maxHeaderBytes);
    const auto cannotWatch = [] {
        return Error { tr("The proxy cannot watch its sockets: %1. Raise the limit of open files (ulimit -n).")
                           .arg(qt_error_string(errno)) };
    };
    if (!m_poller.isValid())
        return cannotWatch();
    if (Status listening = openListeningSocket(); !listening)
        return listening;
    m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    const bool watched = m_wakeFd >= 0 && m_poller.add(m_wakeFd, EPOLLIN, [this](uint32_t) {
        quint64 count = 0;
        [[maybe_unused]] const ssize_t read = ::read(m_wakeFd, &count, sizeof count);
    });
    m_listenWatch = m_poller.add(m_listenFd, EPOLLIN, [this](uint32_t) { acceptClients(); });
    if (!watched || !m_listenWatch)
        return cannotWatch();
    // Looked up once; a server that cannot be found is answered with 502 naming it, request by request.
    m_shared.upstream = SocketAddress::resolve(options.upstreamHost, options.upstreamPort);
    // A tenth of the shortest timeout: a slow client is answered at most that much late.
    m_timeoutIntervalNs
        = qint64(std::clamp(std::min(options.headerTimeoutMs, options.idleTimeoutMs) / 10, 10, 1000)) * 1'000'000;
    return success();
}

Status ProxyServer::openListeningSocket()
{
    const ProxyOptions& options = m_shared.options;
    const QHostAddress address = options.listenHost == QLatin1String("localhost")
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(options.listenHost);
    QString reason = tr("not an IP address");
    if (!address.isNull()) {
        const SocketAddress local = SocketAddress::from(address, options.listenPort);
        m_listenFd = ::socket(local.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        const int on = 1;
        if (m_listenFd >= 0 && ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0
            && ::bind(m_listenFd, reinterpret_cast<const sockaddr*>(&local.storage), local.length) == 0
            && ::listen(m_listenFd, SOMAXCONN) == 0) {
            m_port = SocketAddress::localOf(m_listenFd).port();
            return success();
        }
        reason = qt_error_string(errno);
    }
    return Error { tr("The proxy cannot listen on %1:%2: %3. Choose another address with --proxy-listen "
                      "(port 0 picks a free one).")
                       .arg(options.listenHost)
                       .arg(options.listenPort)
                       .arg(reason) };
}

void ProxyServer::run()
{
    m_nextTimeoutCheckNs = monotonicNs() + m_timeoutIntervalNs;
    while (!m_stopping.load(std::memory_order_relaxed)) {
        const qint64 now = monotonicNs();
        if (now >= m_nextTimeoutCheckNs) {
            checkTimeouts(now);
            m_nextTimeoutCheckNs = now + m_timeoutIntervalNs;
        }
        if (m_recordsDueNs != 0 && now >= m_recordsDueNs)
            emitRecords();
        const qint64 due = m_recordsDueNs != 0 ? std::min(m_recordsDueNs, m_nextTimeoutCheckNs) : m_nextTimeoutCheckNs;
        m_poller.wait(int((due - now + 999'999) / 1'000'000));
    }
    shutdown();
}

void ProxyServer::stop()
{
    m_stopping.store(true);
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t written = ::write(m_wakeFd, &one, sizeof one);
}

void ProxyServer::acceptClients()
{
    for (int i = 0; i < kAcceptsPerWakeUp; ++i) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                // Out of descriptors or memory: the socket stays ready, so stop watching it until
                // the next timeout check rather than spin.
                m_poller.modify(m_listenFd, m_listenWatch, 0);
                m_accepting = false;
            }
            return;
        }
        auto* connection = new ProxyConnection(fd, ++m_connections, m_shared, this);
        // Deleted once its sockets' handlers are done, as nothing runs on this thread's Qt event loop.
        connect(connection, &ProxyConnection::closed, this, [this, connection] {
            m_poller.later([closed = QPointer<ProxyConnection>(connection)] { delete closed.data(); });
        });
    }
}

void ProxyServer::queueRecord(RequestEvent::Kind kind, const RequestRecord& record)
{
    if (m_events.isEmpty())
        m_recordsDueNs = monotonicNs() + kRecordDelayNs;
    m_events.append({ kind, record });
}

void ProxyServer::emitRecords()
{
    m_recordsDueNs = 0;
    if (m_events.isEmpty())
        return;
    RequestEvents events;
    events.reserve(m_events.size()); // the next group is likely as large: no growing it event by event
    events.swap(m_events);
    Q_EMIT requestEvents(events);
}

void ProxyServer::checkTimeouts(qint64 nowNs)
{
    if (!m_accepting) {
        m_accepting = true;
        m_poller.modify(m_listenFd, m_listenWatch, EPOLLIN);
    }
    for (ProxyConnection* connection : findChildren<ProxyConnection*>(Qt::FindDirectChildrenOnly))
        connection->checkTimeout(nowNs);
}

void ProxyServer::shutdown()
{
    for (ProxyConnection* connection : findChildren<ProxyConnection*>(Qt::FindDirectChildrenOnly))
        delete connection;
    emitRecords();
}

} // namespace wpm
