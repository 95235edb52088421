// SymbolizationJob against the native test target's real code: every frame symbolized and cached without
// a cancel, progress on the way, and a cancel (from the progress callback, or from another thread while it
// runs) stopping it between two frames with an Error, the answers found so far kept.

#include "symbols/SymbolizationJob.h"
#include "symbols/Symbolizer.h"

#include <QFile>
#include <QTest>

#include <thread>

using namespace wpm;

namespace {

const QString kTarget = QStringLiteral(WPM_NATIVE_TARGET);

// `count` distinct code addresses, 4 bytes apart from the start of the target's 20-deep call chain.
QList<CodeAddress> targetAddresses(qsizetype count)
{
    Symbolizer symbolizer;
    const std::optional<quint64> start
        = symbolizer.fileOffsetOfSymbol(kTarget, QStringLiteral("wpm_target::chainLevel01(int)"));
    QList<CodeAddress> addresses;
    for (qsizetype i = 0; start && i < count; ++i)
        addresses.append({ kTarget, *start + quint64(i) * 4 });
    return addresses;
}

} // namespace

class TestSymbolizationJob : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(kTarget), qPrintable(kTarget)); }

    void everyFrameIsSymbolizedAndCached()
    {
        const QList<CodeAddress> addresses = targetAddresses(1000);
        QCOMPARE(addresses.size(), 1000);
        Symbolizer symbolizer;
        std::atomic_bool cancel = false;
        SymbolizationJob job(symbolizer, cancel);
        QList<std::pair<qsizetype, qsizetype>> progress;
        job.setProgress([&](qsizetype done, qsizetype total) { progress.append({ done, total }); }, 300);
        const Result<qsizetype> done = job.run(addresses);
        QVERIFY(done);
        QCOMPARE(*done, 1000);
        const QList<std::pair<qsizetype, qsizetype>> expected { { 300, 1000 }, { 600, 1000 }, { 900, 1000 },
            { 1000, 1000 } };
        QCOMPARE(progress, expected);
        QCOMPARE(symbolizer.stats().cacheMisses, 1000u);
        // The call tree built afterwards only reads the cache, and finds the chain's function.
        QCOMPARE(symbolizer.symbolize(kTarget, addresses.first().fileOffset).function,
            QStringLiteral("wpm_target::chainLevel01(int)"));
        QCOMPARE(symbolizer.stats().cacheMisses, 1000u);
    }

    void throttledProgressShowsOnlyWhatASlowJobNeeds()
    {
        QList<std::pair<qsizetype, qsizetype>> shown;
        const auto record = [&shown](qsizetype done, qsizetype total) { shown.append({ done, total }); };
        // Long from the start, one report an hour: the first report and the end.
        SymbolizationJob::Progress progress = throttledProgress(0, 3'600'000, record);
        progress(10, 100);
        progress(20, 100);
        progress(100, 100);
        QCOMPARE(shown, (QList<std::pair<qsizetype, qsizetype>> { { 10, 100 }, { 100, 100 } }));
        // Work that ends before it is worth showing shows nothing, not even its end.
        shown.clear();
        progress = throttledProgress(3'600'000, 0, record);
        progress(50, 100);
        progress(100, 100);
        QVERIFY(shown.isEmpty());
    }

    void cancelStopsBetweenTwoFrames()
    {
        const QList<CodeAddress> addresses = targetAddresses(1000);
        Symbolizer symbolizer;
        std::atomic_bool cancel = false;
        SymbolizationJob job(symbolizer, cancel);
        job.setProgress(
            [&](qsizetype done, qsizetype) {
                if (done == 200)
                    cancel = true;
            },
            100);
        const Result<qsizetype> done = job.run(addresses);
        QVERIFY(!done);
        QVERIFY2(done.error().message.contains(QStringLiteral("cancelled after 200 of 1000 frames")),
            qPrintable(done.error().message));
        QCOMPARE(symbolizer.stats().cacheMisses, 200u);

        // Run again without the flag: it goes on, the 200 found before answer from the cache.
        cancel = false;
        job.setProgress({}, 1);
        const Result<qsizetype> resumed = job.run(addresses);
        QVERIFY(resumed);
        QCOMPARE(symbolizer.stats().cacheMisses, 1000u);
        QCOMPARE(symbolizer.stats().cacheHits, 200u);
    }

    void cancelFromAnotherThreadStopsPromptly()
    {
        const QList<CodeAddress> addresses = targetAddresses(400000);
        Symbolizer symbolizer;
        std::atomic_bool cancel = false;
        std::atomic<qsizetype> reported = 0;
        SymbolizationJob job(symbolizer, cancel);
        job.setProgress([&](qsizetype done, qsizetype) { reported = done; }, 1000);
        std::optional<Result<qsizetype>> result;
        std::thread worker([&] { result.emplace(job.run(addresses)); });
        QVERIFY(QTest::qWaitFor([&] { return reported.load() > 0; }, 10000));
        cancel = true;
        worker.join();
        QVERIFY(result && !*result);
        // Stopped within a progress step or two of the cancel, far from the end.
        QVERIFY2(symbolizer.stats().cacheMisses < 400000u, qPrintable(result->error().message));
        QVERIFY(result->error().message.contains(QStringLiteral("cancelled")));
    }
};

QTEST_GUILESS_MAIN(TestSymbolizationJob)
#include "tst_symbolizationjob.moc"
