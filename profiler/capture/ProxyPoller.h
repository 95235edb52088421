#pragma once
// One epoll set for all of the proxy's sockets, waited on by the proxy thread's own loop: a
// wake-up costs one epoll_wait however many connections are open, with no event dispatcher
// polling beside it, and a ready socket costs one call.

#include <QSet>

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

    // One watched descriptor; its events find it without a lookup.
    struct Watch {
        Handler handler;
        bool removed = false;
    };

    // Level-triggered unless EPOLLET is asked for. Returns what names the descriptor here
    // (null: it cannot be watched).
    Watch* add(int fd, uint32_t events, Handler handler);
    void modify(int fd, Watch* watch, uint32_t events);
    // Before the descriptor is closed; events of it already collected are then dropped. The watch
    // is freed once this wake-up's handlers are done (one of them may be running it).
    void remove(int fd, Watch* watch);

    // Runs once the events of this wake-up are handled: what must not happen inside a handler
    // (deleting the object that runs it, reporting a failure as a later event would).
    void later(std::function<void()> call) { m_later.push_back(std::move(call)); }

    // Waits up to `timeoutMs` (-1: until an event) and hands out what is ready, then the later calls.
    void wait(int timeoutMs);

private:
    int m_epoll = -1;
    QSet<Watch*> m_watches;
    std::vector<Watch*> m_removed;
    std::vector<std::function<void()>> m_later;
};

} // namespace wpm
