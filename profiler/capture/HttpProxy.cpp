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
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("wpm-proxy"));
    m_server = new ProxyServer(options);
    m_server->moveToThread(m_thread);
    connect(m_server, &ProxyServer::requestStarted, this, &HttpProxy::requestStarted, Qt::DirectConnection);
    connect(m_server, &ProxyServer::requestFinished, this, &HttpProxy::requestFinished, Qt::DirectConnection);
    connect(m_server, &ProxyServer::requestUpgraded, this, &HttpProxy::requestUpgraded, Qt::DirectConnection);
    connect(m_server, &ProxyServer::requestEvents, this, &HttpProxy::requestEvents, Qt::DirectConnection);
    m_thread->start();

    Status listening = success();
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_server,
        [&] {
            listening = m_server->listen();
            port = m_server->port();
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        stop();
        return listening;
    }
    m_port = port;
    m_address = QStringLiteral("%1:%2").arg(options.listenHost).arg(port);
    return success();
}

void HttpProxy::stop()
{
    if (!m_thread)
        return;
    if (m_server) {
        QMetaObject::invokeMethod(
            m_server,
            [server = m_server] {
                server->shutdown();
                delete server;
            },
            Qt::BlockingQueuedConnection);
        m_server = nullptr;
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

} // namespace wpm
