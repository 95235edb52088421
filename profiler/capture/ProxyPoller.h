#pragma once
// One epoll set for all of the proxy's sockets, watched by the proxy thread's Qt event loop
// through a single notifier: the loop polls one descriptor however many connections are open,
// and a ready socket costs one call, not a Qt event per notifier.

#include <QHash>
#include <QObject>

#include <cstdint>
#include <functional>

class QSocketNotifier;

namespace wpm {

class ProxyPoller : public QObject {
    Q_OBJECT
public:
    // Told which of the events asked for (and errors or hang-ups, always) a descriptor has.
    using Handler = std::function<void(uint32_t events)>;

    explicit ProxyPoller(QObject* parent);
    ~ProxyPoller() override;
    bool isValid() const { return m_epoll >= 0; }

    // Level-triggered, as Qt's notifiers are. Returns the token that names the descriptor here.
    quint64 add(int fd, uint32_t events, Handler handler);
    void modify(int fd, quint64 token, uint32_t events);
    // Before the descriptor is closed; events of it already collected are then dropped.
    void remove(int fd, quint64 token);

private:
    void dispatch();

    int m_epoll = -1;
    QSocketNotifier* m_notifier = nullptr;
    QHash<quint64, Handler> m_handlers;
    quint64 m_lastToken = 0;
};

} // namespace wpm
