#pragma once
// The proxy's loop: on a thread of its own it waits in epoll_wait for its listening socket, every
// connection's sockets and a wake-up descriptor for stop(); the same wait's timeout serves the coarse
// timeout check and the grouping of records. No Qt event dispatcher runs on that thread: records leave
// as signals, queued to receivers on other threads.

#include "ProxyConnection.h"
#include "ProxyOptions.h"
#include "ProxyPoller.h"
#include "RequestRecord.h"
#include "core/Result.h"

#include <QObject>

#include <atomic>

namespace wpm {

class ProxyServer : public QObject {
    Q_OBJECT
public:
    explicit ProxyServer(const ProxyOptions& options);
    ~ProxyServer() override;

    // Before run(), on any thread: opens the listening socket and looks the server's address up.
    Status listen();
    quint16 port() const { return m_port; }
    // The proxy thread's loop: returns after stop(), with every connection closed.
    void run();
    // From any thread.
    void stop();

Q_SIGNALS:
    // The requests' events, a group every few milliseconds (HttpProxy's signals say what they are).
    void requestEvents(const wpm::RequestEvents& events);

private:
    Status openListeningSocket();
    void acceptClients();
    void checkTimeouts(qint64 nowNs);
    void queueRecord(RequestEvent::Kind kind, const RequestRecord& record);
    void emitRecords();
    void shutdown();

    ProxyPoller m_poller;
    ProxyShared m_shared;
    int m_listenFd = -1;
    ProxyPoller::Watch* m_listenWatch = nullptr;
    bool m_accepting = true; // false while out of descriptors, until the next timeout check
    quint16 m_port = 0;
    int m_wakeFd = -1; // an eventfd: stop() writes it
    std::atomic<bool> m_stopping { false };
    quint64 m_connections = 0;
    qint64 m_timeoutIntervalNs = 0; // one coarse check for all connections, not a timer per read
    qint64 m_nextTimeoutCheckNs = 0;
    qint64 m_recordsDueNs = 0; // 0: no record waiting
    RequestEvents m_events;
};

} // namespace wpm
