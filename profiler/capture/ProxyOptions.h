#pragma once
// How the recording proxy listens, where it forwards, and how long it waits for slow clients.

#include <QString>

namespace wpm {

struct ProxyOptions {
    QString listenHost = QStringLiteral("127.0.0.1");
    quint16 listenPort = 0; // 0: pick a free port
    QString upstreamHost = QStringLiteral("127.0.0.1");
    quint16 upstreamPort = 0;
    int headerTimeoutMs = 30000; // a client must send a request's headers within this time
    int idleTimeoutMs = 75000; // an idle keep-alive connection is closed after this time
    quint32 maxHeaderBytes = 64 * 1024; // larger request headers get 431
    qint64 bufferBytes = 256 * 1024; // per direction; beyond it reading pauses (back-pressure)
};

} // namespace wpm
