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
    if (m_epoll >= 0)
        ::close(m_epoll);
}

quint64 ProxyPoller::add(int fd, uint32_t events, Handler handler)
{
    const quint64 token = ++m_lastToken;
    epoll_event event {};
    event.events = events;
    event.data.u64 = token;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0)
        return 0;
    m_handlers.insert(token, std::move(handler));
    return token;
}

void ProxyPoller::modify(int fd, quint64 token, uint32_t events)
{
    epoll_event event {};
    event.events = events;
    event.data.u64 = token;
    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
}

void ProxyPoller::remove(int fd, quint64 token)
{
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    m_handlers.remove(token);
}

void ProxyPoller::wait(int timeoutMs)
{
    std::array<epoll_event, 64> events {};
    const int ready = ::epoll_wait(m_epoll, events.data(), int(events.size()), timeoutMs);
    for (int i = 0; i < ready; ++i) {
        // Looked up each time: a handler run before may have removed this descriptor. Called on a
        // copy: a handler may remove itself or others, which moves the table's entries.
        const auto found = m_handlers.constFind(events[size_t(i)].data.u64);
        if (found == m_handlers.cend())
            continue;
        const Handler handler = *found;
        handler(events[size_t(i)].events);
    }
    // A later call may ask for more later calls: those run too, before the next wait.
    while (!m_later.empty()) {
        std::vector<std::function<void()>> calls;
        calls.swap(m_later);
        for (const auto& call : calls)
            call();
    }
}

} // namespace wpm
