// The notification queue with real notifiers against loopback servers: every outcome reported, retries
// for transient failures only, overflow dropping the oldest (counted), and shutdown flushing within its
// bound or reporting what it could not send.

#include "NotifyTestSupport.h"
#include "notify/NotificationQueue.h"
#include "notify/NotifierRegistry.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace wpm;
using namespace wpm::test;
using Kind = wpm::NotificationOutcome::Kind;

class TestNotificationQueue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void sendsToEveryNotifier();
    void retriesTransientFailuresThenSends();
    void neverRetriesClientErrors();
    void givesUpAfterLastAttempt();
    void overflowDropsOldestAndCounts();
    void shutdownFlushesPending();
    void unusableNotifierFailsEachNotification();

private:
    bool startServer(const QString& behaviour);
    NotifierSettings webhook() const;
    std::unique_ptr<NotificationQueue> makeQueue(QList<NotifierSettings> notifiers, NotificationQueueOptions options);
    QList<QJsonObject> calls() const { return recordedCalls(m_dir->filePath(u"calls.jsonl"_s)); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LoopbackServer> m_server;
    NotificationPayload m_payload;
    QList<NotificationOutcome> m_outcomes;
};

void TestNotificationQueue::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<LoopbackServer>();
    m_payload = makePayload(QDir(m_dir->path()));
    m_outcomes.clear();
}

bool TestNotificationQueue::startServer(const QString& behaviour)
{
    return m_server->start(
        u"http_recorder.py"_s, { u"--record"_s, m_dir->filePath(u"calls.jsonl"_s), u"--behaviour"_s, behaviour });
}

NotifierSettings TestNotificationQueue::webhook() const
{
    return { u"webhook"_s, { { u"url"_s, m_server->url(u"/hook"_s) } } };
}

std::unique_ptr<NotificationQueue> TestNotificationQueue::makeQueue(
    QList<NotifierSettings> notifiers, NotificationQueueOptions options)
{
    auto queue = std::make_unique<NotificationQueue>(
        std::move(notifiers), options, SecretStore(m_dir->filePath(u"secrets.json"_s)), NotifierRegistry::builtIn());
    // Emitted on the worker thread; `this` as context queues it to the test's thread.
    connect(queue.get(), &NotificationQueue::outcomeAvailable, this,
        [this](const NotificationOutcome& outcome) { m_outcomes.append(outcome); });
    return queue;
}

NotificationQueueOptions quickRetries()
{
    NotificationQueueOptions options;
    options.sendTimeout = 5s;
    options.firstBackoff = 50ms;
    return options;
}

void TestNotificationQueue::sendsToEveryNotifier()
{
    QVERIFY2(startServer(u"ok"_s), qPrintable(m_server->error()));
    const NotifierSettings command { u"command"_s,
        { { u"argv"_s, QJsonArray { u"/bin/sh"_s, u"-c"_s, u"cat > \"$0.stdin\""_s, m_dir->filePath(u"out"_s) } } } };
    auto queue = makeQueue({ webhook(), command }, quickRetries());
    queue->enqueue(m_payload);
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 2, 10000);
    QCOMPARE(m_outcomes[0].notifier, u"notice_list[0] webhook"_s);
    QCOMPARE(m_outcomes[1].notifier, u"notice_list[1] command"_s);
    for (const NotificationOutcome& outcome : std::as_const(m_outcomes)) {
        QCOMPARE(outcome.kind, Kind::Sent);
        QCOMPARE(outcome.reportId, u"r-42"_s);
        QCOMPARE(outcome.attempts, 1);
    }
    QCOMPARE(calls().size(), 1);
}

void TestNotificationQueue::retriesTransientFailuresThenSends()
{
    QVERIFY2(startServer(u"fail-first:2"_s), qPrintable(m_server->error()));
    auto queue = makeQueue({ webhook() }, quickRetries());
    queue->enqueue(m_payload);
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 1, 10000);
    QCOMPARE(m_outcomes[0].kind, Kind::Sent);
    QCOMPARE(m_outcomes[0].attempts, 3);
    const QList<QJsonObject> recorded = calls();
    QCOMPARE(recorded.size(), 3);
    QCOMPARE(recorded[0][u"status"_s].toInt(), 500);
    QCOMPARE(recorded[2][u"status"_s].toInt(), 200);
}

void TestNotificationQueue::neverRetriesClientErrors()
{
    QVERIFY2(startServer(u"status:400"_s), qPrintable(m_server->error()));
    auto queue = makeQueue({ webhook() }, quickRetries());
    queue->enqueue(m_payload);
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 1, 10000);
    QCOMPARE(m_outcomes[0].kind, Kind::Failed);
    QCOMPARE(m_outcomes[0].attempts, 1);
    QVERIFY2(m_outcomes[0].reason.contains(u"HTTP 400"_s), qPrintable(m_outcomes[0].reason));
    queue->shutdown();
    QCOMPARE(calls().size(), 1);
}

