// Which run of work goes to which of several overlapping requests.

#include "capture/WorkAttribution.h"

#include <QTest>

using namespace wpm;

namespace {

constexpr qint64 kMs = 1'000'000;

// A run sampled every 10 ms from firstMs to lastMs, with a sample of waiting 10 ms either side.
WorkRun run(int id, pid_t tid, qint64 firstMs, qint64 lastMs)
{
    return WorkRun { id, tid, (firstMs - 10) * kMs, firstMs * kMs, lastMs * kMs, (lastMs + 10) * kMs };
}

RequestSpan request(quint64 id, qint64 startMs, qint64 endMs)
{
    return RequestSpan { id, startMs * kMs, endMs * kMs };
}

} // namespace

class TestWorkAttribution : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsGoToTheRequestsTheyFit()
    {
        // Four workers start together; they end when their requests end.
        const QList<RequestSpan> requests { request(1, 0, 600), request(2, 0, 1100), request(3, 1, 1600),
            request(4, 1, 2100) };
        const QList<WorkRun> runs { run(10, 101, 5, 2095), run(11, 102, 5, 1095), run(12, 103, 5, 595),
            run(13, 104, 6, 1595) };
        const QHash<int, qsizetype> assigned = assignRuns(runs, requests);
        QCOMPARE(assigned.value(12), 0);
        QCOMPARE(assigned.value(11), 1);
        QCOMPARE(assigned.value(13), 2);
        QCOMPARE(assigned.value(10), 3);
    }

    void runsThatFitEquallyArePairedInOrder()
    {
        // Both runs end between the same two samples as both requests: one each, in start order.
        const QList<RequestSpan> requests { request(1, 0, 750), request(2, 1, 760) };
        const QList<WorkRun> runs { WorkRun { 1, 202, -5 * kMs, 5 * kMs, 700 * kMs, 800 * kMs },
            WorkRun { 0, 201, -5 * kMs, 5 * kMs, 700 * kMs, 800 * kMs } };
        const QHash<int, qsizetype> assigned = assignRuns(runs, requests);
        QCOMPARE(assigned.value(0), 0);
        QCOMPARE(assigned.value(1), 1);
    }

    void leftoverRunsGoToTheirBestFit()
    {
        // An event loop's short slice at the second request's start, besides the two workers.
        const QList<RequestSpan> requests { request(1, 0, 500), request(2, 300, 900) };
        const QList<WorkRun> runs { run(0, 1, 5, 495), run(1, 2, 305, 895), run(2, 3, 301, 310) };
        const QHash<int, qsizetype> assigned = assignRuns(runs, requests);
        QCOMPARE(assigned.value(0), 0);
        QCOMPARE(assigned.value(1), 1);
        QCOMPARE(assigned.value(2), 1);
    }

    void backgroundThreadsCountOnlyWhenTheyFitBest()
    {
        // A file watcher's tick begins with the request: it is not the request's intake.
        const QList<RequestSpan> requests { request(1, 0, 900) };
        WorkRun watcher = run(1, 2, 5, 180);
        watcher.background = true;
        const QHash<int, qsizetype> assigned = assignRuns({ run(0, 1, 5, 895), watcher }, requests);
        QCOMPARE(assigned.value(0), 0);
        QVERIFY(!assigned.contains(1));
    }

    void runsOutsideEveryRequestAreLeftOut()
    {
        const QList<RequestSpan> requests { request(1, 0, 500) };
        QVERIFY(!assignRuns({ run(0, 1, 600, 700) }, requests).contains(0));
    }
};

QTEST_GUILESS_MAIN(TestWorkAttribution)
#include "tst_workattribution.moc"
