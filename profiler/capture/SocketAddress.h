#pragma once
// A socket address for the proxy's own sockets (listening, connecting to the server), made from
// an IP address or from what a host name resolves to.

#include "core/Result.h"

#include <QList>
#include <QString>

#include <sys/socket.h>

class QHostAddress;

namespace wpm {

struct SocketAddress {
    sockaddr_storage storage {};
    socklen_t length = 0;

    static SocketAddress from(const QHostAddress& address, quint16 port);
    // A numeric address as is; a host name is looked up (blocking: done once, at start) and
    // gives every address it has, the IPv4 ones first, each in the resolver's order.
    static Result<QList<SocketAddress>> resolve(const QString& host, quint16 port);

    // The local address a socket is bound to (length 0 if it cannot be read).
    static SocketAddress localOf(int fd);

    int family() const { return storage.ss_family; }
    quint16 port() const;
    // "127.0.0.1:8000", "[::1]:8000": for messages.
    QString toString() const;
};

} // namespace wpm
