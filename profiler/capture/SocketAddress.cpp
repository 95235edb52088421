#include "SocketAddress.h"

#include <QHostAddress>
#include <QHostInfo>

#include <algorithm>
#include <cstring>
#include <netinet/in.h>

namespace wpm {

SocketAddress SocketAddress::from(const QHostAddress& address, quint16 port)
{
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

Result<QList<SocketAddress>> SocketAddress::resolve(const QString& host, quint16 port)
{
    QList<QHostAddress> addresses { QHostAddress(host) };
    if (addresses.first().isNull()) {
        const QHostInfo info = QHostInfo::fromName(host);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
            return Error { info.errorString() };
        addresses = info.addresses();
        std::stable_partition(addresses.begin(), addresses.end(),
            [](const QHostAddress& address) { return address.protocol() == QAbstractSocket::IPv4Protocol; });
    }
    QList<SocketAddress> result;
    for (const QHostAddress& address : std::as_const(addresses))
        result.append(from(address, port));
    return result;
}

SocketAddress SocketAddress::localOf(int fd)
{
    SocketAddress local;
    local.length = sizeof local.storage;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local.storage), &local.length) != 0)
        local = {};
    return local;
}

quint16 SocketAddress::port() const
{
    if (family() == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in&>(storage).sin_port);
    if (family() == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6&>(storage).sin6_port);
    return 0;
}

QString SocketAddress::toString() const
{
    QHostAddress address(reinterpret_cast<const sockaddr*>(&storage));
    const QString host
        = family() == AF_INET6 ? QLatin1Char('[') + address.toString() + QLatin1Char(']') : address.toString();
    return host + QLatin1Char(':') + QString::number(port());
}

} // namespace wpm
