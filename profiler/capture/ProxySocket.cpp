#include "ProxySocket.h"

#include "ProxyPoller.h"

#include <QPointer>

#include <cerrno>
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

} // namespace

ProxySocket::ProxySocket(ProxyPoller& poller, QObject* parent)
    : QObject(parent)
    , m_poller(poller)
{
}

ProxySocket::ProxySocket(int fd, ProxyPoller& poller, QObject* parent)
    : QObject(parent)
    , m_poller(poller)
{
    sendWithoutDelay(fd);
    watch(fd, false);
}

ProxySocket* ProxySocket::connectTo(const SocketAddress& address, ProxyPoller& poller, QObject* parent)
{
    auto* socket = new ProxySocket(poller, parent);
    socket->m_connecting = true;
    const int fd = ::socket(address.storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int error = fd < 0 ? errno : 0;
    if (fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr*>(&address.storage), address.length) != 0
        && errno != EINPROGRESS) {
        error = errno;
        ::close(fd);
    }
    if (error != 0) {
        // Reported after the caller's handler, as a refusal found later would be.
        poller.later([socket = QPointer<ProxySocket>(socket), error] {
            if (socket)
                Q_EMIT socket->connectFailed(error);
        });
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
        m_localPort = SocketAddress::localOf(fd).port();
    m_interest = interest();
    m_watch = m_poller.add(fd, m_interest, [this](uint32_t events) { onEvents(events); });
    if (!m_watch) { // cannot be watched: as good as closed (the connection's timeout ends it)
        ::close(fd);
        m_fd = -1;
    }
}

uint32_t ProxySocket::interest() const
{
    // Edge-triggered: a socket read empty is not looked at again by every later wait.
    if (!m_connected)
        return EPOLLOUT | EPOLLET;
    return (m_reading ? EPOLLIN | EPOLLRDHUP : 0u) | (m_pending.isEmpty() ? 0u : EPOLLOUT) | EPOLLET;
}

void ProxySocket::updateInterest()
{
    const uint32_t wanted = interest();
    if (m_fd >= 0 && wanted != m_interest) {
        m_poller.modify(m_fd, m_watch, wanted);
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
    if (m_fd < 0 || !((events & EPOLLIN) || broken))
        return;
    if (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        m_peerClosed = true; // its end may wait behind the last bytes: read until it is found
    // Told once per arrival: the owner reads until the kernel has no more, stops reading, or
    // ignores it (closing). Reading then finds the end of a broken connection too.
    m_readEmpty = false;
    quint64 readsBefore = 0;
    do {
        readsBefore = m_reads;
        Q_EMIT readyRead();
    } while (m_fd >= 0 && m_reading && !m_readEmpty && m_reads != readsBefore);
}

void ProxySocket::release()
{
    if (m_fd >= 0) {
        m_poller.remove(m_fd, m_watch); // before the descriptor is closed and its number reused
        ::close(m_fd);
    }
    m_fd = -1;
    m_connected = false;
    if (!m_connecting) // a failed connection's bytes may still go to another address: takePending()
        m_pending.clear();
}

qsizetype ProxySocket::read(char* buffer, qsizetype capacity)
{
    if (m_fd < 0)
        return 0;
    const ssize_t received = ::recv(m_fd, buffer, size_t(capacity), 0);
    ++m_reads;
    // Fewer bytes than asked for: the kernel had no more (a stream socket hands over all it has),
    // unless the peer's end is still to be read.
    m_readEmpty = received <= 0 || (received < capacity && !m_peerClosed);
    if (received > 0)
        return qsizetype(received);
    if (received < 0 && wouldBlock(errno))
        return -1;
    setReading(false); // end of stream stays readable: stop being told about it
    return 0;
}

void ProxySocket::write(const char* data, qsizetype size)
{
    if (size <= 0 || (m_fd < 0 && !m_connecting))
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
    m_connecting = false;
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
        Q_EMIT connectFailed(error);
        return;
    }
    m_connected = true;
    m_connecting = false;
    m_localPort = SocketAddress::localOf(m_fd).port();
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
