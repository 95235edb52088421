#include "HttpProxy.h"

#include "ProxyServer.h"

#include <QThread>

namespace wpm {

HttpProxy::HttpProxy(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<RequestRecord>();
}

HttpProxy::~HttpProxy()
{
    stop();
}

Status HttpProxy::start(const ProxyOptions& options)
{
    if (m_server)
        return Error { tr("The proxy is already running.") };
    auto* server = new ProxyServer(options);
    if (Status listening = server->listen(); !listening) {
        delete server;
        return listening;
    }
    m_server = server;
    connect(m_server, &ProxyServer::requestStarted, this, &HttpProxy::requestStarted, Qt::DirectConnection);
    connect(m_server, &ProxyServer::requestFinished, this, &HttpProxy::requestFinished, Qt::DirectConnection);
    connect(m_server, &ProxyServer::requestUpgraded, this, &HttpProxy::requestUpgraded, Qt::DirectConnection);
    connect(m_server, &ProxyServer::requestEvents, this, &HttpProxy::requestEvents, Qt::DirectConnection);
    // The thread runs the server's own epoll loop, not a Qt event loop.
    m_thread = QThread::create([server] { server->run(); });
    m_thread->setObjectName(QStringLiteral("wpm-proxy"));
    m_server->moveToThread(m_thread);
    m_thread->start();
    m_port = m_server->port();
    m_address = QStringLiteral("%1:%2").arg(options.listenHost).arg(m_port);
    return success();
}

void HttpProxy::stop()
{
    if (!m_server)
        return;
    m_server->stop();
    m_thread->wait(); // the loop closed every connection and handed its last records on
    delete m_thread;
    m_thread = nullptr;
    delete m_server;
    m_server = nullptr;
}

} // namespace wpm
