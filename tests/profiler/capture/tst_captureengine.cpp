// CaptureEngine on a hand-made sample store: which samples of a request's window are work, and how
// much time each one stands for when the sampler's rate is not the rate that was asked; when a request is cut out.

#include "capture/CaptureEngine.h"
#include "core/MonotonicClock.h"

#include <QSignalSpy>
#include <QTest>

using namespace wpm;

namespace {

constexpr qint64 kMs = 1'000'000;
constexpr qint64 kAskedIntervalNs = 10 * kMs;
constexpr qint16 kPoll = 7;

RawStack stackAt(quint64 address)
{
    return RawStack { { FrameAddress { 0, address }, FrameAddress { 0, 0x100 } }, true, {} };
}

const RawStack kPolling = stackAt(0xa00); // the thread's way of waiting before the request
const RawStack kWorking = stackAt(0xb00);
const RawStack kSleeping = stackAt(0xc00); // a handler's sleep
constexpr qint16 kNanosleep = 230;

MonitorConfig configWithThreshold(double seconds)
{
    MonitorConfig config;
    config.thresholdSeconds = seconds;
    return config;
}

// An earlier request, over by now: the engine looks back at it to tell work from waiting.
void finishEarlierRequest(CaptureEngine& engine, qint64 startNs, qint64 endNs)
{
    RequestRecord earlier;
    earlier.path = earlier.target = QStringLiteral("/earlier");
    earlier.startNs = startNs;
    earlier.endNs = endNs;
    engine.onRequestFinished(earlier);
}

// How many samples of each thread are work in [startNs, endNs].
QHash<pid_t, int> workByThread(CaptureEngine& engine, const SampleStore& store, qint64 startNs, qint64 endNs)
{
    QHash<pid_t, int> samplesByThread;
    for (const CaptureEngine::WeightedSample& serving : engine.servingWork(store, startNs, endNs).samples)
        ++samplesByThread[serving.stored.sample.tid];
    return samplesByThread;
}

} // namespace

class TestCaptureEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void weightsAreTheIntervalsTheSamplerReallyTook()
    {
        const auto store = std::make_shared<SampleStore>();
        const qint64 start = 10'000 * kMs;
        // Thread 1 polls before the request, then works at an irregular (lowered) rate.
        store->append(1, 1, start - 100 * kMs, ThreadState::Sleeping, kPolling, kPoll);
        store->append(1, 1, start + 10 * kMs, ThreadState::Running, kWorking);
        store->append(1, 1, start + 60 * kMs, ThreadState::Running, kWorking);
        store->append(1, 1, start + 70 * kMs, ThreadState::Sleeping, kPolling, kPoll); // waiting: not work
        store->append(1, 1, start + 100 * kMs, ThreadState::Running, kWorking);
        // Thread 2 was last seen long ago: its sample stands for no more than the cap.
        store->append(1, 2, start - 1900 * kMs, ThreadState::Sleeping, kPolling, kPoll);
        store->append(1, 2, start + 500 * kMs, ThreadState::Running, kWorking);
        // Thread 3 starts at the end of the request: its first sample stands for the asked interval.
        store->append(1, 3, start + 590 * kMs, ThreadState::Running, kWorking);
        // Thread 4 wakes up for a moment in the middle: background work, no request's.
        store->append(1, 4, start - 500 * kMs, ThreadState::Sleeping, kPolling, kPoll);
        store->append(1, 4, start + 290 * kMs, ThreadState::Sleeping, kPolling, kPoll);
        store->append(1, 4, start + 300 * kMs, ThreadState::Running, kWorking);
        store->append(1, 4, start + 310 * kMs, ThreadState::Sleeping, kPolling, kPoll);
        // The sampler went on after the request: it can be cut out.
        store->append(1, 1, start + 700 * kMs, ThreadState::Sleeping, kPolling, kPoll);

        CaptureEngine engine(store, configWithThreshold(0.1), kAskedIntervalNs);
        QHash<pid_t, QList<qint64>> weights;
        for (const CaptureEngine::WeightedSample& serving :
            engine.servingWork(*store, start, start + 600 * kMs).samples)
            weights[serving.stored.sample.tid].append(serving.weightNs / kMs);
        QCOMPARE(weights.value(1), (QList<qint64> { 110, 50, 30 }));
        QCOMPARE(weights.value(2), (QList<qint64> { 1200 }));
        QCOMPARE(weights.value(3), (QList<qint64> { 10 }));
        QCOMPARE(weights.value(4), (QList<qint64> { 10 }));

        // The captured tree's time is the sum of those weights.
        QSignalSpy captured(&engine, &CaptureEngine::requestCaptured);
        RequestRecord record;
        record.method = QStringLiteral("GET");
        record.path = record.target = QStringLiteral("/work");
        record.startNs = start;
        record.endNs = start + 600 * kMs;
        engine.onRequestFinished(record);
        QVERIFY(captured.wait(2000));
        const auto result = captured.first().first().value<std::shared_ptr<const CapturedRequest>>();
        QCOMPARE(result->samples, quint64(5));
        QCOMPARE(result->samplesByThread.value(1), quint64(3));
        QVERIFY(!result->samplesByThread.contains(4));
        QCOMPARE(result->tree.totalNs(), (110 + 50 + 30 + 1200 + 10) * kMs);
    }

    // How a thread waits is learnt from its time without requests, not from how it blocked while it worked for
    // an earlier request, however long ago it was last idle.
    void waitsAreLearntWhileNoRequestRan()
    {
        const auto store = std::make_shared<SampleStore>();
        CaptureEngine engine(store, configWithThreshold(10.0), kAskedIntervalNs);
        const qint64 start = 20'000 * kMs;
        finishEarlierRequest(engine, start - 2600 * kMs, start - 60 * kMs);
        // Thread 1, an event loop: polls, then works for the earlier request longer than the 2 s look-back,
        // then polls all through this request (another thread serves it).
        store->append(1, 1, start - 3000 * kMs, ThreadState::Sleeping, kPolling, kPoll);
        for (qint64 at = -2500; at <= -100; at += 100)
            store->append(1, 1, start + at * kMs, ThreadState::Running, kWorking);
        // Thread 2, a pool worker: sleeps in the earlier request's handler, waits for the next job, sleeps in
        // this request's handler.
        for (qint64 at = -1500; at <= -100; at += 100)
            store->append(1, 2, start + at * kMs, ThreadState::Sleeping, kSleeping, kNanosleep);
        store->append(1, 2, start - 50 * kMs, ThreadState::Sleeping, kPolling, kPoll);
        for (qint64 at = 100; at <= 500; at += 100) {
            store->append(1, 1, start + at * kMs, ThreadState::Sleeping, kPolling, kPoll);
            store->append(1, 2, start + at * kMs, ThreadState::Sleeping, kSleeping, kNanosleep);
        }

        const QHash<pid_t, int> samplesByThread = workByThread(engine, *store, start, start + 600 * kMs);
        QCOMPARE(samplesByThread.value(1), 0);
        QCOMPARE(samplesByThread.value(2), 5);
    }

    // The gap between two requests can hold a sample of an event loop that is not waiting (sending the answer to the
    // first): how it waits is then learnt from more of its latest idle time, even one that the first request keeps
    // out of the look-back.
    void waitsAreLearntFromMoreThanOneSampleBetweenRequests()
    {
        const auto store = std::make_shared<SampleStore>();
        CaptureEngine engine(store, configWithThreshold(10.0), kAskedIntervalNs);
        const qint64 start = 20'000 * kMs;
        finishEarlierRequest(engine, start - 2650 * kMs, start - 50 * kMs);
        // Thread 1, an event loop: polls while the server idles, works through the earlier request, is seen working
        // once between the two requests, and polls through this one (another thread serves it).
        for (qint64 at = -4700; at <= -2700; at += 10)
            store->append(1, 1, start + at * kMs, ThreadState::Sleeping, kPolling, kPoll);
        for (qint64 at = -2600; at <= -100; at += 100)
            store->append(1, 1, start + at * kMs, ThreadState::Running, kWorking);
        store->append(1, 1, start - 30 * kMs, ThreadState::Running, kWorking);
        for (qint64 at = 100; at <= 500; at += 100)
            store->append(1, 1, start + at * kMs, ThreadState::Sleeping, kPolling, kPoll);

        QCOMPARE(workByThread(engine, *store, start, start + 600 * kMs).value(1), 0);
    }

    // A request is cut out once a tick that began after it has visited every thread, not at its first sample after
    // it: a thread sampled later in that tick has no sample yet of how it waits once the request is over.
    void cutOutOnceATickAfterItVisitedEveryThread()
    {
        const auto store = std::make_shared<SampleStore>();
        CaptureEngine engine(store, configWithThreshold(0.1), kAskedIntervalNs);
        QSignalSpy captured(&engine, &CaptureEngine::requestCaptured);
        RequestRecord record;
        record.path = record.target = QStringLiteral("/pool");
        record.endNs = monotonicNs();
        record.startNs = record.endNs - 300 * kMs;
        for (qint64 at = record.startNs; at < record.endNs; at += 10 * kMs) {
            store->append(1, 1, at, ThreadState::Sleeping, kPolling, kPoll);
            store->append(1, 2, at, ThreadState::Running, kWorking);
        }
        engine.onRequestFinished(record);
        store->append(1, 1, record.endNs + 5 * kMs, ThreadState::Sleeping, kPolling, kPoll); // the tick's first thread
        QVERIFY(!captured.wait(500));
        store->append(1, 2, record.endNs + 6 * kMs, ThreadState::Sleeping, kPolling, kPoll);
        store->tickDone(record.endNs + 4 * kMs);
        QVERIFY(captured.wait(2000));
        const auto result = captured.first().first().value<std::shared_ptr<const CapturedRequest>>();
        QCOMPARE(result->samplesByThread.value(2), quint64(30));
    }

    void fastRequestsAreNotCaptured()
    {
        const auto store = std::make_shared<SampleStore>();
        CaptureEngine engine(store, configWithThreshold(1.0), kAskedIntervalNs);
        QSignalSpy captured(&engine, &CaptureEngine::requestCaptured);
        RequestRecord record;
        record.path = QStringLiteral("/fast");
        record.endNs = 200 * kMs;
        engine.onRequestFinished(record);
        QVERIFY(!captured.wait(200));
        QCOMPARE(engine.counters().finished, quint64(1));
        QCOMPARE(engine.counters().slow, quint64(0));
    }
};

QTEST_GUILESS_MAIN(TestCaptureEngine)
#include "tst_captureengine.moc"
