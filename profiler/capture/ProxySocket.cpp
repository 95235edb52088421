#include "ProxySocket.h"

#include "ProxyPoller.h"

#include <QHostAddress>
#include <QHostInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <unistd.h>

namespace wpm {
namespace {

bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

// Small requests and responses leave at once instead of waiting for an acknowledgement.
void sendWithoutDelay(int fd)
{
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

quint16 localPortOf(int fd)
{
    sockaddr_storage local {};
    socklen_t length = sizeof local;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0)
        return 0;
    if (local.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in&>(local).sin_port);
    if (local.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6&>(local).sin6_port);
    return 0;
}

} // namespace

Result<SocketAddress> SocketAddress::resolve(const QString& host, quint16 port)
{
    QHostAddress address(host);
    if (address.isNull()) {
        const QHostInfo info = QHostInfo::fromName(host);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
            return Error { info.errorString() };
        address = info.addresses().first();
        for (const QHostAddress& candidate : info.addresses()) {
            if (candidate.protocol() == QAbstractSocket::IPv4Protocol) {
                address = candidate;
                break;
            }
        }
    }
    SocketAddress result;
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto& ipv4 = reinterpret_cast<sockaddr_in&>(result.storage);
        ipv4.sin_family = AF_INET;
        ipv4.sin_port = htons(port);
        ipv4.sin_addr.s_addr = htonl(address.toIPv4Address());
        result.length = sizeof ipv4;
    } else {
        auto& ipv6 = reinterpret_cast<sockaddr_in6&>(result.storage);
        ipv6.sin6_family = AF_INET6;
        ipv6.sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&ipv6.sin6_addr, &bytes, sizeof bytes);
        result.length = sizeof ipv6;
    }
    return result;
}

ProxySocket::ProxySocket(ProxyPoller& poller, QObject* parent)
    : QObject(parent)
    , m_poller(poller)
{
}

ProxySocket::ProxySocket(int fd, ProxyPoller& poller, QObject* parent)
    : QObject(parent)
    , m_poller(poller)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    sendWithoutDelay(fd);
    watch(fd, false);
}

ProxySocket* ProxySocket::connectTo(const SocketAddress& address, ProxyPoller& poller, QObject* parent)
{
    auto* socket = new ProxySocket(poller, parent);
    const int fd = ::socket(address.storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int error = fd < 0 ? errno : 0;
    if (fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr*>(&address.storage), address.length) != 0
        && errno != EINPROGRESS) {
        error = errno;
        ::close(fd);
    }
    if (error != 0) {
        // Reported from the event loop, as a refusal found later would be.
        const QString reason = qt_error_string(error);
        QMetaObject::invokeMethod(
            socket, [socket, reason] { Q_EMIT socket->connectFailed(reason); }, Qt::QueuedConnection);
        return socket;
    }
    sendWithoutDelay(fd);
    socket->watch(fd, true); // writable once connected or refused: finishConnecting() tells which
    return socket;
}

ProxySocket::~ProxySocket()
{
    release();
}

void ProxySocket::watch(int fd, bool connecting)
{
    m_fd = fd;
    m_connected = !connecting;
    if (m_connected)
        m_localPort = localPortOf(fd);
    m_interest = interest();
    m_token = m_poller.add(fd, m_interest, [this](uint32_t events) { onEvents(events); });
    if (m_token == 0) { // cannot be watched: as good as closed (the connection's timeout ends it)
        ::close(fd);
        m_fd = -1;
    }
}

uint32_t ProxySocket::interest() const
{
    if (!m_connected)
        return EPOLLOUT;
    return (m_reading ? EPOLLIN : 0u) | (m_pending.isEmpty() ? 0u : EPOLLOUT);
}

void ProxySocket::updateInterest()
{
    const uint32_t wanted = interest();
    if (m_fd >= 0 && wanted != m_interest) {
        m_poller.modify(m_fd, m_token, wanted);
        m_interest = wanted;
    }
}

void ProxySocket::onEvents(uint32_t events)
{
    if (!m_connected) {
        finishConnecting();
        return;
    }
    const bool broken = events & (EPOLLERR | EPOLLHUP); // reported whether asked for or not
    if (broken && m_closeWhenDrained) { // the rest can no longer be delivered
        release();
        Q_EMIT closed();
        return;
    }
    if (events & EPOLLOUT)
        flushPending();
    if (m_fd >= 0 && ((events & EPOLLIN) || broken))
        Q_EMIT readyRead(); // reading then finds the end
}

void ProxySocket::release()
{
    if (m_fd >= 0) {
        m_poller.remove(m_fd, m_token); // before the descriptor is closed and its number reused
        ::close(m_fd);
    }
    m_fd = -1;
    m_connected = false;
    m_pending.clear();
}

qsizetype ProxySocket::read(char* buffer, qsizetype capacity)
{
    if (m_fd < 0)
        return 0;
    const ssize_t received = ::recv(m_fd, buffer, size_t(capacity), 0);
    if (received > 0)
        return qsizetype(received);
    if (received < 0 && wouldBlock(errno))
        return -1;
    setReading(false); // end of stream stays readable: stop being told about it
    return 0;
}

void ProxySocket::write(const char* data, qsizetype size)
{
    if (size <= 0 || m_fd < 0)
        return;
    if (m_connected && m_pending.isEmpty()) {
        const ssize_t sent = ::send(m_fd, data, size_t(size), MSG_NOSIGNAL);
        if (sent == size)
            return;
        if (sent < 0 && !wouldBlock(errno)) {
            writeFailed();
            return;
        }
        if (sent > 0) {
            data += sent;
            size -= sent;
        }
    }
    m_pending.append(data, size);
    updateInterest();
}

void ProxySocket::setReading(bool reading)
{
    m_reading = reading;
    updateInterest();
}

void ProxySocket::closeAfterWriting()
{
    if (m_fd < 0)
        return;
    if (m_pending.isEmpty() || !m_connected) {
        release();
        Q_EMIT closed();
        return;
    }
    m_closeWhenDrained = true;
    setReading(false);
}

void ProxySocket::abort()
{
    release();
}

void ProxySocket::finishConnecting()
{
    if (m_fd < 0 || m_connected)
        return;
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        error = errno;
    if (error != 0) {
        release();
        Q_EMIT connectFailed(qt_error_string(error));
        return;
    }
    m_connected = true;
    m_localPort = localPortOf(m_fd);
    updateInterest();
    Q_EMIT connected();
    flushPending();
}

void ProxySocket::flushPending()
{
    while (m_fd >= 0 && !m_pending.isEmpty()) {
        const ssize_t sent = ::send(m_fd, m_pending.constData(), size_t(m_pending.size()), MSG_NOSIGNAL);
        if (sent < 0) {
            if (!wouldBlock(errno))
                writeFailed();
            return; // still writing: the poller says when the kernel takes more
        }
        m_pending.remove(0, sent);
    }
    if (m_fd < 0)
        return;
    updateInterest();
    if (m_closeWhenDrained) {
        release();
        Q_EMIT closed();
        return;
    }
    Q_EMIT drained();
}

void ProxySocket::writeFailed()
{
    // The peer is gone: drop what it will never take; reading reports the end (0) to the owner.
    m_pending.clear();
    if (m_closeWhenDrained) {
        release();
        Q_EMIT closed();
        return;
    }
    m_reading = true;
    updateInterest();
}

} // namespace wpm
