#include "ProxyConnection.h"

#include "core/MonotonicClock.h"

#include <QPointer>
#include <QUrl>

namespace wpm {
namespace {

QByteArray errorResponse(int status, const QByteArray& reason, const QString& message)
{
    const QByteArray body = message.toUtf8() + '\n';
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nX-Web-Perfmonitor: proxy\r\n\r\n" + body;
}

} // namespace

ProxyConnection::ProxyConnection(int clientFd, quint64 connectionId, ProxyShared& shared, QObject* parent)
    : QObject(parent)
    , m_client(new ProxySocket(clientFd, *shared.poller, this))
    , m_shared(shared)
    , m_options(shared.options)
    , m_connectionId(connectionId)
{
    setDeadline(monotonicNs(), m_options.headerTimeoutMs);
    watchParsers();
    connect(m_client, &ProxySocket::readyRead, this, &ProxyConnection::readClient);
    connect(m_client, &ProxySocket::drained, this, [this] {
        if (m_upstream)
            m_upstream->setReading(true);
    });
    connect(m_client, &ProxySocket::closed, this, &ProxyConnection::closed);
    connectUpstream();
}

ProxyConnection::~ProxyConnection() = default;

void ProxyConnection::watchParsers()
{
    m_requests.onBegin = [this] {
        InFlight& request = m_inFlight.emplace_back();
        request.record.id = ++m_shared.requests;
        request.record.connectionId = m_connectionId;
        request.record.startNs = monotonicNs();
        request.record.startTime = QDateTime::currentDateTimeUtc(); // no time-zone lookup per request
        if (m_upstream && m_upstream->isConnected())
            request.record.upstreamLocalPort = m_upstream->localPort();
        setDeadline(request.record.startNs, m_options.headerTimeoutMs);
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
        m_deadlineNs = 0; // from now on the server is the one taking its time
        m_shared.report(RequestEvent::Kind::Started, record);
    };
    m_requests.onComplete = [this](const HttpMessageParser::Message& message) {
        m_inFlight.back().record.requestBytes = message.bodyBytes;
        if (m_inFlight.size() == 1)
            m_deadlineNs = 0;
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
                m_shared.report(RequestEvent::Kind::Upgraded, m_inFlight.front().record);
                m_inFlight.erase(m_inFlight.begin());
            }
            return;
        }
        if (message.status >= 100 && message.status < 200)
            return; // an interim response (100 Continue): the real one follows
        finishFront(message.status, message.bodyBytes, {});
    };
}

QString ProxyConnection::upstreamName() const
{
    return QStringLiteral("%1:%2").arg(m_options.upstreamHost).arg(m_options.upstreamPort);
}

void ProxyConnection::connectUpstream()
{
    if (!m_shared.upstream) {
        cannotReachUpstream(m_shared.upstream.error().message);
        return;
    }
    connectUpstreamTo(m_shared.upstreamAnswered);
}

void ProxyConnection::connectUpstreamTo(qsizetype addressIndex)
{
    const QByteArray queued = m_upstream ? m_upstream->takePending() : QByteArray();
    if (m_upstream) {
        m_upstream->disconnect(this);
        m_upstream->disconnect(m_client);
        m_shared.poller->later([failed = QPointer<ProxySocket>(m_upstream)] { delete failed.data(); });
    }
    m_addressIndex = addressIndex;
    m_upstream = ProxySocket::connectTo(m_shared.upstream->at(addressIndex), *m_shared.poller, this);
    connect(m_upstream, &ProxySocket::connected, this, &ProxyConnection::onUpstreamConnected);
    connect(m_upstream, &ProxySocket::connectFailed, this, &ProxyConnection::onUpstreamFailed);
    connect(m_upstream, &ProxySocket::readyRead, this, &ProxyConnection::readUpstream);
    connect(m_upstream, &ProxySocket::drained, m_client, [this] { m_client->setReading(true); });
    m_upstream->write(queued.constData(), queued.size()); // what the client sent meanwhile
}

void ProxyConnection::onUpstreamConnected()
{
    m_shared.upstreamAnswered = m_addressIndex; // later connections start there
    for (InFlight& request : m_inFlight)
        request.record.upstreamLocalPort = m_upstream->localPort();
}

void ProxyConnection::onUpstreamFailed(int error)
{
    const QList<SocketAddress>& addresses = *m_shared.upstream;
    m_triedAddresses.append(addresses.at(m_addressIndex).toString() + QLatin1String(": ") + qt_error_string(error));
    if (m_triedAddresses.size() < addresses.size()) { // the name has more addresses: the next one
        connectUpstreamTo((m_addressIndex + 1) % addresses.size());
        return;
    }
    cannotReachUpstream(m_triedAddresses.join(QLatin1String("; ")));
}

void ProxyConnection::cannotReachUpstream(const QString& reason)
{
    if (m_closing)
        return;
    m_upstreamError
        = tr("Cannot reach the server at %1 (%2). Is it running and listening there?").arg(upstreamName(), reason);
    // Answered with the first request (already here, or when it comes), so that it is recorded.
    if (!m_inFlight.empty())
        failRequest(502, "Bad Gateway", m_upstreamError);
}

