// Tests for the pure rules of the history: the alert window and which reports retention removes.

#include "history/Deduplication.h"
#include "history/HistoryRetention.h"

#include <QTest>

using namespace wpm;

namespace {

const QDateTime kStart(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);

HistoryEntry entry(const QString& id, const QDateTime& time, qint64 bytes = 1024, const QString& endpoint = {})
{
    HistoryEntry result;
    result.id = id;
    result.time = time;
    result.bytes = bytes;
    result.endpoint = endpoint;
    return result;
}

} // namespace

class TestHistoryRules : public QObject {
    Q_OBJECT

private slots:
    void windowSuppressesUntilItEnds();
    void zeroWindowAlwaysNotifies();
    void replayNotifiesOncePerWindowPerEndpoint();
    void retentionByCountRemovesOldestFirst();
    void retentionByAge();
    void retentionBySize();
    void retentionKeepsTheNewest();
    void unlimitedRemovesNothing();
};

void TestHistoryRules::windowSuppressesUntilItEnds()
{
    const DedupDecision first = decideAfter(std::nullopt, kStart, 10);
    QCOMPARE(first.status, DedupStatus::Notify);
    const DedupDecision within = decideAfter(kStart, kStart.addDays(3), 10);
    QCOMPARE(within.status, DedupStatus::Suppressed);
    QCOMPARE(within.suppressedUntil, kStart.addDays(10));
    QCOMPARE(decideAfter(kStart, kStart.addDays(10), 10).status, DedupStatus::Notify);
}

void TestHistoryRules::zeroWindowAlwaysNotifies()
{
    QCOMPARE(decideAfter(kStart, kStart, 0).status, DedupStatus::Notify);
}

void TestHistoryRules::replayNotifiesOncePerWindowPerEndpoint()
{
    QList<HistoryEntry> entries { entry("a", kStart, 1, "GET /a"), entry("b", kStart.addDays(1), 1, "GET /a"),
        entry("c", kStart.addDays(2), 1, "GET /b"), entry("d", kStart.addDays(7), 1, "GET /a"),
        entry("e", kStart.addDays(8), 1, "GET /a") };
    replayDeduplication(entries, 7);
    QList<DedupStatus> statuses;
    for (const HistoryEntry& e : entries)
        statuses.append(e.dedup.status);
    const QList<DedupStatus> expected { DedupStatus::Notify, DedupStatus::Suppressed, DedupStatus::Notify,
        DedupStatus::Notify, DedupStatus::Suppressed };
    QCOMPARE(statuses, expected);
    QCOMPARE(entries.at(1).dedup.suppressedUntil, kStart.addDays(7));
    QCOMPARE(entries.at(4).dedup.suppressedUntil, kStart.addDays(14));
}

void TestHistoryRules::retentionByCountRemovesOldestFirst()
{
    const QList<HistoryEntry> entries { entry("1", kStart), entry("2", kStart.addSecs(1)),
        entry("3", kStart.addSecs(2)), entry("4", kStart.addSecs(3)) };
    QCOMPARE(reportsToRemove(entries, { 0, 3, 0 }, kStart), QStringList { "1" });
    QCOMPARE(reportsToRemove(entries, { 0, 1, 0 }, kStart), (QStringList { "1", "2", "3" }));
}

void TestHistoryRules::retentionByAge()
{
    const QList<HistoryEntry> entries { entry("old", kStart.addDays(-40)), entry("edge", kStart.addDays(-30)),
        entry("new", kStart.addDays(-1)) };
    QCOMPARE(reportsToRemove(entries, { 30, 0, 0 }, kStart), QStringList { "old" });
}

void TestHistoryRules::retentionBySize()
{
    const qint64 mib = 1024 * 1024;
    const QList<HistoryEntry> entries { entry("1", kStart, mib), entry("2", kStart.addSecs(1), mib / 2),
        entry("3", kStart.addSecs(2), mib / 2), entry("4", kStart.addSecs(3), mib / 2) };
    // 1 MiB allows the two newest (0.5 + 0.5); the third newest would exceed it.
    QCOMPARE(reportsToRemove(entries, { 0, 0, 1 }, kStart), (QStringList { "1", "2" }));
    QCOMPARE(reportsToRemove(entries, { 0, 0, 3 }, kStart), QStringList {});
}

void TestHistoryRules::retentionKeepsTheNewest()
{
    const QList<HistoryEntry> entries { entry("1", kStart, 5 * 1024 * 1024),
        entry("2", kStart.addSecs(1), 5 * 1024 * 1024) };
    QCOMPARE(reportsToRemove(entries, { 0, 0, 1 }, kStart), QStringList { "1" });
    QCOMPARE(reportsToRemove(entries, { 1, 0, 0 }, kStart.addDays(100)), QStringList { "1" });
}

void TestHistoryRules::unlimitedRemovesNothing()
{
    const QList<HistoryEntry> entries { entry("1", kStart.addYears(-5), 1LL << 40), entry("2", kStart) };
    QCOMPARE(reportsToRemove(entries, {}, kStart), QStringList {});
    QCOMPARE(reportsToRemove({}, { 1, 1, 1 }, kStart), QStringList {});
}

QTEST_GUILESS_MAIN(TestHistoryRules)
#include "tst_historyrules.moc"
