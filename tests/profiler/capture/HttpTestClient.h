#pragma once
// A raw HTTP/1.1 client for the proxy tests: writes exact bytes, reads one response at a time
// (Content-Length, chunked, or until close), independently of the proxy's own parser.

#include <QByteArray>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTcpSocket>

struct HttpResponse {
    int status = 0;
    QByteArray head;
    QByteArray body; // as sent (chunked bodies keep their framing)
    bool complete = false;
};

class HttpTestClient {
public:
    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        return m_socket.waitForConnected(5000);
    }
    void send(const QByteArray& bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    QTcpSocket& socket() { return m_socket; }

    // Reads the next response; `headOnly` for answers to HEAD.
    HttpResponse read(int timeoutMs = 10000, bool headOnly = false)
    {
        HttpResponse response;
        QElapsedTimer timer;
        timer.start();
        qsizetype headEnd = -1;
        while (timer.elapsed() < timeoutMs) {
            headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd >= 0)
                break;
            if (!fill(timeoutMs - int(timer.elapsed())))
                return response;
        }
        if (headEnd < 0)
            return response;
        response.head = m_buffer.left(headEnd + 4);
        m_buffer.remove(0, headEnd + 4);
        static const QRegularExpression statusLine(QStringLiteral("^HTTP/1\\.[01] (\\d{3})"));
        response.status = statusLine.match(QString::fromLatin1(response.head)).captured(1).toInt();
        static const QRegularExpression length(
            QStringLiteral("\\r\\nContent-Length: *(\\d+)"), QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch lengthMatch = length.match(QString::fromLatin1(response.head));
        const bool chunked = response.head.toLower().contains("transfer-encoding: chunked");
        if (headOnly || (response.status >= 100 && response.status < 200) || response.status == 204
            || response.status == 304) {
            response.complete = true;
            return response;
        }
        while (timer.elapsed() < timeoutMs) {
            if (lengthMatch.hasMatch()) {
                const qsizetype wanted = lengthMatch.captured(1).toLongLong();
                if (m_buffer.size() >= wanted) {
                    response.body = m_buffer.left(wanted);
                    m_buffer.remove(0, wanted);
                    response.complete = true;
                    return response;
                }
            } else if (chunked) {
                const qsizetype end = m_buffer.indexOf("\r\n0\r\n\r\n");
                if (end >= 0 || m_buffer.startsWith("0\r\n\r\n")) {
                    const qsizetype size = end >= 0 ? end + 7 : 5;
                    response.body = m_buffer.left(size);
                    m_buffer.remove(0, size);
                    response.complete = true;
                    return response;
                }
            }
            if (!fill(timeoutMs - int(timer.elapsed()))) {
                // Ended by the connection closing: complete only for a body without a length.
                response.body = m_buffer;
                m_buffer.clear();
                response.complete = !lengthMatch.hasMatch() && !chunked;
                return response;
            }
        }
        return response;
    }

    bool closedByPeer(int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (m_socket.state() == QAbstractSocket::UnconnectedState)
                return true;
            m_socket.waitForReadyRead(50);
            m_buffer += m_socket.readAll();
        }
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }

private:
    bool fill(int timeoutMs)
    {
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(std::max(1, timeoutMs)))
            return false;
        m_buffer += m_socket.readAll();
        return true;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};