void ProxyConnection::writeUpstream(const char* data, qsizetype size)
{
    if (m_upstream)
        m_upstream->write(data, size);
}

void ProxyConnection::readClient()
{
    if (m_closing)
        return;
    // One read per call: the socket calls again while the kernel has more and reading is on.
    const qsizetype size = m_client->read(m_shared.readBuffer.data(), qsizetype(m_shared.readBuffer.size()));
    if (size == 0)
        onClientClosed();
    else if (size > 0)
        forwardRequestBytes(m_shared.readBuffer.data(), size);
}

void ProxyConnection::forwardRequestBytes(const char* data, qsizetype size)
{
    if (m_tunnel) {
        writeUpstream(data, size);
    } else {
        const qsizetype parsed = m_requests.feed(data, size);
        writeUpstream(data, parsed);
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
            writeUpstream(data + parsed, size - parsed);
        if (!m_requests.inMessage() && m_inFlight.empty())
            setDeadline(monotonicNs(), m_options.idleTimeoutMs);
    }
    // Back-pressure: while the server has not taken what we sent, leave the rest in the kernel.
    if (m_upstream && m_upstream->pendingBytes() >= m_options.bufferBytes)
        m_client->setReading(false);
}

void ProxyConnection::readUpstream()
{
    if (m_closing)
        return;
    const qsizetype size = m_upstream->read(m_shared.readBuffer.data(), qsizetype(m_shared.readBuffer.size()));
    if (size == 0)
        onUpstreamClosed();
    else if (size > 0)
        forwardResponseBytes(m_shared.readBuffer.data(), size);
}

void ProxyConnection::forwardResponseBytes(const char* data, qsizetype size)
{
    if (m_tunnel) {
        m_client->write(data, size);
    } else {
        const qsizetype parsed = m_responses.feed(data, size);
        m_client->write(data, parsed);
        if (m_tunnel) {
            m_client->write(data + parsed, size - parsed);
        } else if (m_responses.failure() != HttpMessageParser::Failure::None) {
            failRequest(502, "Bad Gateway",
                tr("The server at %1 sent a response that is not valid HTTP/1.x: %2.")
                    .arg(upstreamName(), m_responses.failureText()));
            return;
        }
    }
    if (m_client->pendingBytes() >= m_options.bufferBytes)
        m_upstream->setReading(false);
}

void ProxyConnection::finishFront(int status, qint64 responseBytes, const QString& error)
{
    if (m_inFlight.empty())
        return;
    RequestRecord record = std::move(m_inFlight.front().record);
    m_inFlight.erase(m_inFlight.begin());
    record.status = status;
    record.responseBytes = responseBytes;
    record.endNs = monotonicNs();
    record.error = error;
    if (record.upstreamLocalPort == 0 && m_upstream && m_upstream->isConnected())
        record.upstreamLocalPort = m_upstream->localPort();
    m_shared.report(RequestEvent::Kind::Finished, record);
    if (m_inFlight.empty() && !m_requests.inMessage())
        setDeadline(record.endNs, m_options.idleTimeoutMs);
}

void ProxyConnection::failRequest(int status, const QByteArray& reason, const QString& message)
{
    // Only a client still waiting for the head of its response can be told; otherwise close.
    const bool canAnswer = m_inFlight.empty() || !m_inFlight.front().responseStarted;
    if (canAnswer) {
        const QByteArray response = errorResponse(status, reason, message);
        m_client->write(response.constData(), response.size());
        if (!m_inFlight.empty())
            finishFront(status, 0, message);
    }
    while (!m_inFlight.empty())
        finishFront(0, 0, message);
    close();
}

void ProxyConnection::onClientClosed()
{
    while (!m_inFlight.empty())
        finishFront(0, 0, tr("the client closed the connection before the response ended"));
    m_closing = true;
    m_deadlineNs = 0;
    if (m_upstream)
        m_upstream->abort();
    m_client->abort();
    Q_EMIT closed();
}

void ProxyConnection::onUpstreamClosed()
{
    m_responses.feed(nullptr, 0); // a response without a length ends with the connection
    if (!m_inFlight.empty()) {
        failRequest(502, "Bad Gateway",
            tr("The server at %1 closed the connection before it finished answering.").arg(upstreamName()));
        return;
    }
    // Mirror the server's close: the client saw its "Connection: close" or will see the end.
    close();
}

void ProxyConnection::checkTimeout(qint64 nowNs)
{
    if (m_deadlineNs == 0 || nowNs < m_deadlineNs)
        return;
    m_deadlineNs = 0;
    if (m_closing) { // the client does not take the rest of its answer
        m_client->abort();
        Q_EMIT closed();
    } else if (m_requests.inMessage()) {
        failRequest(408, "Request Timeout",
            tr("The request's headers did not arrive within %1 s.").arg(m_options.headerTimeoutMs / 1000.0));
    } else if (m_inFlight.empty()) {
        close(); // idle keep-alive connection
    }
}

void ProxyConnection::close()
{
    if (m_closing)
        return;
    m_closing = true;
    setDeadline(monotonicNs(), m_options.idleTimeoutMs);
    if (m_upstream)
        m_upstream->abort();
    // Sends what the client still has to get first; closed() follows.
    m_client->closeAfterWriting();
}

} // namespace wpm
