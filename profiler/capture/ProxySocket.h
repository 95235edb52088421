#pragma once
// A non-blocking TCP socket of the proxy's data path, on the proxy's thread: reads into the
// caller's buffer and writes straight to the kernel, keeping only what the kernel would not take.
// Watched by the proxy's ProxyPoller, edge-triggered: read readiness stays armed (nothing changed
// per request); write readiness only while bytes wait or a connection is being made.

#include "ProxyPoller.h"
#include "SocketAddress.h"

#include <QByteArray>
#include <QObject>

#include <cstdint>
#include <utility>

namespace wpm {

class ProxySocket : public QObject {
    Q_OBJECT
public:
    // Takes a connected, non-blocking socket (from accept4).
    ProxySocket(int fd, ProxyPoller& poller, QObject* parent);
    // Starts connecting; connected() or connectFailed() follows.
    static ProxySocket* connectTo(const SocketAddress& address, ProxyPoller& poller, QObject* parent);
    ~ProxySocket() override;

    // > 0: bytes read; 0: the peer closed or the connection broke; -1: nothing to read now.
    qsizetype read(char* buffer, qsizetype capacity);
    // Sends what the kernel takes now and keeps the rest (also while still connecting).
    void write(const char* data, qsizetype size);
    qsizetype pendingBytes() const { return m_pending.size(); }
    // What was written but not sent: handed to another socket when this one could not connect.
    QByteArray takePending() { return std::exchange(m_pending, {}); }
    // Back-pressure: stop or resume watching for bytes to read.
    void setReading(bool reading);
    // Closes once the pending bytes are sent (closed() then), or at once with abort().
    void closeAfterWriting();
    void abort();
    bool isConnected() const { return m_connected; }
    quint16 localPort() const { return m_localPort; }

Q_SIGNALS:
    void readyRead();
    void connected();
    void connectFailed(int error); // an errno
    void drained(); // every pending byte was sent
    void closed(); // after closeAfterWriting()

private:
    ProxySocket(ProxyPoller& poller, QObject* parent);
    void watch(int fd, bool connecting);
    void onEvents(uint32_t events);
    uint32_t interest() const;
    void updateInterest();
    void finishConnecting();
    void flushPending();
    void writeFailed();
    void release();

    ProxyPoller& m_poller;
    ProxyPoller::Watch* m_watch = nullptr; // names this socket in the poller
    uint32_t m_interest = 0; // the events the poller watches for
    int m_fd = -1;
    QByteArray m_pending;
    quint16 m_localPort = 0;
    bool m_connected = false;
    bool m_connecting = false; // from connectTo() until connected: bytes written wait, even after a failure
    bool m_reading = true;
    bool m_readEmpty = false; // the last read took all the kernel had
    bool m_peerClosed = false; // the peer's end of stream (or an error) waits to be read
    quint64 m_reads = 0;
    bool m_closeWhenDrained = false;
};

} // namespace wpm
