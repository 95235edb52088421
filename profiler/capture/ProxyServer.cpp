#include "ProxyServer.h"

#include "ProxyConnection.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

#include <http_parser.h>

namespace wpm {

ProxyServer::ProxyServer(const ProxyOptions& options)
    : m_options(options)
{
}

Status ProxyServer::listen()
{
    http_parser_set_max_header_size(m_options.maxHeaderBytes);
    m_server = new QTcpServer(this);
    const QHostAddress address = m_options.listenHost == QLatin1String("localhost")
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(m_options.listenHost);
    if (address.isNull() || !m_server->listen(address, m_options.listenPort)) {
        const QString reason = address.isNull() ? tr("not an IP address") : m_server->errorString();
        return Error { tr("The proxy cannot listen on %1:%2: %3. Choose another address with --proxy-listen "
                          "(port 0 picks a free one).")
                           .arg(m_options.listenHost)
                           .arg(m_options.listenPort)
                           .arg(reason) };
    }
    connect(m_server, &QTcpServer::newConnection, this, &ProxyServer::accept);
    return success();
}

quint16 ProxyServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void ProxyServer::accept()
{
    while (QTcpSocket* client = m_server->nextPendingConnection()) {
        client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto* connection = new ProxyConnection(client, ++m_connections, m_options, &m_requests, this);
        connect(connection, &ProxyConnection::requestStarted, this, &ProxyServer::requestStarted);
        connect(connection, &ProxyConnection::requestFinished, this, &ProxyServer::requestFinished);
        connect(connection, &ProxyConnection::requestUpgraded, this, &ProxyServer::requestUpgraded);
        connect(connection, &ProxyConnection::closed, connection, &QObject::deleteLater);
    }
}

void ProxyServer::shutdown()
{
    if (m_server)
        m_server->close();
    for (ProxyConnection* connection : findChildren<ProxyConnection*>(Qt::FindDirectChildrenOnly))
        delete connection;
}

} // namespace wpm
