// FunctionWatcher on a hand-made sample store: how long a watched call lasted, as seen from samples that
// came further apart than asked (the adaptive rate lowered the rate), and which calls get a report.

#include "capture/FunctionWatcher.h"
#include "core/MonotonicClock.h"

#include <QSignalSpy>
#include <QTest>

using namespace wpm;

namespace {

constexpr qint64 kMs = 1'000'000;
constexpr qint64 kAskedIntervalNs = 10 * kMs;
constexpr pid_t kPid = 1;
constexpr pid_t kTid = 2;
const QString kWatched = QStringLiteral("views:slow_view");

PythonThreadStack pythonOf(const QStringList& names)
{
    PythonThreadStack python;
    python.tid = kTid;
    for (qsizetype i = 0; i < names.size(); ++i)
        python.frames.append({ names[i], QStringLiteral("/srv/views.py"), int(10 + i) });
    python.framesPerEvaluation = { int(names.size()) };
    return python;
}

// Samples of the thread every `gap` from `fromMs` to `toMs`: in slow_view from `callFromMs` to `callToMs`.
void addSamples(SampleStore& store, qint64 baseNs, qint64 fromMs, qint64 toMs, qint64 gapMs, qint64 callFromMs,
    qint64 callToMs)
{
    for (qint64 ms = fromMs; ms <= toMs; ms += gapMs) {
        const bool inCall = ms >= callFromMs && ms <= callToMs;
        const QStringList names = inCall ? QStringList { QStringLiteral("slow_view"), QStringLiteral("dispatch") }
                                         : QStringList { QStringLiteral("dispatch") };
        store.append(kPid, kTid, baseNs + ms * kMs, ThreadState::Running, RawStack {}, -1, pythonOf(names));
    }
}

} // namespace

class TestFunctionWatcher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aCallSeenAtALoweredRateLastsFromMidpointToMidpoint()
    {
        const auto store = std::make_shared<SampleStore>();
        const qint64 base = monotonicNs() + 10'000 * kMs; // after the watcher's first scan
        // Asked 100 Hz, sampled every 60 ms: in slow_view from the sample at 60 ms to the one at 900 ms,
        // so it began between 0 and 60 ms and ended between 900 and 960 ms: ~0.9 s.
        addSamples(*store, base, 0, 1200, 60, 60, 900);
        FunctionWatcher watcher(store, { FunctionWatch { kWatched, 0.5 } }, 1.0, kAskedIntervalNs);
        QSignalSpy calls(&watcher, &FunctionWatcher::callCaptured);
        watcher.scan(base + 1300 * kMs, false);
        QCOMPARE(calls.size(), 1);
        const auto call = calls.first().first().value<std::shared_ptr<const WatchedCall>>();
        QCOMPARE(call->startNs, base + 30 * kMs);
        QCOMPARE(call->endNs, base + 930 * kMs);
        QCOMPARE(call->durationSeconds(), 0.9);
        QCOMPARE(call->samples, quint64(15));
        QCOMPARE(call->tree.totalSamples(), quint64(15));
        QCOMPARE(call->tree.totalNs(), 15 * 60 * kMs); // each sample stands for the 60 ms before it
        QCOMPARE(call->tid, kTid);
    }

    void theThresholdIsComparedWithThatDuration_data()
    {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<int>("reports");
        QTest::newRow("0.35 s: reported") << 0.35 << 1;
        QTest::newRow("0.45 s: not") << 0.45 << 0;
    }

    void theThresholdIsComparedWithThatDuration()
    {
        QFETCH(double, threshold);
        QFETCH(int, reports);
        const auto store = std::make_shared<SampleStore>();
        const qint64 base = monotonicNs() + 10'000 * kMs;
        // In slow_view at the samples of 100 to 400 ms, seen every 100 ms: ~0.4 s (not 0.3 s and one asked interval).
        addSamples(*store, base, 0, 600, 100, 100, 400);
        FunctionWatcher watcher(store, { FunctionWatch { kWatched, threshold } }, 1.0, kAskedIntervalNs);
        QSignalSpy calls(&watcher, &FunctionWatcher::callCaptured);
        watcher.scan(base + 700 * kMs, true);
        QCOMPARE(calls.size(), reports);
    }

    void aCallGoingOnWhenTheRecordingEndsCountsTheGapBeforeItTwice()
    {
        const auto store = std::make_shared<SampleStore>();
        const qint64 base = monotonicNs() + 10'000 * kMs;
        addSamples(*store, base, 0, 1000, 50, 200, 1000); // still in slow_view at the last sample
        FunctionWatcher watcher(store, { FunctionWatch { kWatched, 0.5 } }, 1.0, kAskedIntervalNs);
        QSignalSpy calls(&watcher, &FunctionWatcher::callCaptured);
        watcher.scan(base + 1000 * kMs, false);
        QCOMPARE(calls.size(), 0); // not over yet
        watcher.scan(base + 1100 * kMs, true);
        QCOMPARE(calls.size(), 1);
        const auto call = calls.first().first().value<std::shared_ptr<const WatchedCall>>();
        QCOMPARE(call->startNs, base + 175 * kMs);
        QCOMPARE(call->endNs, base + 1025 * kMs);
    }

    void theFirstSampleOfAThreadStandsForTheAskedInterval()
    {
        const auto store = std::make_shared<SampleStore>();
        const qint64 base = monotonicNs() + 10'000 * kMs;
        addSamples(*store, base, 0, 700, 100, 0, 600); // in slow_view from the thread's very first sample
        FunctionWatcher watcher(store, { FunctionWatch { kWatched, 0.5 } }, 1.0, kAskedIntervalNs);
        QSignalSpy calls(&watcher, &FunctionWatcher::callCaptured);
        watcher.scan(base + 800 * kMs, false);
        QCOMPARE(calls.size(), 1);
        const auto call = calls.first().first().value<std::shared_ptr<const WatchedCall>>();
        QCOMPARE(call->startNs, base - 5 * kMs);
        QCOMPARE(call->endNs, base + 650 * kMs);
    }
};

QTEST_GUILESS_MAIN(TestFunctionWatcher)
#include "tst_functionwatcher.moc"
