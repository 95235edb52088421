#include "HttpProxy.h"

#include "ProxyServer.h"

#include <QMetaMethod>
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
    connect(m_server, &ProxyServer::requestEvents, this, &HttpProxy::emitEvents, Qt::DirectConnection);
    // The thread runs the server's own epoll loop, not a Qt event loop.
    m_thread = QThread::create([server] { server->run(); });
    m_thread->setObjectName(QStringLiteral("wpm-proxy"));
    m_server->moveToThread(m_thread);
    m_thread->start();
    m_port = m_server->port();
    m_address = QStringLiteral("%1:%2").arg(options.listenHost).arg(m_port);
    return success();
}

void HttpProxy::emitEvents(const RequestEvents& events)
{
    Q_EMIT requestEvents(events);
    // One signal per record only for those who take them one by one.
    static const QMetaMethod started = QMetaMethod::fromSignal(&HttpProxy::requestStarted);
    static const QMetaMethod finished = QMetaMethod::fromSignal(&HttpProxy::requestFinished);
    static const QMetaMethod upgraded = QMetaMethod::fromSignal(&HttpProxy::requestUpgraded);
    const bool wanted[] = { isSignalConnected(started), isSignalConnected(finished), isSignalConnected(upgraded) };
    if (!wanted[0] && !wanted[1] && !wanted[2])
        return;
    for (const RequestEvent& event : events) {
        if (event.kind == RequestEvent::Kind::Started && wanted[0])
            Q_EMIT requestStarted(event.record);
        else if (event.kind == RequestEvent::Kind::Finished && wanted[1])
            Q_EMIT requestFinished(event.record);
        else if (event.kind == RequestEvent::Kind::Upgraded && wanted[2])
            Q_EMIT requestUpgraded(event.record);
    }
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
