// SampleStore: per-thread windows in time order, stack interning, and the memory bound.

#include "sampling/SampleStore.h"

#include <QTest>

using namespace wpm;

namespace {

RawStack stackOf(std::initializer_list<quint64> offsets, bool complete = true)
{
    RawStack stack;
    for (quint64 offset : offsets)
        stack.frames.append({ 1, offset });
    stack.complete = complete;
    return stack;
}

} // namespace

class TestSampleStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void windowsPerThreadAndForAll()
    {
        SampleStore store;
        for (int i = 0; i < 100; ++i) {
            store.append(10, 11, i * 1000, ThreadState::Running, stackOf({ 1, 2, 3 }));
            store.append(10, 12, i * 1000 + 500, ThreadState::Sleeping, stackOf({ 4, 5 }));
        }
        const QList<StoredSample> one = store.window(10000, 19999, pid_t(11));
        QCOMPARE(one.size(), 10);
        QCOMPARE(one.first().sample.timeNs, 10000);
        QCOMPARE(one.last().sample.timeNs, 19000);
        QCOMPARE(one.first().stack.frames.size(), 3);
        const QList<StoredSample> all = store.window(10000, 19999);
        QCOMPARE(all.size(), 20);
        QVERIFY(store.window(10000, 19999, pid_t(99)).isEmpty());
        QCOMPARE(store.threads(), (QList<pid_t> { 11, 12 }));
        QCOMPARE(store.counters().samples, 200u);
    }

    void identicalStacksAreStoredOnce()
    {
        SampleStore store;
        const StackId first = store.append(1, 1, 0, ThreadState::Running, stackOf({ 7, 8 }));
        const StackId second = store.append(1, 1, 1, ThreadState::Running, stackOf({ 7, 8 }));
        const StackId other = store.append(1, 1, 2, ThreadState::Running, stackOf({ 7, 8 }, false));
        QCOMPARE(first, second);
        QVERIFY(other != first); // completeness is part of the stack
    }

    void reuseNeedsTheThreadsLastStack()
    {
        SampleStore store;
        const StackId id = store.append(1, 5, 0, ThreadState::Sleeping, stackOf({ 1 }));
        QVERIFY(store.appendReused(1, 5, 10, ThreadState::Sleeping, id));
        const QList<StoredSample> samples = store.window(0, 100, pid_t(5));
        QCOMPARE(samples.size(), 2);
        QVERIFY(samples[1].sample.reused);
        QCOMPARE(samples[1].stack.frames, samples[0].stack.frames);
        QVERIFY(!store.appendReused(1, 6, 20, ThreadState::Sleeping, id)); // another thread
        store.append(1, 5, 30, ThreadState::Running, stackOf({ 2 }));
        QVERIFY(!store.appendReused(1, 5, 40, ThreadState::Sleeping, id)); // no longer its last stack
    }

    void memoryBoundDropsTheOldestFirst()
    {
        const qint64 limit = 64 * 1024;
        SampleStore store(limit);
        for (int i = 0; i < 20000; ++i)
            store.append(1, 1 + i % 3, i, ThreadState::Running, stackOf({ quint64(i % 50), 2, 3 }));
        const StoreCounters counters = store.counters();
        QVERIFY2(counters.memoryBytes <= limit, qPrintable(QString::number(counters.memoryBytes)));
        QVERIFY(counters.dropped > 0);
        QCOMPARE(counters.samples + counters.dropped, 20000u);
        // What is left is the newest: the last sample survives, the first does not.
        QCOMPARE(store.window(19999, 19999).size(), 1);
        QVERIFY(store.window(0, 0).isEmpty());
        const QList<StoredSample> kept = store.window(0, 20000);
        qint64 oldest = 20000;
        for (const StoredSample& stored : kept)
            oldest = std::min(oldest, stored.sample.timeNs);
        QCOMPARE(quint64(20000 - oldest), counters.samples);
    }
};

QTEST_GUILESS_MAIN(TestSampleStore)
#include "tst_samplestore.moc"
