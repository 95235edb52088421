#pragma once
// Sends notifications on a worker thread of its own so that neither the capture nor the GUI waits on the
// network: enqueue() only takes a lock. Bounded (full: the oldest entry is dropped and counted), one send
// at a time with a per-send timeout, retries with doubling backoff for transient failures only, and a
// shutdown that keeps sending for at most the shutdown bound. Every outcome is announced by
// outcomeAvailable(), emitted on the worker thread (connect with a context object to get it queued).

#include "NotificationOutcome.h"
#include "NotificationPayload.h"
#include "SecretStore.h"
#include "config/MonitorConfig.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace wpm {

class Notifier;
class NotifierRegistry;

struct NotificationQueueOptions {
    int capacity = 1000; // notice_queue_size
    std::chrono::milliseconds sendTimeout { 30000 }; // notice_timeout_seconds
    std::chrono::milliseconds shutdownBound { 5000 }; // graceful_shutdown_seconds
    int maxAttempts = 3;
    std::chrono::milliseconds firstBackoff { 500 }; // then doubled per attempt

    static NotificationQueueOptions fromConfig(const MonitorConfig& config);
};

class NotificationQueue : public QObject {
    Q_OBJECT

public:
    // The notifiers are made (and their secrets read) on the worker thread; one that cannot be made
    // fails every notification with the reason.
    NotificationQueue(QList<NotifierSettings> notifiers, NotificationQueueOptions options, SecretStore secrets,
        const NotifierRegistry& registry, QObject* parent = nullptr);
    ~NotificationQueue() override; // shuts down

    // Queues payload for every notifier. Never blocks on sending.
    void enqueue(NotificationPayload payload);
    // Stops taking entries, sends what is pending until the shutdown bound, reports the rest as not sent
    // and joins the worker. Idempotent.
    void shutdown();

    qint64 droppedCount() const;
    qsizetype pendingCount() const;

Q_SIGNALS:
    void outcomeAvailable(const wpm::NotificationOutcome& outcome);

private:
    using Clock = std::chrono::steady_clock;
    struct Slot;

    void run();
    void makeNotifiers();
    void deliver(const NotificationPayload& payload, Slot& slot);
    // Waits until `until` or shutdown's deadline, whichever is first; false when the deadline stopped it.
    bool waitForBackoff(Clock::time_point until);
    std::chrono::milliseconds sendBudget() const; // the send timeout, or less when shutdown's deadline is nearer
    void reportLeftOver(); // after the deadline: everything still queued is announced as not sent
    void announce(NotificationOutcome::Kind kind, const QString& reportId, const QString& notifier,
        const QString& reason, int attempts);

    const QList<NotifierSettings> m_settings;
    const NotificationQueueOptions m_options;
    const SecretStore m_secrets;
    const NotifierRegistry& m_registry;
    std::vector<Slot> m_slots; // worker thread only

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<NotificationPayload> m_pending;
    qint64 m_dropped = 0;
    bool m_stopping = false;
    Clock::time_point m_deadline = Clock::time_point::max();
    bool m_workerDone = false;
    std::condition_variable m_workerFinished;
    std::atomic<bool> m_cancelInFlight { false }; // raised when the shutdown bound runs out mid-send
    std::thread m_worker;
};

} // namespace wpm
