// RateController: the adaptive rate keeps a sampled thread's stopped share under the budget.

#include "sampling/RateController.h"

#include <QTest>

using namespace wpm;

class TestRateController : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void asksForTheRequestedRateBeforeAnyMeasurement()
    {
        const RateController controller(1000, 0.05, true);
        QCOMPARE(controller.rateHz(), 1000.0);
    }

    void cheapStopsKeepTheRequestedRate()
    {
        RateController controller(100, 0.05, true);
        for (int i = 0; i < 100; ++i)
            controller.addStop(40'000); // 40 µs × 100 Hz = 0.4%, far under 5%
        QCOMPARE(controller.rateHz(), 100.0);
    }

    void expensiveStopsLowerTheRateUnderTheBudget_data()
    {
        QTest::addColumn<double>("requested");
        QTest::addColumn<double>("budget");
        QTest::addColumn<double>("stopNs");
        QTest::newRow("1 kHz, 5%, 100 us") << 1000.0 << 0.05 << 100'000.0;
        QTest::newRow("1 kHz, 1%, 40 us") << 1000.0 << 0.01 << 40'000.0;
        QTest::newRow("10 kHz, 5%, 40 us") << 10000.0 << 0.05 << 40'000.0;
        QTest::newRow("100 Hz, 5%, 2 ms") << 100.0 << 0.05 << 2'000'000.0;
    }

    void expensiveStopsLowerTheRateUnderTheBudget()
    {
        QFETCH(double, requested);
        QFETCH(double, budget);
        QFETCH(double, stopNs);
        RateController controller(requested, budget, true);
        for (int i = 0; i < 200; ++i)
            controller.addStop(stopNs);
        const double overhead = controller.rateHz() * stopNs / 1e9;
        QVERIFY2(overhead <= budget, qPrintable(QString::number(overhead)));
        QVERIFY2(overhead >= 0.5 * budget, qPrintable(QString::number(overhead))); // not needlessly slow
        QVERIFY(controller.rateHz() < requested);
    }

    void oneSlowStopLowersAtOnceAndRecoversGradually()
    {
        RateController controller(1000, 0.05, true);
        for (int i = 0; i < 100; ++i)
            controller.addStop(30'000);
        QCOMPARE(controller.rateHz(), 1000.0);
        controller.addStop(20'000'000); // 20 ms: the server was descheduled
        const double afterSpike = controller.rateHz();
        QVERIFY(afterSpike < 100);
        controller.addStop(30'000);
        QVERIFY(controller.rateHz() > afterSpike);
        for (int i = 0; i < 300; ++i)
            controller.addStop(30'000);
        QCOMPARE(controller.rateHz(), 1000.0);
    }

    void aLastingRiseIsFollowedWithinAFewTicks()
    {
        // A busy machine makes every stop slower for a while: the rate must follow within a few ticks, or the
        // ticks at the old rate spend more than the budget (a mean that follows rises slowly is biased low).
        RateController controller(1000, 0.01, true);
        for (int i = 0; i < 200; ++i)
            controller.addStop(20'000);
        int ticks = 0;
        while (controller.rateHz() * 60'000 / 1e9 > 0.01 && ticks < 100) {
            controller.addStop(60'000);
            ++ticks;
        }
        QVERIFY2(ticks <= 6, qPrintable(QString::number(ticks)));
    }

    void occasionalSlowStopsStillSpendTheBudget()
    {
        // Every 33rd stop 100 times slower (the sampler or the server descheduled): over the run, the time spent
        // stopped is the aimed-at share of the budget (0.8), not far below it; the rate must not sink for good.
        RateController controller(1000, 0.01, true);
        double stoppedNs = 0;
        double elapsedNs = 0;
        for (int i = 0; i < 20'000; ++i) {
            const double stopNs = i % 33 == 0 ? 3'000'000 : 30'000;
            elapsedNs += 1e9 / controller.rateHz();
            stoppedNs += stopNs;
            controller.addStop(stopNs);
        }
        const double share = stoppedNs / elapsedNs;
        QVERIFY2(share <= 0.01 && share >= 0.7 * 0.01, qPrintable(QString::number(share)));
    }

    void neverBelowOneHertzAndFixedWhenNotAdaptive()
    {
        RateController slow(100, 0.01, true);
        slow.addStop(1e9);
        QCOMPARE(slow.rateHz(), 1.0);
        RateController fixed(500, 0.01, false);
        fixed.addStop(1e9);
        QCOMPARE(fixed.rateHz(), 500.0);
    }
};

QTEST_GUILESS_MAIN(TestRateController)
#include "tst_ratecontroller.moc"
