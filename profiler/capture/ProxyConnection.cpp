#include "ProxyConnection.h"

#include "core/MonotonicClock.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <QUrl>

#include <algorithm>

namespace wpm {
namespace {

// Read what is there, up to this: asking for exactly what the socket holds lets Qt hand its
// buffer over instead of allocating the whole chunk and copying.
constexpr qint64 kReadChunk = 64 * 1024;

QByteArray errorResponse(int status, const QByteArray& reason, const QString& message)
{
    const QByteArray body = message.toUtf8() + '\n';
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nX-Web-Perfmonitor: proxy\r\n\r\n" + body;
}

} // namespace

ProxyConnection::ProxyConnection(
    QTcpSocket* client, quint64 connectionId, const ProxyOptions& options, quint64* requestCounter, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options)
    , m_connectionId(connectionId)
    , m_requestCounter(requestCounter)
{
    m_client->setParent(this);
    m_client->setReadBufferSize(m_options.bufferBytes);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ProxyConnection::onTimeout);
    m_timer.start(m_options.headerTimeoutMs);

    m_requests.onBegin = [this] {
        InFlight request;
        request.record.id = ++*m_requestCounter;
        request.record.connectionId = m_connectionId;
        request.record.startNs = monotonicNs();
        request.record.startTime = QDateTime::currentDateTimeUtc(); // no time-zone lookup per request
        m_inFlight.push_back(request);
        m_timer.start(m_options.headerTimeoutMs);
    };
    m_requests.onHeaders = [this](const HttpMessageParser::Message& message) {
        RequestRecord& record = m_inFlight.back().record;
        record.method = message.method;
        record.target = QString::fromUtf8(message.target);
        const qsizetype question = record.target.indexOf(QLatin1Char('?'));
        record.path = question < 0 ? record.target : record.target.left(question);
        record.query = question < 0 ? QString() : record.target.mid(question + 1);
        if (record.path.startsWith(QLatin1String("http://"))) // absolute form, as sent to proxies
            record.path = QUrl(record.path).path();
        m_timer.stop(); // from now on the server is the one taking its time
        Q_EMIT requestStarted(record);
    };
    m_requests.onComplete = [this](const HttpMessageParser::Message& message) {
        m_inFlight.back().record.requestBytes = message.bodyBytes;
        if (m_inFlight.size() == 1)
            m_timer.stop();
    };
    m_responses.answersHead
        = [this] { return !m_inFlight.empty() && m_inFlight.front().record.method == QLatin1String("HEAD"); };
    m_responses.onHeaders = [this](const HttpMessageParser::Message&) {
        if (!m_inFlight.empty())
            m_inFlight.front().responseStarted = true;
    };
    m_responses.onComplete = [this](const HttpMessageParser::Message& message) {
        if (message.status == 101) {
            m_tunnel = true; // a protocol switch is passed through, untimed
            if (!m_inFlight.empty()) {
                Q_EMIT requestUpgraded(m_inFlight.front().record);
                m_inFlight.pop_front();
            }
            return;
        }
        if (message.status >= 100 && message.status < 200)
            return; // an interim response (100 Continue): the real one follows
        finishFront(message.status, message.bodyBytes, {});
    };

    connect(m_client, &QTcpSocket::readyRead, this, &ProxyConnection::readClient);
    connect(m_client, &QTcpSocket::disconnected, this, [this] {
        while (!m_inFlight.empty())
            finishFront(0, 0, tr("the client closed the connection before the response ended"));
        m_closing = true;
        m_timer.stop();
        if (m_upstream)
            m_upstream->abort();
        Q_EMIT closed();
    });
    connect(m_client, &QTcpSocket::bytesWritten, this, &ProxyConnection::readUpstream);
    connectUpstream();
}

ProxyConnection::~ProxyConnection() = default;

QString ProxyConnection::upstreamName() const
{
    return QStringLiteral("%1:%2").arg(m_options.upstreamHost).arg(m_options.upstreamPort);
}

void ProxyConnection::connectUpstream()
{
    m_upstream = new QTcpSocket(this);
    m_upstream->setReadBufferSize(m_options.bufferBytes);
    m_upstreamConnected = false;
    connect(m_upstream, &QTcpSocket::connected, this, &ProxyConnection::onUpstreamConnected);
    connect(m_upstream, &QTcpSocket::readyRead, this, &ProxyConnection::readUpstream);
    connect(m_upstream, &QTcpSocket::bytesWritten, this, &ProxyConnection::readClient);
    connect(m_upstream, &QTcpSocket::errorOccurred, this, &ProxyConnection::onUpstreamError);
    connect(m_upstream, &QTcpSocket::disconnected, this, &ProxyConnection::onUpstreamClosed);
    m_upstream->connectToHost(m_options.upstreamHost, m_options.upstreamPort);
}

void ProxyConnection::onUpstreamConnected()
{
    m_upstreamConnected = true;
    m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const quint16 port = m_upstream->localPort();
    for (InFlight& request : m_inFlight)
        request.record.upstreamLocalPort = port;
    if (!m_pendingUpstream.isEmpty()) {
        m_upstream->write(m_pendingUpstream);
        m_pendingUpstream.clear();
    }
    readClient();
}

void ProxyConnection::writeUpstream(const char* data, qsizetype size)
{
    if (size <= 0)
        return;
    if (m_upstreamConnected)
        m_upstream->write(data, size);
    else
        m_pendingUpstream.append(data, size);
}

