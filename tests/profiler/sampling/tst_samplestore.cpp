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

// A thread's Python frames: one evaluation call running `names` (innermost first), each at line 10 + its index.
PythonThreadStack pythonOf(const QStringList& names)
{
    PythonThreadStack python;
    for (qsizetype i = 0; i < names.size(); ++i)
        python.frames.append({ names[i], QStringLiteral("/srv/app.py"), int(10 + i) });
    python.framesPerEvaluation = { int(names.size()) };
    return python;
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

    void pythonFramesAreInternedAndCounted()
    {
        SampleStore store;
        const PythonThreadStack handler = pythonOf({ QStringLiteral("view"), QStringLiteral("handler") });
        const StackId first = store.append(1, 2, 0, ThreadState::Running, stackOf({ 1, 2 }), -1, handler);
        const qint64 withOne = store.counters().memoryBytes;
        QCOMPARE(store.counters().pythonFrames, 2);
        // The same native stack in other Python code is another stack; the same Python frames are shared.
        const StackId other = store.append(1, 2, 1, ThreadState::Running, stackOf({ 1, 2 }), -1,
            pythonOf({ QStringLiteral("other_view"), QStringLiteral("handler") }));
        QVERIFY(other != first);
        QCOMPARE(store.counters().pythonFrames, 3);
        QVERIFY(store.counters().memoryBytes > withOne);
        QCOMPARE(store.append(1, 2, 2, ThreadState::Running, stackOf({ 1, 2 }), -1, handler), first);

        const QList<StoredSample> samples = store.window(0, 0);
        QCOMPARE(samples.size(), 1);
        const QList<PythonFrameRef>& python = samples[0].stack.python;
        QCOMPARE(python.size(), 3); // two frames and the end of their evaluation call
        QCOMPARE(python[0]->qualifiedName, QStringLiteral("view"));
        QCOMPARE(python[1]->line, 11);
        QVERIFY(!python[2]);
        // The copy shares the interned frame with the stack stored later.
        QCOMPARE(store.window(2, 2)[0].stack.python[1].get(), python[1].get());
    }

    void blockedThreadKeepsItsPythonFrames()
    {
        SampleStore store;
        const StackId id = store.append(
            1, 3, 0, ThreadState::Sleeping, stackOf({ 5 }), 230, pythonOf({ QStringLiteral("sleepy_view") }));
        QVERIFY(store.appendReused(1, 3, 10, ThreadState::Sleeping, id, 230));
        const QList<StoredSample> samples = store.window(10, 10);
        QCOMPARE(samples.size(), 1);
        QVERIFY(samples[0].sample.reused);
        QCOMPARE(samples[0].stack.python.size(), 2);
        QCOMPARE(samples[0].stack.python[0]->qualifiedName, QStringLiteral("sleepy_view"));
    }

    void memoryBoundCoversPythonFrames()
    {
        const qint64 limit = 64 * 1024;
        SampleStore store(limit);
        // Each sample in a function of its own: the Python frames are what fills the store.
        for (int i = 0; i < 5000; ++i)
            store.append(1, 1, i, ThreadState::Running, stackOf({ 1 }), -1,
                pythonOf({ QStringLiteral("generated_function_%1").arg(i), QStringLiteral("handler") }));
        const StoreCounters counters = store.counters();
        QVERIFY2(counters.memoryBytes <= limit, qPrintable(QString::number(counters.memoryBytes)));
        QVERIFY(counters.dropped > 0);
        // Frames of dropped stacks are let go: one per stack left, plus the shared handler.
        QCOMPARE(counters.pythonFrames, qsizetype(counters.samples) + 1);
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
