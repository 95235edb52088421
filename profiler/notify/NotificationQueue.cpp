#include "NotificationQueue.h"

#include "Notifier.h"
#include "NotifierRegistry.h"

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace wpm {

namespace {

struct QueueText {
    Q_DECLARE_TR_FUNCTIONS(wpm::NotificationQueue)
};

QString entryName(qsizetype index)
{
    return u"notice_list[%1]"_s.arg(index);
}

QString notifierLabel(qsizetype index, const NotifierSettings& settings)
{
    return entryName(index) + u' ' + settings.type;
}

} // namespace

struct NotificationQueue::Slot {
    QString label;
    std::unique_ptr<Notifier> notifier;
    QString unusable; // why the notifier could not be made
};

NotificationQueueOptions NotificationQueueOptions::fromConfig(const MonitorConfig& config)
{
    NotificationQueueOptions options;
    options.capacity = config.noticeQueueSize;
    options.sendTimeout = milliseconds(qint64(config.noticeTimeoutSeconds * 1000));
    options.shutdownBound = milliseconds(qint64(config.gracefulShutdownSeconds * 1000));
    return options;
}

NotificationQueue::NotificationQueue(QList<NotifierSettings> notifiers, NotificationQueueOptions options,
    SecretStore secrets, const NotifierRegistry& registry, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(notifiers))
    , m_options(options)
    , m_secrets(std::move(secrets))
    , m_registry(registry)
{
    m_worker = std::thread([this] { run(); });
}

NotificationQueue::~NotificationQueue()
{
    shutdown();
}

void NotificationQueue::enqueue(NotificationPayload payload)
{
    std::optional<NotificationPayload> dropped;
    bool refused = false;
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping) {
            refused = true;
        } else {
            if (qsizetype(m_pending.size()) >= m_options.capacity) {
                dropped = std::move(m_pending.front());
                m_pending.pop_front();
                ++m_dropped;
            }
            m_pending.push_back(std::move(payload));
        }
    }
    m_wake.notify_one();
    if (!dropped && !refused)
        return;
    const QString reason = refused
        ? QueueText::tr("the notification queue was already shut down")
        : QueueText::tr("the notification queue was full (notice_queue_size %1), so its oldest entry was dropped; "
                        "raise notice_queue_size or notice fewer requests")
              .arg(m_options.capacity);
    const QString reportId = refused ? payload.reportId : dropped->reportId;
    for (qsizetype i = 0; i < m_settings.size(); ++i)
        announce(refused ? NotificationOutcome::Kind::NotSent : NotificationOutcome::Kind::Dropped, reportId,
            notifierLabel(i, m_settings[i]), reason, 0);
}

void NotificationQueue::shutdown()
{
    std::unique_lock lock(m_mutex);
    if (!m_stopping) {
        m_stopping = true;
        m_deadline = Clock::now() + m_options.shutdownBound;
    }
    m_wake.notify_all();
    // A send in flight at the deadline is cancelled rather than waited for.
    if (!m_workerFinished.wait_until(lock, m_deadline, [this] { return m_workerDone; }))
        m_cancelInFlight = true;
    lock.unlock();
    if (m_worker.joinable())
        m_worker.join();
}

qint64 NotificationQueue::droppedCount() const
{
    const std::lock_guard lock(m_mutex);
    return m_dropped;
}

qsizetype NotificationQueue::pendingCount() const
{
    const std::lock_guard lock(m_mutex);
    return qsizetype(m_pending.size());
}

void NotificationQueue::run()
{
    makeNotifiers();
    for (;;) {
        NotificationPayload payload;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_pending.empty() || m_stopping; });
            if (m_pending.empty() || (m_stopping && Clock::now() >= m_deadline))
                break;
            payload = std::move(m_pending.front());
            m_pending.pop_front();
        }
        for (Slot& slot : m_slots)
            deliver(payload, slot);
    }
    reportLeftOver();
    const std::lock_guard lock(m_mutex);
    m_workerDone = true;
    m_workerFinished.notify_all();
}

void NotificationQueue::reportLeftOver()
{
    std::deque<NotificationPayload> left;
    {
        const std::lock_guard lock(m_mutex);
        left.swap(m_pending);
    }
    const QString reason
        = QueueText::tr("still queued when the shutdown bound (graceful_shutdown_seconds, %1 s) ran out")
              .arg(double(m_options.shutdownBound.count()) / 1000.0);
    for (const NotificationPayload& payload : left) {
        for (const Slot& slot : m_slots)
            announce(NotificationOutcome::Kind::NotSent, payload.reportId, slot.label, reason, 0);
    }
}

void NotificationQueue::makeNotifiers()
{
    for (qsizetype i = 0; i < m_settings.size(); ++i) {
        Slot slot { notifierLabel(i, m_settings[i]), nullptr, {} };
        Result<std::unique_ptr<Notifier>> made = m_registry.create(m_settings[i], m_secrets, entryName(i));
        if (made)
            slot.notifier = std::move(made).value();
        else
            slot.unusable = made.error().message;
        m_slots.push_back(std::move(slot));
    }
}

void NotificationQueue::deliver(const NotificationPayload& payload, Slot& slot)
{
    using Kind = NotificationOutcome::Kind;
    if (!slot.notifier) {
        announce(Kind::Failed, payload.reportId, slot.label, slot.unusable, 0);
        return;
    }
    const QString outOfTime = QueueText::tr("the shutdown bound (graceful_shutdown_seconds) ran out");
    for (int attempt = 1;; ++attempt) {
        const milliseconds budget = sendBudget();
        if (budget <= 0ms) {
            announce(Kind::NotSent, payload.reportId, slot.label, outOfTime, attempt - 1);
            return;
        }
        const DeliveryResult result = slot.notifier->send(payload, { budget, &m_cancelInFlight });
        if (result.ok()) {
            announce(Kind::Sent, payload.reportId, slot.label, {}, attempt);
            return;
        }
        if (m_cancelInFlight) {
            announce(Kind::NotSent, payload.reportId, slot.label, outOfTime + u"; "_s + result.message, attempt);
            return;
        }
        if (result.state == DeliveryResult::State::PermanentFailure || attempt >= m_options.maxAttempts) {
            const QString reason = result.state == DeliveryResult::State::PermanentFailure || attempt == 1
                ? result.message
                : QueueText::tr("%1 (gave up after %n attempts)", nullptr, attempt).arg(result.message);
            announce(Kind::Failed, payload.reportId, slot.label, reason, attempt);
            return;
        }
        if (!waitForBackoff(Clock::now() + m_options.firstBackoff * (1 << (attempt - 1)))) {
            announce(Kind::NotSent, payload.reportId, slot.label, outOfTime + u"; "_s + result.message, attempt);
            return;
        }
    }
}

bool NotificationQueue::waitForBackoff(Clock::time_point until)
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_stopping && Clock::now() >= m_deadline)
            return false;
        if (Clock::now() >= until)
            return true;
        m_wake.wait_until(lock, m_stopping ? std::min(until, m_deadline) : until);
    }
}

milliseconds NotificationQueue::sendBudget() const
{
    const std::lock_guard lock(m_mutex);
    if (!m_stopping)
        return m_options.sendTimeout;
    return std::min(m_options.sendTimeout, duration_cast<milliseconds>(m_deadline - Clock::now()));
}

void NotificationQueue::announce(NotificationOutcome::Kind kind, const QString& reportId, const QString& notifier,
    const QString& reason, int attempts)
{
    Q_EMIT outcomeAvailable(
        NotificationOutcome { kind, reportId, notifier, reason, attempts, QDateTime::currentDateTimeUtc() });
}

} // namespace wpm
