// Symbolizing a selected request's call tree on the Live page shows progress and can be cancelled. The
// sample store holds one request's window of samples whose frames are 300,000 distinct code addresses in
// this test's own executable (the workbench's code with its DWARF, symbolized for real); the live profiler and
// the page are wired as the main window wires them. Cancel stops the work between two frames and the page
// says so and stays usable; "Go on" finishes it and the request's tree appears.

#include "LivePage.h"
#include "LiveProfiler.h"
#include "ManyFramesStore.h"
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

constexpr test::ManyFrames kShape; // 300,000 frames
constexpr int kSamples = kShape.samples;
constexpr int kFramesPerSample = kShape.framesPerSample;
constexpr qint64 kSampleNs = kShape.sampleNs;

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
        page.requestsModel()->append(test::requestOverManyFrames(QStringLiteral("/many-frames"), kShape));
        page.requestsTable()->setCurrentIndex(page.requestsModel()->index(0, 0));
        page.sourceCombo()->setCurrentIndex(LivePage::SelectedRequest);

        LiveProfiler profiler(test::storeOfManyFrames(self, *first, kShape), kSampleNs);
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
