#pragma once
// One epoll set for all of the proxy's sockets, waited on by the proxy thread's own loop: a
// wake-up costs one epoll_wait however many connections are open, with no event dispatcher
// polling beside it, and a ready socket costs one call.

#include <QHash>

#include <cstdint>
#include <functional>
#include <vector>

namespace wpm {

class ProxyPoller {
public:
    // Told which of the events asked for (and errors or hang-ups, always) a descriptor has.
    using Handler = std::function<void(uint32_t events)>;

    ProxyPoller();
    ~ProxyPoller();
    ProxyPoller(const ProxyPoller&) = delete;
    ProxyPoller& operator=(const ProxyPoller&) = delete;
    bool isValid() const { return m_epoll >= 0; }

    // Level-triggered unless EPOLLET is asked for. Returns the token that names the descriptor here (0: it cannot be watched).
    quint64 add(int fd, uint32_t events, Handler handler);
    void modify(int fd, quint64 token, uint32_t events);
    // Before the descriptor is closed; events of it already collected are then dropped.
    void remove(int fd, quint64 token);

    // Runs once the events of this wake-up are handled: what must not happen inside a handler
    // (deleting the object that runs it, reporting a failure as a later event would).
    void later(std::function<void()> call) { m_later.push_back(std::move(call)); }

    // Waits up to `timeoutMs` (-1: until an event) and hands out what is ready, then the later calls.
    void wait(int timeoutMs);

private:
    int m_epoll = -1;
    QHash<quint64, Handler> m_handlers;
    quint64 m_lastToken = 0;
    std::vector<std::function<void()>> m_later;
};

} // namespace wpm
