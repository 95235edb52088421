// Symbolizing a selected request's call tree on the Live page shows progress and can be cancelled. The
// sample store holds one request's window of samples whose frames are 300,000 distinct code addresses in
// this test's own executable (the workbench's code with its DWARF, symbolized for real); the live profiler and
// the page are wired as the main window wires them. Cancel stops the work between two frames and the page
// says so and stays usable; "Go on" finishes it and the request's tree appears.

#include "LivePage.h"
#include "LiveProfiler.h"
#include "RequestsModel.h"
#include "symbols/Symbolizer.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace wpm;

namespace {

constexpr int kSamples = 3000;
constexpr int kFramesPerSample = 100; // each one a code address no other sample has
constexpr qint64 kRequestStartNs = 1'000'000;
constexpr qint64 kSampleNs = 1'000'000; // 1 kHz

// One request's window of samples in a store, every frame a distinct address of `module`'s code from
// `firstOffset` on.
std::shared_ptr<SampleStore> storeOfManyFrames(const QString& modulePath, quint64 firstOffset)
{
    auto store = std::make_shared<SampleStore>();
    const quint32 module = store->internModule(modulePath);
    for (int sample = 0; sample < kSamples; ++sample) {
        RawStack stack;
        stack.complete = true;
        for (int frame = 0; frame < kFramesPerSample; ++frame)
            stack.frames.append({ module, firstOffset + quint64(sample * kFramesPerSample + frame) * 2 });
        store->append(4242, 4242, kRequestStartNs + sample * kSampleNs, ThreadState::Running, stack);
    }
    return store;
}

RequestRecord theRequest()
{
    RequestRecord record;
    record.id = 1;
    record.method = QStringLiteral("GET");
    record.target = record.path = QStringLiteral("/many-frames");
    record.status = 200;
    record.startNs = kRequestStartNs;
    record.endNs = kRequestStartNs + kSamples * kSampleNs;
    record.startTime = QDateTime::currentDateTimeUtc();
    return record;
}

} // namespace

class TestLiveSymbolization : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cancelThenGoOn()
    {
        // The workbench's own code: the first address in the live page's constructor, 600 KB of code on.
        const QString self = QCoreApplication::applicationFilePath();
        const std::optional<quint64> first
            = Symbolizer().fileOffsetOfSymbol(self, QStringLiteral("wpm::LivePage::LivePage(QWidget*)"));
        QVERIFY(first);
        const QString firstFunction = Symbolizer().symbolize(self, *first).function;
        QCOMPARE(firstFunction, QStringLiteral("wpm::LivePage::LivePage(QWidget*)"));
        LivePage page;
        page.show();
        page.requestsModel()->append(theRequest());
        page.requestsTable()->setCurrentIndex(page.requestsModel()->index(0, 0));
        page.sourceCombo()->setCurrentIndex(LivePage::SelectedRequest);

        LiveProfiler profiler(storeOfManyFrames(self, *first), kSampleNs);
        QSignalSpy snapshots(&profiler, &LiveProfiler::snapshotAvailable);
        QSignalSpy cancelled(&profiler, &LiveProfiler::symbolizationCancelled);
        showLiveProfiler(&profiler, &page);
        profiler.start();

        // Progress shows while the request's frames are symbolized; Cancel stops it between two frames.
        QTRY_VERIFY_WITH_TIMEOUT(page.symbolizationBar()->isVisible(), 20000);
        QVERIFY(page.cancelSymbolizationButton()->isVisible());
        QVERIFY2(page.symbolizationBar()->text().startsWith(QStringLiteral("Symbolizing ")),
            qPrintable(page.symbolizationBar()->text()));
        QVERIFY(
            page.symbolizationBar()->text().endsWith(QStringLiteral(" of %1 frames").arg(kSamples * kFramesPerSample)));
        QTest::mouseClick(page.cancelSymbolizationButton(), Qt::LeftButton);
        QElapsedTimer sinceCancel;
        sinceCancel.start();
        QVERIFY(cancelled.wait(10000));
        qInfo("cancelled %lld ms after the click", sinceCancel.elapsed());
        const QString message = cancelled.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("cancelled after ")), qPrintable(message));
        const qint64 doneWhenCancelled = message.section(QStringLiteral("after "), 1).section(u' ', 0, 0).toLongLong();
        QVERIFY2(doneWhenCancelled > 0 && doneWhenCancelled < kSamples * kFramesPerSample, qPrintable(message));

        // The page says so and stays usable; no tree came of the cancelled work, and none comes later.
        QVERIFY(!page.symbolizationBar()->isVisible());
        QVERIFY(!page.cancelSymbolizationButton()->isVisible());
        QVERIFY(page.symbolizationLabel()->isVisible());
        QVERIFY(page.symbolizationLabel()->text().contains(QStringLiteral("cancelled")));
        QVERIFY(page.resumeSymbolizationButton()->isVisible());
        QTest::qWait(3 * LiveProfiler::defaultIntervalMs);
        QCOMPARE(snapshots.count(), 0);
        QCOMPARE(cancelled.count(), 1);
        page.requestsTable()->selectRow(0);
        QVERIFY(page.isEnabled() && page.sourceCombo()->isEnabled());

        // Going on finishes the work (the frames done before are cached) and the request's tree appears.
        QTest::mouseClick(page.resumeSymbolizationButton(), Qt::LeftButton);
        QVERIFY(!page.symbolizationLabel()->isVisible());
        QElapsedTimer sinceResume;
        sinceResume.start();
        QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty(), 60000);
        qInfo("the tree appeared %lld ms after going on", sinceResume.elapsed());
        QCOMPARE(snapshots.first().at(1).toULongLong(), quint64(kSamples));
        QVERIFY(snapshots.first().at(0).toString().contains(firstFunction));
        QTRY_VERIFY(!page.symbolizationBar()->isVisible());
        QCOMPARE(cancelled.count(), 1);
    }
};

QTEST_MAIN(TestLiveSymbolization)
#include "tst_livesymbolization.moc"