void TestNotificationQueue::givesUpAfterLastAttempt()
{
    QVERIFY2(startServer(u"status:500"_s), qPrintable(m_server->error()));
    auto queue = makeQueue({ webhook() }, quickRetries());
    queue->enqueue(m_payload);
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 1, 10000);
    QCOMPARE(m_outcomes[0].kind, Kind::Failed);
    QCOMPARE(m_outcomes[0].attempts, 3);
    QVERIFY2(m_outcomes[0].reason.contains(u"gave up after 3 attempts"_s), qPrintable(m_outcomes[0].reason));
    QCOMPARE(calls().size(), 3);
}

void TestNotificationQueue::overflowDropsOldestAndCounts()
{
    QVERIFY2(startServer(u"hang"_s), qPrintable(m_server->error()));
    NotificationQueueOptions options = quickRetries();
    options.capacity = 2;
    options.sendTimeout = 30s;
    options.shutdownBound = 500ms;
    auto queue = makeQueue({ webhook() }, options);
    NotificationPayload payload = m_payload;
    payload.reportId = u"r-1"_s;
    queue->enqueue(payload);
    QTRY_COMPARE_WITH_TIMEOUT(calls().size(), 1, 10000); // the worker is stuck sending r-1
    QElapsedTimer enqueueClock;
    enqueueClock.start();
    for (int i = 2; i <= 10; ++i) {
        payload.reportId = u"r-%1"_s.arg(i);
        queue->enqueue(payload);
    }
    // What the capture path pays while the network is stuck: a lock, never the send.
    qInfo("9 enqueues beside a stuck send took %lld us", enqueueClock.nsecsElapsed() / 1000);
    QCOMPARE(queue->droppedCount(), 7);
    QCOMPARE(queue->pendingCount(), 2);

    QElapsedTimer clock;
    clock.start();
    queue->shutdown();
    // The bound is 0.5 s and the send in flight (timeout 30 s) is cancelled within 50 ms of it.
    QVERIFY2(clock.elapsed() >= 500 && clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
    qInfo("shutdown with a stuck send and 2 pending, bound 500 ms, returned after %lld ms", clock.elapsed());
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 10, 5000);
    QStringList dropped;
    QStringList notSent;
    for (const NotificationOutcome& outcome : std::as_const(m_outcomes)) {
        if (outcome.kind == Kind::Dropped)
            dropped.append(outcome.reportId);
        else if (outcome.kind == Kind::NotSent)
            notSent.append(outcome.reportId);
    }
    QCOMPARE(dropped, (QStringList { u"r-2"_s, u"r-3"_s, u"r-4"_s, u"r-5"_s, u"r-6"_s, u"r-7"_s, u"r-8"_s }));
    QCOMPARE(notSent, (QStringList { u"r-1"_s, u"r-9"_s, u"r-10"_s }));
    QVERIFY(m_outcomes.constFirst().reason.contains(u"notice_queue_size 2"_s));
    QVERIFY(m_outcomes.constLast().reason.contains(u"graceful_shutdown_seconds"_s));
}

void TestNotificationQueue::shutdownFlushesPending()
{
    QVERIFY2(startServer(u"ok"_s), qPrintable(m_server->error()));
    NotificationQueueOptions options = quickRetries();
    options.shutdownBound = 10s;
    auto queue = makeQueue({ webhook() }, options);
    for (int i = 1; i <= 5; ++i) {
        NotificationPayload payload = m_payload;
        payload.reportId = u"r-%1"_s.arg(i);
        queue->enqueue(payload);
    }
    queue->shutdown(); // returns once everything is sent, well within the bound
    QCOMPARE(calls().size(), 5);
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 5, 5000);
    for (const NotificationOutcome& outcome : std::as_const(m_outcomes))
        QCOMPARE(outcome.kind, Kind::Sent);
    queue->enqueue(m_payload); // after shutdown: reported, not lost
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 6, 5000);
    QCOMPARE(m_outcomes.constLast().kind, Kind::NotSent);
}

void TestNotificationQueue::unusableNotifierFailsEachNotification()
{
    const NotifierSettings mattermost { u"mattermost"_s,
        { { u"server_url"_s, u"http://127.0.0.1:1"_s }, { u"token"_s, u"keychain:not-stored"_s },
            { u"channel_id"_s, u"c"_s } } };
    auto queue = makeQueue({ mattermost }, quickRetries());
    queue->enqueue(m_payload);
    QTRY_COMPARE_WITH_TIMEOUT(m_outcomes.size(), 1, 20000);
    QCOMPARE(m_outcomes[0].kind, Kind::Failed);
    QVERIFY2(m_outcomes[0].reason.contains(u"notify set-secret not-stored"_s), qPrintable(m_outcomes[0].reason));
}

QTEST_GUILESS_MAIN(TestNotificationQueue)
#include "tst_notificationqueue.moc"