void ProxyConnection::readClient()
{
    if (m_closing)
        return;
    // Back-pressure: while the server has not taken what we sent, leave the rest in the kernel.
    while (m_client->bytesAvailable() > 0
        && (m_upstreamConnected ? m_upstream->bytesToWrite() : m_pendingUpstream.size()) < m_options.bufferBytes) {
        const QByteArray data = m_client->read(std::min(m_client->bytesAvailable(), kReadChunk));
        if (m_tunnel) {
            writeUpstream(data.constData(), data.size());
            continue;
        }
        const qsizetype parsed = m_requests.feed(data.constData(), data.size());
        writeUpstream(data.constData(), parsed);
        if (m_requests.failure() != HttpMessageParser::Failure::None) {
            const bool tooLarge = m_requests.failure() == HttpMessageParser::Failure::HeadersTooLarge;
            failRequest(tooLarge ? 431 : 400, tooLarge ? "Request Header Fields Too Large" : "Bad Request",
                tooLarge ? tr("The request's headers are larger than %1 bytes.").arg(m_options.maxHeaderBytes)
                         : tr("The request is not valid HTTP/1.x: %1.").arg(m_requests.failureText()));
            return;
        }
        if (!m_upstreamError.isEmpty() && !m_inFlight.empty()) {
            failRequest(502, "Bad Gateway", m_upstreamError);
            return;
        }
        if (m_requests.upgraded()) // the rest is the new protocol's
            writeUpstream(data.constData() + parsed, data.size() - parsed);
    }
    // Send now rather than on the next turn of the event loop: that turn is latency for every request.
    if (m_upstreamConnected)
        m_upstream->flush();
    if (!m_requests.inMessage() && m_inFlight.empty())
        m_timer.start(m_options.idleTimeoutMs);
}

void ProxyConnection::readUpstream()
{
    if (m_closing || !m_upstream)
        return;
    while (m_upstream->bytesAvailable() > 0 && m_client->bytesToWrite() < m_options.bufferBytes) {
        const QByteArray data = m_upstream->read(std::min(m_upstream->bytesAvailable(), kReadChunk));
        if (m_tunnel) {
            m_client->write(data);
            continue;
        }
        const qsizetype parsed = m_responses.feed(data.constData(), data.size());
        m_client->write(data.constData(), parsed);
        if (m_tunnel) {
            m_client->write(data.constData() + parsed, data.size() - parsed);
            continue;
        }
        if (m_responses.failure() != HttpMessageParser::Failure::None) {
            failRequest(502, "Bad Gateway",
                tr("The server at %1 sent a response that is not valid HTTP/1.x: %2.")
                    .arg(upstreamName(), m_responses.failureText()));
            return;
        }
    }
    m_client->flush();
}

void ProxyConnection::finishFront(int status, qint64 responseBytes, const QString& error)
{
    if (m_inFlight.empty())
        return;
    RequestRecord record = m_inFlight.front().record;
    m_inFlight.pop_front();
    record.status = status;
    record.responseBytes = responseBytes;
    record.endNs = monotonicNs();
    record.error = error;
    if (record.upstreamLocalPort == 0 && m_upstreamConnected)
        record.upstreamLocalPort = m_upstream->localPort();
    Q_EMIT requestFinished(record);
    if (m_inFlight.empty() && !m_requests.inMessage())
        m_timer.start(m_options.idleTimeoutMs);
}

void ProxyConnection::failRequest(int status, const QByteArray& reason, const QString& message)
{
    // Only a client still waiting for the head of its response can be told; otherwise close.
    const bool canAnswer = m_inFlight.empty() || !m_inFlight.front().responseStarted;
    if (canAnswer) {
        m_client->write(errorResponse(status, reason, message));
        if (!m_inFlight.empty())
            finishFront(status, 0, message);
    }
    while (!m_inFlight.empty())
        finishFront(0, 0, message);
    close();
}

void ProxyConnection::onUpstreamError()
{
    if (m_closing)
        return;
    if (!m_upstreamConnected) {
        m_upstreamError = tr("Cannot reach the server at %1: %2. Is it running and listening there?")
                              .arg(upstreamName(), m_upstream->errorString());
        // Answered with the first request (already here, or when it comes), so that it is recorded.
        if (!m_inFlight.empty())
            failRequest(502, "Bad Gateway", m_upstreamError);
    }
    // Errors on a connected socket end in disconnected(), handled there.
}

void ProxyConnection::onUpstreamClosed()
{
    if (m_closing || !m_upstreamConnected)
        return;
    m_responses.feed(nullptr, 0); // a response without a length ends with the connection
    readUpstream();
    if (!m_inFlight.empty()) {
        failRequest(502, "Bad Gateway",
            tr("The server at %1 closed the connection before it finished answering.").arg(upstreamName()));
        return;
    }
    // Mirror the server's close: the client saw its "Connection: close" or will see the end.
    close();
}

void ProxyConnection::onTimeout()
{
    if (m_requests.inMessage()) {
        failRequest(408, "Request Timeout",
            tr("The request's headers did not arrive within %1 s.").arg(m_options.headerTimeoutMs / 1000.0));
        return;
    }
    if (m_inFlight.empty())
        close(); // idle keep-alive connection
}

void ProxyConnection::close()
{
    if (m_closing)
        return;
    m_closing = true;
    m_timer.stop();
    if (m_upstream)
        m_upstream->disconnectFromHost();
    // Flushes what is still buffered first; disconnected() then reports the connection closed.
    if (m_client->state() == QAbstractSocket::UnconnectedState)
        Q_EMIT closed();
    else
        m_client->disconnectFromHost();
}

} // namespace wpm
