#include "ProxyPoller.h"

#include <array>
#include <sys/epoll.h>
#include <unistd.h>

namespace wpm {

ProxyPoller::ProxyPoller()
    : m_epoll(::epoll_create1(EPOLL_CLOEXEC))
{
}

ProxyPoller::~ProxyPoller()
{
    qDeleteAll(m_watches);
    qDeleteAll(m_removed);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

ProxyPoller::Watch* ProxyPoller::add(int fd, uint32_t events, Handler handler)
{
    auto* watch = new Watch { std::move(handler) };
    epoll_event event {};
    event.events = events;
    event.data.ptr = watch;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0) {
        delete watch;
        return nullptr;
    }
    m_watches.insert(watch);
    return watch;
}

void ProxyPoller::modify(int fd, Watch* watch, uint32_t events)
{
    epoll_event event {};
    event.events = events;
    event.data.ptr = watch;
    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
}

void ProxyPoller::remove(int fd, Watch* watch)
{
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    watch->removed = true;
    m_watches.remove(watch);
    m_removed.push_back(watch);
}

void ProxyPoller::wait(int timeoutMs)
{
    std::array<epoll_event, 64> events {};
    const int ready = ::epoll_wait(m_epoll, events.data(), int(events.size()), timeoutMs);
    for (int i = 0; i < ready; ++i) {
        // A handler run before may have removed this one: its watch is still there, marked.
        const Watch* watch = static_cast<const Watch*>(events[size_t(i)].data.ptr);
        if (!watch->removed)
            watch->handler(events[size_t(i)].events);
    }
    // A later call may ask for more later calls: those run too, before the next wait.
    while (!m_later.empty()) {
        std::vector<std::function<void()>> calls;
        calls.swap(m_later);
        for (const auto& call : calls)
            call();
    }
    qDeleteAll(m_removed);
    m_removed.clear();
}

} // namespace wpm
